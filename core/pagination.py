"""Page links for long lists, as GOV.UK's pagination component takes them."""

from collections.abc import Callable

from django.core.paginator import Page, Paginator


def pagination(*, current: int, last: int, href: Callable[[int], str], label: str) -> dict | None:
    """The first, last and nearby pages, with ellipses for the gaps, and previous and next
    links; None when everything fits on one page."""
    if last < 2:
        return None
    items, previous_number = [], 0
    for number in range(1, last + 1):
        if number not in {1, last} and abs(number - current) > 1:
            continue
        if number - previous_number > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == current})
        previous_number = number
    component = {"items": items, "landmarkLabel": label}
    if current > 1:
        component["previous"] = {"href": href(current - 1)}
    if current < last:
        component["next"] = {"href": href(current + 1)}
    return component


def requested_number(requested: str | None) -> int:
    """The page number asked for: 1 for a missing, malformed, zero or negative number, so an
    old or mistyped link still shows results."""
    try:
        return max(int(requested or 1), 1)
    except ValueError:
        return 1


def nearest_page(paginator: Paginator, requested: str | None) -> Page:
    """The page asked for, or the last page for a number past the end."""
    return paginator.page(min(requested_number(requested), paginator.num_pages))
