"""Open data: the published roles, with pay and progression, for other services to reuse."""

from pathlib import Path

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse

from careers.models import Role
from careers.selectors import requirements_prefetch, shown_requirements
from core import opendata
from core.seo import absolute_url

# This endpoint's part of the OpenAPI description (config/urls.py serves the whole).
OPENAPI = Path(__file__).with_name("openapi.yaml")


def _published_roles() -> list[Role]:
    return list(
        Role.objects.public()
        .select_related("stage")
        .prefetch_related(
            Prefetch("next_roles", queryset=Role.objects.public()),
            requirements_prefetch(),
        )
    )


def _item(request: HttpRequest, role: Role) -> dict:
    return {
        "slug": role.slug,
        "title": role.title,
        "url": absolute_url(request, role.get_absolute_url()),
        "career_stage": role.stage.slug,
        "other_names": role.other_names_list,
        "summary": role.summary,
        "salary_from": role.salary_from,
        "salary_to": role.salary_to,
        "experience": role.experience,
        "tasks": role.tasks_list,
        "skills": role.skills_list,
        "how_to_get": role.how_to_get,
        "working_with": role.working_with_list,
        "next_roles": [next_role.slug for next_role in role.next_roles.all()],
        "requirements": [
            {
                "statement": requirement.statement,
                "standard": requirement.standard.name if requirement.standard else None,
                "standard_url": requirement.standard.url if requirement.standard else None,
                "standard_reference": requirement.reference,
                "how_to_show": requirement.how_to_show,
            }
            for requirement in shown_requirements(role.listed_requirements)
        ],
        "last_modified": role.updated_at.isoformat(),
    }


def _csv_row(item: dict) -> dict:
    # One row per role: the requirements' statements, joined like the other lists.
    return {**item, "requirements": [r["statement"] for r in item["requirements"]]}


@opendata.open_data_view
def roles(request: HttpRequest) -> HttpResponse:
    roles = _published_roles()
    items = [_item(request, role) for role in roles]
    return opendata.respond(
        request,
        name="roles",
        items=items,
        csv_rows=lambda: [_csv_row(item) for item in items],
        last_modified=max((role.updated_at for role in roles), default=None),
    )
