"""The rules of "Plan your next step": which roles to suggest from someone's answers, and what
their plan says about each. Views and templates only show what these functions return.

The questions themselves, and how answers are read from the address, are in
careers.plan_flow."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects

from careers import selectors
from careers.models import CareerPath, Role
from core.cache import remember, remember_many

UNSURE = "unsure"
MIN_SUGGESTIONS = 2
MAX_SUGGESTIONS = 4
# How many moves along the career map a suggestion may be: further than that is not a
# next step.
FURTHEST_STEP = 3
# Social Work England's registration year ends on 30 November: CPD must be recorded by then.
CPD_DEADLINE_MONTH = 11
CPD_DEADLINE_DAY = 30


@dataclass(frozen=True)
class Aim:
    value: str
    text: str
    # The career paths that lead where the person wants to go, best first.
    paths: tuple[str, ...]


AIMS = [
    Aim("specialise", "To specialise in practice", (CareerPath.PRACTICE,)),
    Aim(
        "supervise",
        "To supervise other social workers",
        (CareerPath.SUPERVISION, CareerPath.MANAGEMENT),
    ),
    Aim("manage", "To manage a team", (CareerPath.MANAGEMENT, CareerPath.SUPERVISION)),
    Aim("lead", "To lead a service", (CareerPath.LEADERSHIP, CareerPath.MANAGEMENT)),
    Aim(UNSURE, "I'm not sure yet", ()),
]
AIMS_BY_VALUE = {aim.value: aim for aim in AIMS}
PATH_NAMES = {
    CareerPath.PRACTICE: "Practice",
    CareerPath.SUPERVISION: "Supervision",
    CareerPath.MANAGEMENT: "Management",
    CareerPath.LEADERSHIP: "Leadership",
}

# Time since qualifying. Early in a career, the nearest roles come first whatever the aim,
# because the further ones usually need more years in practice.
YEARS = [
    ("under-1", "Less than 1 year"),
    ("1-2", "1 to 2 years"),
    ("3-5", "3 to 5 years"),
    ("over-5", "More than 5 years"),
]
EARLY_CAREER = {"under-1", "1-2"}

LOCAL_AUTHORITY = "yes"
EMPLOYERS = [
    (LOCAL_AUTHORITY, "Yes, I work for a local authority"),
    ("no", "No, I work for another kind of employer"),
    ("agency", "I'm an agency social worker"),
]


def next_cpd_deadline(today: datetime.date) -> datetime.date:
    """The next 30 November on or after today."""
    this_year = datetime.date(today.year, CPD_DEADLINE_MONTH, CPD_DEADLINE_DAY)
    if today <= this_year:
        return this_year
    return datetime.date(today.year + 1, CPD_DEADLINE_MONTH, CPD_DEADLINE_DAY)


# The map of roles ------------------------------------------------------------------------


def map_roles() -> list[Role]:
    """Every public role with its published next roles and the slugs of its published areas
    of practice, kept until content changes."""

    def fetch() -> list[Role]:
        roles = selectors.career_map_roles()
        prefetch_related_objects(
            roles, Prefetch("areas", queryset=selectors.published_areas(), to_attr="plan_areas")
        )
        for role in roles:
            role.area_slugs = frozenset(area.slug for area in role.plan_areas)
        return roles

    return remember("plan-map-roles", fetch)


def can_plan_from(role: Role) -> bool:
    """A role someone can plan a next step from: the map shows a role after it."""
    return bool(role.published_next_roles)


def reachable(current: Role, roles: Sequence[Role]) -> list[tuple[Role, int]]:
    """Roles that follow the current one on the map, each with how many moves away it is,
    nearest first and then in the map's order."""
    by_pk = {role.pk: role for role in roles}
    order = {role.pk: index for index, role in enumerate(roles)}
    found: dict[int, int] = {}
    frontier = [current]
    for distance in range(1, FURTHEST_STEP + 1):
        following = []
        for role in frontier:
            for next_role in role.published_next_roles:
                if (
                    next_role.pk in by_pk
                    and next_role.pk != current.pk
                    and next_role.pk not in found
                ):
                    found[next_role.pk] = distance
                    following.append(by_pk[next_role.pk])
        frontier = following
    return sorted(
        ((by_pk[pk], distance) for pk, distance in found.items()),
        key=lambda pair: (pair[1], order[pair[0].pk]),
    )


