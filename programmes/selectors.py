"""Reads the programme pages share: published programmes, filters and application status."""

import datetime
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.db.models import (
    F,
    Prefetch,
    QuerySet,
    prefetch_related_objects,
)
from django.http import QueryDict

from careers.models import CareerStage, Role
from core.cache import content_version, remember
from core.pagination import nearest_page
from core.selectors import public_or_none
from programmes.lifecycle import ProgrammeStatus, Window, programme_status
from programmes.models import ApplicationWindow, Format, Programme, ProgrammeFamily

# Slugs and choice values are short and plain; anything else in a query string is ignored
# before it reaches the database (PostgreSQL rejects some characters, such as NUL).
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")


# Filters ---------------------------------------------------------------------------------


FILTER_NAMES = ("stage", "role", "format", "open", "ended")
YES = "yes"


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
    def items(self) -> list[dict]:
        """The options as the GOV.UK checkboxes macro takes them (it ticks `values`)."""
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
        lambda: list(CareerStage.objects.public().values_list("slug", "name", "includes")),
    )
    roles = remember(
        "programme-filters:roles",
        lambda: list(
            Role.objects.public()
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
                "Application status",
                options([(YES, "Open now", "Programmes you can apply for or start today")], "open"),
            ),
            FilterGroup(
                "ended",
                "Programmes that have ended",
                options([(YES, "Show programmes that have ended", "")], "ended"),
            ),
        ]
    )


# Programmes ------------------------------------------------------------------------------


def _with_list_details(programmes: QuerySet) -> QuerySet:
    return programmes.select_related("family", "provider").prefetch_related(
        "windows", Prefetch("stages", queryset=CareerStage.objects.public())
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
    has_ended: bool = False


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
        lambda: _matching(filters, today),
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
            ListedProgramme(pk, family_id, *families.get(family_id, (None, None)), has_ended)
            for pk, family_id, has_ended in current.object_list
        ],
        count=current.paginator.count,
        number=current.number,
        num_pages=current.paginator.num_pages,
    )


def _matching(filters: ProgrammeFilters, today: datetime.date) -> list[tuple[int, int, bool]]:
    """The key, family and whether it has ended of each published programme that matches
    the filters, in list order, each once. Programmes that have ended come last, under their
    own heading, and only when asked for; "open now" means people can apply today. Both are
    worked out by the one status rule (programmes.lifecycle), not a second copy in SQL."""
    rows = list(
        _filtered(filters).values_list(
            "pk", "family_id", "lifecycle", "how_to_join", "starts_on", "ended_on"
        )
    )
    windows = _windows_by_programme([row[0] for row in rows])
    show_ended = bool(filters.group("ended").selected_values)
    open_only = bool(filters.group("open").selected_values)
    current, ended = [], []
    for pk, family_id, lifecycle, how_to_join, starts_on, ended_on in rows:
        status = programme_status(
            lifecycle=lifecycle,
            how_to_join=how_to_join,
            starts_on=starts_on,
            ended_on=ended_on,
            windows=windows.get(pk, ()),
            today=today,
        )
        if open_only and not status.can_apply:
            continue
        if status.has_ended:
            if show_ended:
                ended.append((pk, family_id, True))
        else:
            current.append((pk, family_id, False))
    return current + ended


def _windows_by_programme(ids: list[int]) -> dict[int, list[Window]]:
    windows: dict[int, list[Window]] = {}
    rows = ApplicationWindow.objects.filter(programme__in=ids).values_list(
        "programme_id", "opens_on", "closes_on"
    )
    for programme_id, opens_on, closes_on in rows:
        windows.setdefault(programme_id, []).append(Window(opens_on, closes_on))
    return windows


def _filtered(filters: ProgrammeFilters) -> QuerySet:
    """Published programmes that match the stage, role and format filters, in list order,
    each once."""
    matches = Programme.objects.public()
    if stages := filters.group("stage").selected_values:
        matches = matches.filter(stages__in=CareerStage.objects.public().filter(slug__in=stages))
    if roles := filters.group("role").selected_values:
        matches = matches.filter(roles__in=Role.objects.public().filter(slug__in=roles))
    if formats := filters.group("format").selected_values:
        matches = matches.filter(format__in=formats)
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


ENDED_HEADING = "Programmes that have ended"
ENDED_SUMMARY = "These programmes no longer run. Each page says what you can do instead."


def group_by_family(programmes: list[ListedProgramme], items: dict[int, str]) -> list[FamilyGroup]:
    """Each programme's entry under its family's heading. Programmes come in list order, so
    each family's are together, and those without a family come after them. Programmes that
    have ended come last, all under one heading."""
    groups: list[FamilyGroup] = []
    keys: list[object] = []
    for programme in programmes:
        if programme.pk not in items:
            continue
        key = "ended" if programme.has_ended else programme.family_id
        if not keys or keys[-1] != key:
            if programme.has_ended:
                groups.append(FamilyGroup(ENDED_HEADING, ENDED_SUMMARY, []))
            else:
                heading = programme.family_name or "Other programmes"
                groups.append(FamilyGroup(heading, programme.family_summary or "", []))
            keys.append(key)
        groups[-1].items.append(items[programme.pk])
    return groups


