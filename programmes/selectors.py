"""Reads the programme pages share: published programmes, filters and application status."""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import QueryDict

from careers.models import CareerStage, Role
from core.models import Status
from core.templating import format_date
from programmes.models import ApplicationWindow, Format, Programme, ProgrammeFamily

# Slugs and choice values are short and plain; anything else in a query string is ignored
# before it reaches the database (PostgreSQL rejects some characters, such as NUL).
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")


# Application status ----------------------------------------------------------------------


class ApplicationState(StrEnum):
    OPEN = "open"
    OPENS = "opens"
    CLOSED = "closed"
    ANY_TIME = "any_time"


@dataclass(frozen=True)
class ApplicationStatus:
    state: ApplicationState
    date: datetime.date | None = None

    @property
    def text(self) -> str:
        if self.state == ApplicationState.OPEN:
            return f"Applications open until {format_date(self.date)}"
        if self.state == ApplicationState.OPENS:
            return f"Opens on {format_date(self.date)}"
        if self.state == ApplicationState.CLOSED:
            return "Closed"
        return "Apply at any time"

    @property
    def is_open(self) -> bool:
        """People can apply today."""
        return self.state in (ApplicationState.OPEN, ApplicationState.ANY_TIME)

    @property
    def tag_colour(self) -> str:
        return {
            ApplicationState.OPEN: "govuk-tag--green",
            ApplicationState.OPENS: "govuk-tag--blue",
            ApplicationState.CLOSED: "govuk-tag--grey",
            ApplicationState.ANY_TIME: "govuk-tag--green",
        }[self.state]


def application_status(
    *, windows: Iterable[ApplicationWindow], today: datetime.date
) -> ApplicationStatus:
    """The status people see, from a programme's application windows on a given day.

    No windows means the programme takes people at any time. A window includes both its
    opening and closing days. When windows overlap, the latest closing date is shown."""
    windows = list(windows)
    if not windows:
        return ApplicationStatus(ApplicationState.ANY_TIME)
    open_now = [w.closes_on for w in windows if w.opens_on <= today <= w.closes_on]
    if open_now:
        return ApplicationStatus(ApplicationState.OPEN, max(open_now))
    upcoming = [w.opens_on for w in windows if w.opens_on > today]
    if upcoming:
        return ApplicationStatus(ApplicationState.OPENS, min(upcoming))
    return ApplicationStatus(ApplicationState.CLOSED)


def open_now_condition(*, today: datetime.date) -> Q:
    """The database version of ApplicationStatus.is_open, for filtering a list."""
    windows = ApplicationWindow.objects.filter(programme=OuterRef("pk"))
    return ~Exists(windows) | Exists(windows.filter(opens_on__lte=today, closes_on__gte=today))


# Filters ---------------------------------------------------------------------------------


FILTER_NAMES = ("stage", "role", "format", "open")
OPEN_NOW = "yes"


@dataclass
class FilterOption:
    value: str
    text: str
    hint: str = ""
    selected: bool = False


@dataclass
class FilterGroup:
    name: str
    legend: str
    options: list[FilterOption]

    @property
    def selected(self) -> list[FilterOption]:
        return [option for option in self.options if option.selected]

    @property
    def selected_values(self) -> list[str]:
        return [option.value for option in self.selected]

    @property
    def checkbox_items(self) -> list[dict]:
        """The options as the GOV.UK checkboxes macro takes them."""
        return [
            {
                "value": option.value,
                "text": option.text,
                "checked": option.selected,
                **({"hint": {"text": option.hint}} if option.hint else {}),
            }
            for option in self.options
        ]


@dataclass
class ProgrammeFilters:
    """The filters a visitor chose. Values the site does not know are dropped, so an old
    bookmark or a mistyped address still shows a list instead of an error."""

    groups: list[FilterGroup] = field(default_factory=list)

    def group(self, name: str) -> FilterGroup:
        return next(group for group in self.groups if group.name == name)

    @property
    def any_selected(self) -> bool:
        return any(group.selected for group in self.groups)

    def query_pairs(self, *, without: tuple[str, str] | None = None) -> list[tuple[str, str]]:
        return [
            (group.name, value)
            for group in self.groups
            for value in group.selected_values
            if (group.name, value) != without
        ]


def _requested(query: QueryDict, name: str) -> set[str]:
    return {value for value in query.getlist(name) if SLUG.match(value)}