def suggest(
    *, current: Role, roles: Sequence[Role], aim: str, years: str, areas: Sequence[str] = ()
) -> list[Role]:
    """The 2 to 4 roles to suggest (fewer only when the map holds fewer after this role).

    Roles on the paths that lead where the person wants to go come first, the better path
    first, then those in the areas of practice they chose, then the nearest. Early in a
    career (under 3 years) the nearest come first, on the paths or not, since the further
    ones usually need more years in practice. Not sure yet: the nearest role on each path, to
    compare. Other nearby roles make up the number when too few are on the paths."""
    candidates = reachable(current, roles)
    chosen_areas = set(areas)

    def area_matches(role: Role) -> int:
        return len(role.area_slugs & chosen_areas)

    if aim == UNSURE:
        picked: list[Role] = []
        for path in CareerPath:
            on_path = [role for role, _ in candidates if role.path == path and role not in picked]
            if on_path:
                picked.append(on_path[0])
    else:
        paths = AIMS_BY_VALUE[aim].paths

        def fit(role: Role) -> int:
            return paths.index(role.path) if role.path in paths else len(paths)

        if years in EARLY_CAREER:
            ranked = sorted(
                candidates, key=lambda pair: (pair[1], fit(pair[0]), -area_matches(pair[0]))
            )
        else:
            on_paths = [pair for pair in candidates if pair[0].path in paths]
            ranked = sorted(
                on_paths, key=lambda pair: (fit(pair[0]), -area_matches(pair[0]), pair[1])
            )
        picked = [role for role, _ in ranked]
    picked = picked[:MAX_SUGGESTIONS]
    for role, _ in candidates:
        if len(picked) >= MIN_SUGGESTIONS:
            break
        if role not in picked:
            picked.append(role)
    return picked


# What the plan says about each suggested role --------------------------------------------


def role_details(slugs: list[str]) -> dict[str, Role]:
    """The suggested roles with their published programmes (and application windows) and
    what each needs people to show, kept per role until content changes. The number of
    queries is the same however many roles are asked for."""
    names = {slug: f"plan-role:{slug}" for slug in slugs}

    def fetch(missing: list[str]) -> dict[str, Role]:
        wanted = [slug for slug, name in names.items() if name in missing]
        roles = (
            selectors.published_roles()
            .filter(slug__in=wanted)
            .prefetch_related(
                Prefetch(
                    "programmes",
                    queryset=selectors.published_programmes(),
                    to_attr="published_programmes",
                ),
                selectors.requirements_prefetch(),
            )
        )
        return {names[role.slug]: role for role in roles}

    found = remember_many(list(names.values()), fetch)
    return {slug: found[name] for slug, name in names.items() if name in found}


@dataclass(frozen=True)
class Suggestion:
    role: Role
    step: selectors.NextStep
    on_path: bool
    requirements: list[selectors.ShownRequirement]
    # Programmes that have not ended, each with its status today.
    programmes: list[selectors.ProgrammeEntry]

    @property
    def path_name(self) -> str:
        return PATH_NAMES[self.role.path]

    @property
    def open_programmes(self) -> list[selectors.ProgrammeEntry]:
        return [entry for entry in self.programmes if entry.status.can_apply]


@dataclass(frozen=True)
class Plan:
    current: Role
    aim: Aim
    years: str
    employer: str
    suggestions: list[Suggestion]
    cpd_deadline: datetime.date

    @property
    def unsure(self) -> bool:
        return self.aim.value == UNSURE

    @property
    def at_local_authority(self) -> bool:
        return self.employer == LOCAL_AUTHORITY

    @property
    def open_programmes(self) -> list[selectors.ProgrammeEntry]:
        """Programmes in the plan people can apply for or start today, each once."""
        seen, entries = set(), []
        for suggestion in self.suggestions:
            for entry in suggestion.open_programmes:
                if entry.programme.pk not in seen:
                    seen.add(entry.programme.pk)
                    entries.append(entry)
        return entries

    @property
    def requirement_ids(self) -> set[int]:
        return {req.pk for s in self.suggestions for req in s.requirements}

    @property
    def suggested_slugs(self) -> list[str]:
        return [s.role.slug for s in self.suggestions]


def build_plan(
    *, role: str, years: str, aim: str, employer: str, areas: Sequence[str], today: datetime.date
) -> Plan | None:
    """The plan for a complete, valid set of answers (None if the role cannot be planned
    from). Programme statuses are worked out for today when the plan is drawn, not kept."""
    roles = map_roles()
    current = next((r for r in roles if r.slug == role and can_plan_from(r)), None)
    if current is None:
        return None
    picked = suggest(current=current, roles=roles, aim=aim, years=years, areas=areas)
    details = role_details([target.slug for target in picked])
    paths = AIMS_BY_VALUE[aim].paths
    suggestions = []
    for target in picked:
        detailed = details.get(target.slug)
        if detailed is None:
            continue
        suggestions.append(
            Suggestion(
                role=detailed,
                step=selectors.next_step(current=current, target=detailed),
                on_path=aim == UNSURE or detailed.path in paths,
                requirements=selectors.shown_requirements(detailed.listed_requirements),
                programmes=selectors.current_programmes(detailed.published_programmes, today=today),
            )
        )
    return Plan(
        current=current,
        aim=AIMS_BY_VALUE[aim],
        years=years,
        employer=employer,
        suggestions=suggestions,
        cpd_deadline=next_cpd_deadline(today),
    )
