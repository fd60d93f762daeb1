"""Reads the careers pages share. Each function runs a fixed number of queries, however many
roles there are, so pages stay fast as editors add content."""

import datetime
from dataclasses import dataclass
from itertools import groupby
from typing import NamedTuple
from urllib.parse import urlencode

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from careers.models import AreaOfPractice, CareerStage, GuidancePage, Requirement, Role, Standard
from core.cache import remember, remember_many
from core.selectors import public_or_none
from core.templating import format_money


def _programme_model():
    # Programmes live on a higher floor: reach them through the reverse relation, never an
    # import, so this app does not depend on that one.
    return Role._meta.get_field("programmes").related_model


def published_programmes() -> QuerySet:
    """Public programmes with their application windows, which their status needs."""
    return _programme_model().objects.public().prefetch_related("windows")


def published_stages() -> QuerySet[CareerStage]:
    return CareerStage.objects.public()


def published_stage(*, slug: str) -> CareerStage | None:
    return published_stages().select_related("guidance", "see_also").filter(slug=slug).first()


def published_roles() -> QuerySet[Role]:
    """Roles the public may see (Role.public_requires), in stage order."""
    return Role.objects.public().select_related("stage")


def published_role(*, slug: str) -> Role | None:
    return published_roles().select_related("see_also").filter(slug=slug).first()


def published_areas() -> QuerySet[AreaOfPractice]:
    return AreaOfPractice.objects.public()


def published_area(*, slug: str) -> AreaOfPractice | None:
    return published_areas().filter(slug=slug).first()


def published_guidance_page(*, slug: str) -> GuidancePage | None:
    return GuidancePage.objects.public().filter(slug=slug).first()


@dataclass(frozen=True)
class StageRoles:
    stage: CareerStage
    roles: list[Role]


def roles_by_stage(roles: list[Role]) -> list[StageRoles]:
    """Roles (already in stage order) grouped under their career stage."""
    return [
        StageRoles(stage=stage, roles=list(group))
        for stage, group in groupby(roles, key=lambda role: role.stage)
    ]


@dataclass(frozen=True)
class ProgrammeEntry:
    programme: object
    status: object


def current_programmes(programmes, *, today: datetime.date) -> list[ProgrammeEntry]:
    """The programmes that have not ended, each with its status today. The rule itself
    belongs to the programmes app (Programme.status_on), reached through the relation."""
    entries = [ProgrammeEntry(p, p.status_on(today)) for p in programmes]
    return [entry for entry in entries if entry.status.is_current]


def stage_page(*, stage: CareerStage, today: datetime.date) -> dict:
    """What a stage page shows: its public programmes that have not ended, with their
    status today, its public roles, and its CPD page."""
    programmes = published_programmes().filter(stages=stage)
    return {
        "programmes": current_programmes(programmes, today=today),
        # A draft stage's preview shows the roles that will be public once it is published.
        "roles": list(Role.objects.public(assuming=["stage"]).filter(stage=stage)),
        "guidance": public_or_none(stage.guidance if stage.guidance_id else None),
        "see_also": public_or_none(stage.see_also if stage.see_also_id else None),
    }


FIND_A_JOB_SEARCH = "https://findajob.dwp.gov.uk/search"


def find_a_job_url(role: Role) -> str:
    """A search of Find a job, the government's jobs site, for the role's title."""
    return f"{FIND_A_JOB_SEARCH}?{urlencode({'q': role.title})}"


class ShownRequirement(NamedTuple):
    """A requirement as the public sees it: the standard only when that is published."""

    statement: str
    standard: Standard | None
    reference: str
    how_to_show: list[str]
    # Which requirement it is: a plan's tick list names the ones ticked by it.
    pk: int | None = None


def requirements_prefetch() -> Prefetch:
    """A role's requirements with their standards, as `listed_requirements`."""
    return Prefetch(
        "requirements",
        queryset=Requirement.objects.select_related("standard"),
        to_attr="listed_requirements",
    )


def shown_requirements(requirements: list[Requirement]) -> list[ShownRequirement]:
    return [_shown(requirement) for requirement in requirements]


def _shown(requirement: Requirement) -> ShownRequirement:
    standard = public_or_none(requirement.standard)
    return ShownRequirement(
        statement=requirement.statement,
        standard=standard,
        # A part of a standard the public cannot see yet would point nowhere.
        reference=requirement.standard_reference if standard is not None else "",
        how_to_show=requirement.how_to_show_list,
        pk=requirement.pk,
    )


def roles_naming(standard: Standard) -> list[Role]:
    """The public roles with a requirement that comes from the standard."""
    return list(published_roles().filter(requirements__standard=standard).distinct())


