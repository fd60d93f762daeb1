import logging
from urllib.parse import urlencode

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from core.pagination import pagination
from edge import ratelimit
from search import selectors
from search.models import Kind

logger = logging.getLogger(__name__)


def search(request: HttpRequest) -> HttpResponse:
    text = selectors.clean_query(request.GET.get("q"))
    kinds = [kind for kind in request.GET.getlist("type") if kind in Kind.values]
    outcome = None
    if text and (refused := ratelimit.refuse_if_over(request, scope="search")):
        return refused
    if text:
        try:
            outcome = selectors.search(text=text, kinds=kinds, page=request.GET.get("page"))
        except DatabaseError:
            # Search must never take the site down: say so and let the visitor browse.
            logger.exception("Search failed for a query of %d characters", len(text))
            return render(request, "search/unavailable.html", status=503)
    context = {
        "query": text,
        "kinds": kinds,
        "outcome": outcome,
        "type_items": _type_items(outcome, kinds),
        "pagination": _pagination(outcome, text, kinds),
    }
    return render(request, "search/search.html", context)


def _type_items(outcome, kinds: list[str]) -> list[dict]:
    counts = outcome.kind_counts if outcome else {}
    return [
        {
            "value": kind,
            "text": f"{label} ({counts.get(kind, 0)})" if outcome else label,
            "checked": kind in kinds,
        }
        for kind, label in Kind.choices
    ]


def _page_href(text: str, kinds: list[str], page: int) -> str:
    params = [("q", text), *[("type", kind) for kind in kinds]]
    if page > 1:
        params.append(("page", page))
    return reverse("search:search") + "?" + urlencode(params)


def _pagination(outcome, text: str, kinds: list[str]) -> dict | None:
    if outcome is None:
        return None
    return pagination(
        current=outcome.page,
        last=outcome.num_pages,
        href=lambda number: _page_href(text, kinds, number),
        label="Search results pages",
    )


def sitemap_page(request: HttpRequest, sitemaps: dict) -> HttpResponse:
    """Every published page, by section, from the same sections as /sitemap.xml."""
    sections: dict[str, list[dict]] = {}
    for sitemap_class in sitemaps.values():
        sitemap = sitemap_class()
        links = sections.setdefault(sitemap.label, [])
        links.extend(
            {"text": sitemap.title(item), "href": sitemap.location(item)}
            for item in sitemap.items()
        )
    context = {
        "sections": [(label, links) for label, links in sections.items() if links],
        "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Sitemap"}],
    }
    return render(request, "search/sitemap.html", context)
