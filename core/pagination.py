"""Page links for long lists, as GOV.UK's pagination component takes them, from Django's own
paging rules."""

from collections.abc import Callable

from django.core.paginator import Page, Paginator


def pagination(*, current: int, last: int, href: Callable[[int], str], label: str) -> dict | None:
    """The first, last and nearby pages, with ellipses for the gaps (Django's
    get_elided_page_range, which never hides a single page behind an ellipsis), and previous
    and next links; None when everything fits on one page."""
    if last < 2:
        return None
    # A stand-in list with one item a page, so callers pass numbers, not their paginator.
    pages = Paginator(range(last), 1)
    items = [
        {"ellipsis": True}
        if number == pages.ELLIPSIS
        else {"number": number, "href": href(number), "current": number == current}
        for number in pages.get_elided_page_range(current, on_each_side=1, on_ends=1)
    ]
    component = {"items": items, "landmarkLabel": label}
    if current > 1:
        component["previous"] = {"href": href(current - 1)}
    if current < last:
        component["next"] = {"href": href(current + 1)}
    return component


def requested_number(requested: str | None) -> int:
    """The page number asked for: 1 for a missing, malformed, zero or negative number, so an
    old or mistyped link still shows results. (Django's get_page would show the last page
    for zero or a negative number, the furthest from it.)"""
    try:
        return max(int(requested or 1), 1)
    except ValueError:
        return 1


def nearest_page(paginator: Paginator, requested: str | None) -> Page:
    """The page asked for, or the nearest one there is: Django's get_page shows the last page
    for a number past the end (and page 1 of an empty list)."""
    return paginator.get_page(requested_number(requested))