def role_page(*, role: Role, today: datetime.date) -> dict:
    """The related lists on a role's page, for a role whatever its status."""
    related_roles = published_roles().order_by("stage__order", "order", "title")
    prefetch_related_objects(
        [role],
        requirements_prefetch(),
        Prefetch("next_roles", queryset=related_roles, to_attr="published_next_roles"),
        Prefetch("previous_roles", queryset=related_roles, to_attr="published_previous_roles"),
        Prefetch("programmes", queryset=published_programmes(), to_attr="published_programmes"),
        Prefetch("areas", queryset=published_areas(), to_attr="published_areas"),
    )
    requirements = shown_requirements(role.listed_requirements)
    return {
        "see_also": public_or_none(role.see_also if role.see_also_id else None),
        "next_roles": role.published_next_roles,
        "previous_roles": role.published_previous_roles,
        "programmes": current_programmes(role.published_programmes, today=today),
        "areas": role.published_areas,
        "requirements": requirements,
        # Each standard once, in the order the requirements first name it.
        "standards": list(
            {item.standard.pk: item.standard for item in requirements if item.standard}.values()
        ),
        "find_a_job_url": find_a_job_url(role),
    }


class RoleChoice(NamedTuple):
    slug: str
    title: str


def role_choices() -> list[RoleChoice]:
    """Every public role's slug and title, for forms that list them all, kept until content
    changes. Tuples, not model instances: with hundreds of roles, building objects costs more
    than reading the rows."""
    return remember(
        "role-choices",
        lambda: [RoleChoice(*row) for row in published_roles().values_list("slug", "title")],
    )


def keep_current_programmes(roles: list[Role], *, today: datetime.date) -> None:
    """Leave only programmes that have not ended in each role's published programmes.
    Done when a page is drawn, not when roles are kept in the cache, because programmes
    start and end by date."""
    for role in roles:
        entries = current_programmes(role.published_programmes, today=today)
        role.published_programmes = [entry.programme for entry in entries]


def compare_roles(*, slugs: list[str], today: datetime.date) -> list[Role]:
    """The chosen public roles with the programmes that prepare for each, in the order
    chosen. Each role is kept until content changes: comparisons vary with every choice of
    roles, but there are only as many roles as editors make."""
    names = {slug: f"compared-role:{slug}" for slug in slugs}

    def fetch(missing: list[str]) -> dict[str, Role]:
        programmes = published_programmes().only(
            "slug", "name", "lifecycle", "how_to_join", "starts_on", "ended_on"
        )
        roles = (
            published_roles()
            .filter(slug__in=[slug for slug, name in names.items() if name in missing])
            .prefetch_related(
                Prefetch("programmes", queryset=programmes, to_attr="published_programmes")
            )
        )
        return {names[role.slug]: role for role in roles}

    found = remember_many(list(names.values()), fetch)
    roles = [found[name] for name in names.values() if name in found]
    keep_current_programmes(roles, today=today)
    return roles


def area_page(*, area: AreaOfPractice) -> dict:
    return {"roles": list(published_roles().filter(areas=area))}


def career_map_roles() -> list[Role]:
    """Every public role with its published next roles, for the career path map."""
    return list(
        published_roles().prefetch_related(
            Prefetch("next_roles", queryset=Role.objects.public(), to_attr="published_next_roles")
        )
    )


def describe_change(amount: int) -> str:
    if amount > 0:
        return f"{format_money(amount)} more"
    if amount < 0:
        return f"{format_money(-amount)} less"
    return "the same"


@dataclass(frozen=True)
class NextStep:
    """A role someone could move on to, with how its typical pay compares with theirs."""

    role: Role
    start_change: int | None
    top_change: int | None

    @property
    def salary_change(self) -> str:
        if self.start_change is None or self.top_change is None:
            return "Not known: there is no published pay figure for one of these roles"
        if self.start_change == self.top_change:
            return f"{describe_change(self.start_change)} across the typical range"
        return (
            f"{describe_change(self.start_change)} at the start of the typical range, "
            f"{describe_change(self.top_change)} at the top"
        )


def _difference(target: int | None, current: int | None) -> int | None:
    return None if target is None or current is None else target - current


def next_step(*, current: Role, target: Role) -> NextStep:
    return NextStep(
        role=target,
        start_change=_difference(target.salary_from, current.salary_from),
        top_change=_difference(target.salary_to, current.salary_to),
    )


def next_steps(*, current: Role, roles: list[Role], today: datetime.date) -> list[NextStep]:
    """The next roles from the current one (from the map's roles), with salary changes and
    the programmes that prepare for each."""
    by_id = {role.pk: role for role in roles}
    targets = [by_id[role.pk] for role in current.published_next_roles if role.pk in by_id]
    prefetch_related_objects(
        targets,
        Prefetch("programmes", queryset=published_programmes(), to_attr="published_programmes"),
    )
    keep_current_programmes(targets, today=today)
    return [next_step(current=current, target=target) for target in targets]


class AreaChoice(NamedTuple):
    slug: str
    name: str


def area_choices() -> list[AreaChoice]:
    """Every published area of practice's slug and name, kept until content changes."""
    return remember(
        "area-choices",
        lambda: [AreaChoice(*row) for row in published_areas().values_list("slug", "name")],
    )