def programme_filters(*, query: QueryDict) -> ProgrammeFilters:
    """Every filter option, with the ones in the query string marked as selected."""
    stages = CareerStage.objects.published().only("slug", "name", "includes")
    roles = (
        Role.objects.published().only("slug", "title").order_by("stage__order", "order", "title")
    )

    def options(items: Iterable[tuple[str, str, str]], name: str) -> list[FilterOption]:
        chosen = _requested(query, name)
        return [
            FilterOption(value=value, text=text, hint=hint, selected=value in chosen)
            for value, text, hint in items
        ]

    return ProgrammeFilters(
        groups=[
            FilterGroup(
                "stage",
                "Career stage",
                options(
                    (
                        (s.slug, s.name, f"Includes {s.includes}" if s.includes else "")
                        for s in stages
                    ),
                    "stage",
                ),
            ),
            FilterGroup("role", "Role", options(((r.slug, r.title, "") for r in roles), "role")),
            FilterGroup(
                "format", "Format", options(((v, t, "") for v, t in Format.choices), "format")
            ),
            FilterGroup(
                "open",
                "Applications",
                options(
                    [(OPEN_NOW, "Open now", "Includes programmes you can join at any time")], "open"
                ),
            ),
        ]
    )


# Programmes ------------------------------------------------------------------------------


def _with_list_details(programmes: QuerySet) -> QuerySet:
    return programmes.select_related("family", "provider").prefetch_related(
        "windows", Prefetch("stages", queryset=CareerStage.objects.published())
    )


def filtered_programmes(*, filters: ProgrammeFilters, today: datetime.date) -> list[Programme]:
    programmes = Programme.objects.published()
    if stages := filters.group("stage").selected_values:
        programmes = programmes.filter(
            stages__in=CareerStage.objects.published().filter(slug__in=stages)
        )
    if roles := filters.group("role").selected_values:
        programmes = programmes.filter(roles__in=Role.objects.published().filter(slug__in=roles))
    if formats := filters.group("format").selected_values:
        programmes = programmes.filter(format__in=formats)
    if filters.group("open").selected_values:
        programmes = programmes.filter(open_now_condition(today=today))
    # Lists never show the body, the largest field.
    return list(_with_list_details(programmes.defer("body", "body_html").distinct()))


@dataclass
class FamilyGroup:
    family: ProgrammeFamily | None
    programmes: list[Programme]

    @property
    def heading(self) -> str:
        return self.family.name if self.family else "Other programmes"


def group_by_family(programmes: Iterable[Programme]) -> list[FamilyGroup]:
    """One group per family, in the families' order, then programmes without a family."""
    groups: dict[int | None, FamilyGroup] = {}
    for programme in programmes:
        key = programme.family_id
        groups.setdefault(key, FamilyGroup(programme.family, [])).programmes.append(programme)

    def order(group: FamilyGroup) -> tuple:
        if group.family is None:
            return (1, 0, "")
        return (0, group.family.order, group.family.name)

    return sorted(groups.values(), key=order)


PAGE_PREFETCHES = ("windows", Prefetch("stages", queryset=CareerStage.objects.published()))


def published_programme(*, slug: str) -> Programme | None:
    """A published programme with everything its page shows, in fixed queries."""
    if not SLUG.match(slug):
        return None
    return (
        Programme.objects.published()
        .select_related("family", "provider", "next_programme")
        .prefetch_related(*PAGE_PREFETCHES)
        .filter(slug=slug)
        .first()
    )


def programme_for_sign_up(*, slug: str) -> Programme | None:
    """A published programme with only what its sign-up redirect needs: one small query,
    none of what its page shows (the redirect is the busiest address at launch time)."""
    if not SLUG.match(slug):
        return None
    return (
        Programme.objects.published()
        .only("pk", "slug", "sign_up_url")
        .filter(slug=slug)
        .order_by("pk")
        .first()
    )


def load_page_details(*, programme: Programme) -> None:
    """Fetch what a programme page shows, unless it is already there (a preview passes a
    programme straight from the admin)."""
    prefetch_related_objects([programme], *PAGE_PREFETCHES)


def sign_up_site(*, programme: Programme) -> str:
    """The site the sign-up link leads to, as people read it: 'thefrontline.org.uk'."""
    host = urlsplit(programme.sign_up_url).hostname or ""
    return host.removeprefix("www.")


def published_next_programme(*, programme: Programme) -> Programme | None:
    following = programme.next_programme
    if following is not None and following.status == Status.PUBLISHED:
        return following
    return None


def related_programmes(
    *, programme: Programme, stages: Iterable[CareerStage], limit: int = 6
) -> list[Programme]:
    """Other published programmes for the same career stages, one query."""
    stage_ids = [stage.pk for stage in stages]
    if not stage_ids:
        return []
    return list(
        Programme.objects.published()
        .filter(stages__in=stage_ids)
        .exclude(pk=programme.pk)
        .only("name", "slug", "order")
        .distinct()[:limit]
    )


def published_stage(*, slug: str | None) -> CareerStage | None:
    """The career stage a visitor came through, if the value names a published one."""
    if not slug or not SLUG.match(slug):
        return None
    return CareerStage.objects.published().filter(slug=slug).first()
