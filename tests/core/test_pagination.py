"""Page numbers from the address, and the GOV.UK pagination links, for every long list."""

import pytest
from django.core.paginator import Paginator

from core.pagination import nearest_page, pagination


@pytest.mark.parametrize(
    ("requested", "shown"),
    [(None, 1), ("", 1), ("2", 2), ("3", 3), ("abc", 1), ("0", 1), ("-3", 1), ("2.5", 1),
     ("4", 3), ("99999999999999999999", 3), ("9" * 5000, 1), ("1\x00", 1)],
)  # fmt: skip
def test_any_page_number_shows_the_nearest_page_there_is(requested, shown):
    assert nearest_page(Paginator(range(25), 10), requested).number == shown


def test_an_empty_list_has_one_empty_page():
    page = nearest_page(Paginator([], 10), "7")
    assert (page.number, list(page.object_list)) == (1, [])


def numbers(component: dict) -> list:
    return [item.get("number", "…") for item in component["items"]]


@pytest.mark.parametrize(
    ("current", "last", "shown"),
    [
        (5, 10, [1, "…", 4, 5, 6, "…", 10]),
        (1, 10, [1, 2, "…", 10]),
        (10, 10, [1, "…", 9, 10]),
        # An ellipsis never hides a single page.
        (3, 10, [1, 2, 3, 4, "…", 10]),
        (2, 4, [1, 2, 3, 4]),
    ],
)
def test_links_to_the_first_last_and_nearby_pages(current, last, shown):
    component = pagination(current=current, last=last, href=lambda n: f"?page={n}", label="Pages")
    assert numbers(component) == shown
    assert [item["number"] for item in component["items"] if item.get("current")] == [current]
    assert component["landmarkLabel"] == "Pages"
    assert ("previous" in component, "next" in component) == (current > 1, current < last)
    if current < last:
        assert component["next"]["href"] == f"?page={current + 1}"


def test_no_links_when_everything_fits_on_one_page():
    assert pagination(current=1, last=1, href=str, label="Pages") is None