PAGE_PREFETCHES = ("windows", Prefetch("stages", queryset=CareerStage.objects.public()))


def published_programme(*, slug: str) -> Programme | None:
    """A published programme with everything its page shows, in fixed queries."""
    if not SLUG.match(slug):
        return None
    return (
        Programme.objects.public()
        .select_related("family", "provider", "next_programme", "replaced_by")
        .prefetch_related(*PAGE_PREFETCHES)
        .filter(slug=slug)
        .first()
    )


@dataclass(frozen=True)
class SignUpEntry:
    """What a programme's sign-up redirect needs, without the database."""

    pk: int
    slug: str
    sign_up_url: str
    lifecycle: str
    how_to_join: str
    starts_on: datetime.date | None
    ended_on: datetime.date | None
    windows: tuple[Window, ...]

    def status_on(self, today: datetime.date) -> ProgrammeStatus:
        return programme_status(
            lifecycle=self.lifecycle,
            how_to_join=self.how_to_join,
            starts_on=self.starts_on,
            ended_on=self.ended_on,
            windows=self.windows,
            today=today,
        )


@dataclass(frozen=True)
class _SignUpTable:
    version: int
    entries: dict[str, SignUpEntry]


# Every published programme's sign-up details, held by each process and read again when the
# content version moves. The redirect is the busiest address at launch time, and it must
# still send people on while the database is down, even for a programme nobody has clicked
# since the process started. It holds only published content, which every process can
# rebuild, so no process holds anything another one needs.
_sign_up_table: _SignUpTable | None = None


def load_sign_up_table() -> None:
    """Read every published programme's sign-up details (two queries). Called when a web
    process starts, and again whenever content changes."""
    global _sign_up_table
    version = content_version()
    rows = list(
        Programme.objects.public().values_list(
            "pk", "slug", "sign_up_url", "lifecycle", "how_to_join", "starts_on", "ended_on"
        )
    )
    windows = _windows_by_programme([row[0] for row in rows])
    entries = {row[1]: SignUpEntry(*row, windows=tuple(windows.get(row[0], ()))) for row in rows}
    _sign_up_table = _SignUpTable(version, entries)


def sign_up_entry(*, slug: str) -> SignUpEntry | None:
    """A published programme's sign-up details. While the database is down, the details
    this process last read are used; DatabaseError is raised only when it has none. Like
    other kept parts, the table follows the page cache's switch: with PAGE_CACHE_SECONDS
    at 0 it is read afresh for every click."""
    if not SLUG.match(slug):
        return None
    table = _sign_up_table
    try:
        if table is None or not settings.PAGE_CACHE_SECONDS or table.version != content_version():
            load_sign_up_table()
            table = _sign_up_table
    except DatabaseError:
        if table is None:
            raise
    return table.entries.get(slug)


def load_page_details(*, programme: Programme) -> None:
    """Fetch what a programme page shows, unless it is already there (a preview passes a
    programme straight from the admin)."""
    prefetch_related_objects([programme], *PAGE_PREFETCHES)


def sign_up_site(*, programme: Programme) -> str:
    """The site the sign-up link leads to, as people read it: 'thefrontline.org.uk'."""
    host = urlsplit(programme.sign_up_url).hostname or ""
    return host.removeprefix("www.")


def _public_current(programme: Programme | None, today: datetime.date) -> Programme | None:
    """The programme, if the public can see it and it has not ended."""
    programme = public_or_none(programme)
    return programme if programme is not None and programme.status_on(today).is_current else None


def published_next_programme(*, programme: Programme, today: datetime.date) -> Programme | None:
    return _public_current(programme.next_programme, today)


def published_replacement(*, programme: Programme, today: datetime.date) -> Programme | None:
    """What replaced an ended programme, if it is public and still running."""
    return _public_current(programme.replaced_by, today)


def related_programmes(
    *, programme: Programme, stages: Iterable[CareerStage], today: datetime.date, limit: int = 6
) -> list[Programme]:
    """Other published programmes for the same career stages that have not ended, in two
    queries."""
    stage_ids = [stage.pk for stage in stages]
    if not stage_ids:
        return []
    candidates = (
        Programme.objects.public()
        .filter(pk__in=Programme.objects.filter(stages__in=stage_ids).values("pk"))
        .exclude(pk=programme.pk)
        .only("name", "slug", "order", "lifecycle", "how_to_join", "starts_on", "ended_on")
        .prefetch_related("windows")
    )
    return [other for other in candidates if other.status_on(today).is_current][:limit]


def published_stage(*, slug: str | None) -> CareerStage | None:
    """The career stage a visitor came through, if the value names a published one."""
    if not slug or not SLUG.match(slug):
        return None
    return CareerStage.objects.public().filter(slug=slug).first()
