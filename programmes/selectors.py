"""Reads the programme pages share: published programmes, filters and application status."""

import datetime
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlencode, urlsplit

from django.core.paginator import Paginator
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.http import QueryDict

from careers.models import CareerStage, Role
from core.cache import remember, remember_many
from core.models import Status
from core.pagination import nearest_page
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
    def unticked_items(self) -> list[dict]:
        """The options as the GOV.UK checkboxes macro takes them, none ticked: the list is
        drawn once and the visitor's choices ticked afterwards."""
        return [
            {
                "value": option.value,
                "text": option.text,
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
    # Tuples, not model instances: with hundreds of roles, building objects costs more
    # than reading the rows. Every visitor sees the same options, so they are kept until
    # content changes.
    stages = remember(
        "programme-filters:stages",
        lambda: list(CareerStage.objects.published().values_list("slug", "name", "includes")),
    )
    roles = remember(
        "programme-filters:roles",
        lambda: list(
            Role.objects.published()
            .order_by("stage__order", "order", "title")
            .values_list("slug", "title")
        ),
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
                        (slug, name, f"Includes {includes}" if includes else "")
                        for slug, name, includes in stages
                    ),
                    "stage",
                ),
            ),
            FilterGroup(
                "role", "Role", options(((slug, title, "") for slug, title in roles), "role")
            ),
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


# Enough to scan on a phone; the rest are a page link away.
PAGE_SIZE = 20

# Family by family (the order the list's headings follow), programmes without one last.
LIST_ORDER = (
    F("family__order").asc(nulls_last=True),
    "family__name",
    "family_id",
    "order",
    "name",
    "pk",
)


@dataclass(frozen=True)
class ListedProgramme:
    """What the list needs to place a programme: its key and its family's heading."""

    pk: int
    family_id: int | None
    family_name: str | None
    family_summary: str | None


@dataclass
class ProgrammePage:
    programmes: list[ListedProgramme]
    count: int
    number: int
    num_pages: int


def filtered_programmes(
    *, filters: ProgrammeFilters, today: datetime.date, page: str | None = None
) -> ProgrammePage:
    """One page of the programmes that match the filters, in list order. Which programmes
    match changes only with content and the date, so the keys of the matches are kept for
    each choice of filters until then; only the page shown is turned into entries."""
    choice = hashlib.sha256(urlencode(sorted(filters.query_pairs())).encode()).hexdigest()
    matches = remember(
        f"programme-list-matches:{today.isoformat()}:{choice}",
        lambda: list(_matching(filters, today).values_list("pk", "family_id")),
    )
    current = nearest_page(Paginator(matches, PAGE_SIZE), page)
    families = remember(
        "programme-families",
        lambda: {
            pk: (name, summary)
            for pk, name, summary in ProgrammeFamily.objects.values_list("pk", "name", "summary")
        },
    )
    return ProgrammePage(
        programmes=[
            ListedProgramme(pk, family_id, *families.get(family_id, (None, None)))
            for pk, family_id in current.object_list
        ],
        count=current.paginator.count,
        number=current.number,
        num_pages=current.paginator.num_pages,
    )


def _matching(filters: ProgrammeFilters, today: datetime.date) -> QuerySet:
    """Published programmes that match the filters, in list order, each once."""
    matches = Programme.objects.published()
    if stages := filters.group("stage").selected_values:
        matches = matches.filter(stages__in=CareerStage.objects.published().filter(slug__in=stages))
    if roles := filters.group("role").selected_values:
        matches = matches.filter(roles__in=Role.objects.published().filter(slug__in=roles))
    if formats := filters.group("format").selected_values:
        matches = matches.filter(format__in=formats)
    if filters.group("open").selected_values:
        matches = matches.filter(open_now_condition(today=today))
    # The subquery drops the duplicates the joins make.
    return Programme.objects.filter(pk__in=matches.values("pk")).order_by(*LIST_ORDER)


def list_programmes(*, ids: list[int]) -> dict[int, Programme]:
    """These programmes with what a list entry shows. Lists never show the body, the
    largest field."""
    return _with_list_details(Programme.objects.defer("body", "body_html")).in_bulk(ids)


@dataclass
class FamilyGroup:
    heading: str
    summary: str
    items: list


def group_by_family(programmes: list[ListedProgramme], items: dict[int, str]) -> list[FamilyGroup]:
    """Each programme's entry under its family's heading. Programmes come in list order, so
    each family's are together, and those without a family come last."""
    groups: list[FamilyGroup] = []
    family_ids: list[int | None] = []
    for programme in programmes:
        if programme.pk not in items:
            continue
        if not family_ids or family_ids[-1] != programme.family_id:
            heading = programme.family_name or "Other programmes"
            groups.append(FamilyGroup(heading, programme.family_summary or "", []))
            family_ids.append(programme.family_id)
        groups[-1].items.append(items[programme.pk])
    return groups


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
    """A published programme with only what its sign-up redirect needs, kept until content
    changes: the redirect is the busiest address at launch time, and its one write (the
    click) is the only database work it must do."""
    if not SLUG.match(slug):
        return None
    name = f"sign-up-programme:{slug}"

    def fetch(missing: list[str]) -> dict[str, Programme]:
        programme = (
            Programme.objects.published()
            .only("pk", "slug", "sign_up_url")
            .filter(slug=slug)
            .order_by("pk")
            .first()
        )
        # Unknown slugs are not kept: anyone can make up endless addresses.
        return {name: programme} if programme else {}

    return remember_many([name], fetch).get(name)


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
