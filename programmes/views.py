"""The programme catalogue, programme pages and tracked sign-up links."""

import datetime
import logging
from urllib.parse import urlencode

from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from markupsafe import Markup

from core.cache import remember_many
from core.pagination import pagination
from core.seo import site_root
from edge.bots import is_bot
from edge.client import client_address
from programmes import selectors, services
from programmes.models import Programme
from programmes.structured_data import course

logger = logging.getLogger(__name__)

LIST_TITLE = "Development programmes for child and family social workers"


@require_safe
def programme_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.programme_filters(query=request.GET)
    today = timezone.localdate()
    page = selectors.filtered_programmes(filters=filters, today=today, page=request.GET.get("page"))
    list_url = reverse("programmes:list")
    context = {
        "title": LIST_TITLE,
        "filters": filters,
        "groups": selectors.group_by_family(
            page.programmes, _list_items([p.pk for p in page.programmes], today)
        ),
        "count": page.count,
        "page_number": page.number,
        "page_count": page.num_pages,
        "first_shown": (page.number - 1) * selectors.PAGE_SIZE + 1,
        "last_shown": (page.number - 1) * selectors.PAGE_SIZE + len(page.programmes),
        "pagination": pagination(
            current=page.number,
            last=page.num_pages,
            href=lambda number: _list_href(list_url, filters.query_pairs(), number),
            label="Programme pages",
        ),
        "selected_groups": _selected_groups(filters, list_url),
        "list_url": list_url,
        "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Development programmes"}],
    }
    return render(request, "programmes/programme_list.html", context)


def _list_items(ids: list[int], today: datetime.date) -> dict[int, Markup]:
    """Each programme's entry in the list. An entry changes only with content or the date
    (applications open and close by date), so it is drawn once and kept until then: a
    filtered list then reads only the keys of what matches."""
    names = {pk: f"programme-list-item:{today.isoformat()}:{pk}" for pk in ids}

    def draw(missing: list[str]) -> dict[str, str]:
        wanted = [pk for pk, name in names.items() if name in missing]
        programmes = selectors.list_programmes(ids=wanted)
        return {
            names[pk]: render_to_string(
                "programmes/programme_item.html",
                {
                    "programme": programme,
                    "status": programme.status_on(today),
                },
            )
            for pk, programme in programmes.items()
        }

    drawn = remember_many(list(names.values()), draw)
    # Drawn by an autoescaping template. A programme unpublished since the keys were read
    # has no entry.
    return {pk: Markup(drawn[name]) for pk, name in names.items() if name in drawn}  # noqa: S704


def _list_href(list_url: str, pairs: list[tuple[str, str]], page: int = 1) -> str:
    """The list's address with these filters, on this page."""
    query = urlencode([*pairs, ("page", page)] if page > 1 else pairs)
    return f"{list_url}?{query}" if query else list_url


def _selected_groups(filters: selectors.ProgrammeFilters, list_url: str) -> list[dict]:
    """Each selected filter with the address of this list without it, by filter group."""
    groups = []
    for group in filters.groups:
        links = []
        for option in group.selected:
            pairs = filters.query_pairs(without=(group.name, option.value))
            links.append({"text": option.text, "href": _list_href(list_url, pairs)})
        if links:
            groups.append({"legend": group.legend, "links": links})
    return groups


@require_safe
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.published_programme(slug=slug)
    if programme is None:
        raise Http404
    return render_programme(request, programme)


