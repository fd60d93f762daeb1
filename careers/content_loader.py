from pathlib import Path

from careers.models import AreaOfPractice, CareerStage, GuidancePage, Requirement, Role, Standard
from core.content_files import as_date, as_lines, overwrite_for_revision, read_yaml, save_by_slug
from core.models import Status

CONTENT_FILE = Path(__file__).parent / "content" / "careers.yaml"


def load(*, overwrite: bool = False) -> dict[str, int]:
    content = read_yaml(CONTENT_FILE)
    overwrite = overwrite_for_revision(name="careers", content=content, overwrite=overwrite)
    # Guidance pages first: a career stage may link to one.
    guidance = _load_guidance(content["guidance"], overwrite)
    # Standards before roles: role requirements name them.
    standards = _load_standards(content.get("standards") or [], overwrite)
    return {
        "standards": standards,
        "career stages": _load_stages(content["stages"], overwrite),
        "roles": _load_roles(content["roles"], overwrite),
        "areas of practice": _load_areas(content["areas"], overwrite),
        "guidance pages": guidance,
    }


def _load_stages(stages: list[dict], overwrite: bool) -> int:
    guidance_pages = {page.slug: page for page in GuidancePage.objects.all()}
    written = 0
    for order, stage in enumerate(stages, start=1):
        fields = {
            "name": stage["name"],
            "heading": stage["heading"],
            "includes": stage["includes"],
            "summary": stage.get("summary", ""),
            "order": order,
            "guidance": guidance_pages.get(stage.get("guidance") or ""),
            "see_also": guidance_pages.get(stage.get("see_also") or ""),
            "status": Status.PUBLISHED,
        }
        written += save_by_slug(
            CareerStage, slug=stage["slug"], fields=fields, overwrite=overwrite
        )[1]
    return written


def _load_roles(roles: list[dict], overwrite: bool) -> int:
    stages = {stage.slug: stage for stage in CareerStage.objects.all()}
    guidance_pages = {page.slug: page for page in GuidancePage.objects.all()}
    standards = {standard.slug: standard for standard in Standard.objects.all()}
    saved_roles = []
    for order, role in enumerate(roles, start=1):
        fields = {
            "title": role["title"],
            "stage": stages[role["stage"]],
            "other_names": as_lines(role.get("other_names")),
            "summary": role["summary"],
            "salary_from": role.get("salary_from"),
            "salary_to": role.get("salary_to"),
            "salary_source": role.get("salary_source") or "",
            "salary_source_url": role.get("salary_source_url") or "",
            "salary_source_year": role.get("salary_source_year"),
            "salary_note": role.get("salary_note") or "",
            "facts_checked_on": as_date(role.get("facts_checked_on")),
            "facts_source_url": role.get("facts_source_url") or "",
            "experience": role.get("experience", ""),
            "tasks": as_lines(role.get("tasks")),
            "skills": as_lines(role.get("skills")),
            "how_to_get": role.get("how_to_get", ""),
            "working_with": as_lines(role.get("working_with")),
            "jobs": role.get("jobs", ""),
            "path": role.get("path", "practice"),
            "interview_questions": as_lines(role.get("interview_questions")),
            "questions_to_ask": as_lines(role.get("questions_to_ask")),
            "see_also": guidance_pages.get(role.get("see_also") or ""),
            "order": order,
            "status": Status.PUBLISHED,
        }
        obj, saved = save_by_slug(Role, slug=role["slug"], fields=fields, overwrite=overwrite)
        if saved:
            saved_roles.append((obj, role.get("next_roles") or []))
            _load_requirements(obj, role.get("requirements") or [], standards)
    # Progression links need every role in place first.
    by_slug = {role.slug: role for role in Role.objects.all()}
    for obj, next_slugs in saved_roles:
        obj.next_roles.set([by_slug[slug] for slug in next_slugs])
    return len(saved_roles)


def _load_standards(standards: list[dict], overwrite: bool) -> int:
    written = 0
    for order, standard in enumerate(standards, start=1):
        fields = {
            "name": standard["name"],
            "url": standard["url"],
            "summary": standard["summary"],
            "order": order,
            "status": Status.PUBLISHED,
        }
        written += save_by_slug(
            Standard, slug=standard["slug"], fields=fields, overwrite=overwrite
        )[1]
    return written


def _load_requirements(role: Role, requirements: list[dict], standards: dict) -> None:
    """The role's requirements become the bundled ones, as its other fields just did."""
    role.requirements.all().delete()
    for order, requirement in enumerate(requirements, start=1):
        obj = Requirement(
            role=role,
            statement=requirement["statement"],
            standard=standards[requirement["standard"]] if requirement.get("standard") else None,
            standard_reference=requirement.get("reference") or "",
            how_to_show=as_lines(requirement.get("how_to_show")),
            order=order,
        )
        obj._change_reason = "Bundled content loaded"
        obj.full_clean()
        obj.save()


def _load_areas(areas: list[dict], overwrite: bool) -> int:
    roles = {role.slug: role for role in Role.objects.all()}
    written = 0
    for order, area in enumerate(areas, start=1):
        fields = {
            "name": area["name"],
            "other_names": as_lines(area.get("other_names")),
            "summary": area["summary"],
            "tasks": as_lines(area.get("tasks")),
            "skills": as_lines(area.get("skills")),
            "working_with": as_lines(area.get("working_with")),
            "order": order,
            "status": Status.PUBLISHED,
        }
        obj, saved = save_by_slug(
            AreaOfPractice, slug=area["slug"], fields=fields, overwrite=overwrite
        )
        if saved:
            obj.related_roles.set([roles[slug] for slug in area.get("related_roles") or []])
            written += 1
    return written


def _load_guidance(pages: list[dict], overwrite: bool) -> int:
    written = 0
    for page in pages:
        fields = {
            "title": page["title"],
            "summary": page["summary"],
            "body": page["body"],
            "status": Status.PUBLISHED,
        }
        written += save_by_slug(
            GuidancePage, slug=page["slug"], fields=fields, overwrite=overwrite
        )[1]
    return written