def render_programme(
    request: HttpRequest, programme: Programme, *, preview: str = ""
) -> HttpResponse:
    """A programme's page, whatever its status. Previews link straight to the provider, so
    staff checking a draft never add to the sign-up counts."""
    selectors.load_page_details(programme=programme)
    today = timezone.localdate()
    stage = selectors.published_stage(slug=request.GET.get("stage"))
    stages = [stage] if stage else list(programme.stages.all())
    status = programme.status_on(today)
    context = {
        "programme": programme,
        "preview": preview,
        "stage": stage,
        "status": status,
        "next_programme": selectors.published_next_programme(programme=programme, today=today),
        "replacement": selectors.published_replacement(programme=programme, today=today),
        "related": selectors.related_programmes(programme=programme, stages=stages, today=today),
        "related_stage_names": [s.name for s in stages],
        # Only a programme people can apply for today gets a call to action.
        "sign_up_href": (
            (programme.sign_up_url if preview else _sign_up_href(programme, stage))
            if status.can_apply and programme.sign_up_url
            else None
        ),
        "provider_site": selectors.sign_up_site(programme=programme),
        "breadcrumbs": _breadcrumbs(programme, stage),
        "structured_data": course(programme, base_url=site_root(request), status=status),
    }
    return render(request, "programmes/programme_detail.html", context)


def _sign_up_href(programme: Programme, stage) -> str:
    href = reverse("programmes:sign_up", kwargs={"slug": programme.slug})
    return f"{href}?{urlencode({'stage': stage.slug})}" if stage else href


def _breadcrumbs(programme: Programme, stage) -> list[dict]:
    if stage is not None:
        middle = {"text": stage.name, "href": stage.get_absolute_url()}
    else:
        middle = {"text": "Development programmes", "href": reverse("programmes:list")}
    return [{"text": "Home", "href": "/"}, middle, {"text": programme.name}]


@require_safe
@never_cache
def sign_up(request: HttpRequest, slug: str) -> HttpResponse:
    """Count the click, then send the visitor to the provider's address from the database.
    Only a programme people can apply for today sends anyone to its provider; any other
    (ended, paused, upcoming, or joined through an employer) sends them to its own page and
    counts nothing. HEAD requests and prefetches are not clicks; bots are stored but flagged.
    The programme's details come from the table each process keeps, so the link works while
    the database is down; the click is then logged for `manage.py replay_clicks`."""
    entry = selectors.sign_up_entry(slug=slug)
    if entry is None:
        raise Http404
    if not entry.status_on(timezone.localdate()).can_apply or not entry.sign_up_url:
        return HttpResponseRedirect(reverse("programmes:detail", kwargs={"slug": entry.slug}))
    try:
        target = services.sign_up_target(programme=entry)
    except ValueError:
        logger.error("Programme %s has no usable sign-up address", entry.slug)
        raise Http404 from None
    if _is_click(request):
        _record_click(request, entry)
    return HttpResponseRedirect(target)


def _record_click(request: HttpRequest, entry: selectors.SignUpEntry) -> None:
    click = _click_details(request)
    stage_slug = request.GET.get("stage")
    try:
        stage = selectors.published_stage(slug=stage_slug)
    except DatabaseError as error:
        services.log_unsaved_click(
            programme_slug=entry.slug, stage_slug=_slug_or_blank(stage_slug), **click, error=error
        )
        return
    # Only the key is needed to store the click.
    programme = Programme(pk=entry.pk, slug=entry.slug)
    services.record_sign_up_click(programme=programme, stage=stage, **click)


def _is_click(request: HttpRequest) -> bool:
    return request.method == "GET" and not services.is_prefetch(headers=request.headers)


def _click_details(request: HttpRequest) -> dict:
    """What is kept about a click, worked out without the database."""
    user_agent = request.headers.get("User-Agent", "")
    referer = request.headers.get("Referer", "")
    return {
        "source_path": services.internal_source_path(referer=referer, host=request.get_host()),
        "campaign": services.internal_campaign(referer=referer, host=request.get_host()),
        "visitor_key": services.visitor_key(
            address=client_address(request),
            user_agent=user_agent,
            today=timezone.localdate(),
        ),
        "is_bot": is_bot(user_agent),
    }


def _slug_or_blank(value: str | None) -> str:
    return value if value and selectors.SLUG.match(value) else ""
