"""The programme filters on a phone: behind a "Show filters" button with JavaScript, shown in
full without it, and always shown beside the results on a wider screen."""

import re

from tests.browser.conftest import assert_accessible, has_horizontal_scroll, visit
from tests.browser.test_programmes import click

LIST = "/development-programmes/"


def toggle(page):
    return page.locator(".app-filter-toggle")


def results_top(page) -> float:
    """How far the results start below the top of the page's own content."""
    main_top = page.locator("main").bounding_box()["y"]
    return page.locator("#results").bounding_box()["y"] - main_top


def test_on_a_phone_the_filters_wait_behind_a_button(phone_page, site_content):
    page = phone_page
    visit(page, LIST)
    assert toggle(page).inner_text() == "Show filters"
    assert toggle(page).get_attribute("aria-expanded") == "false"
    assert toggle(page).get_attribute("aria-controls") == "filters"
    assert not page.get_by_label("Managers", exact=True).is_visible()
    assert results_top(page) < 640  # the first results are on the first screen

    click(page.get_by_role("button", name="Show filters"))
    assert toggle(page).inner_text() == "Hide filters"
    assert toggle(page).get_attribute("aria-expanded") == "true"
    assert page.get_by_label("Managers", exact=True).is_visible()
    assert_accessible(page)
    assert not has_horizontal_scroll(page)

    page.get_by_label("Managers", exact=True).check()
    click(page.get_by_role("button", name="Apply filters"))
    page.wait_for_url(re.compile(r"stage=manager"))
    assert_accessible(page)
    # The applied filter is out of sight, so the button says it is there.
    assert toggle(page).inner_text() == "Show filters (1 selected)"
    assert not page.get_by_label("Managers", exact=True).is_visible()
    click(toggle(page))
    assert page.get_by_label("Managers", exact=True).is_checked()
    click(page.get_by_role("button", name="Hide filters"))
    assert not page.get_by_label("Managers", exact=True).is_visible()


def test_on_a_phone_without_javascript_the_filters_are_shown(phone_page_without_js, site_content):
    page = phone_page_without_js
    visit(page, LIST)
    assert toggle(page).count() == 0
    assert page.get_by_label("Managers", exact=True).is_visible()
    assert not has_horizontal_scroll(page)
    page.get_by_label("Managers", exact=True).check()
    click(page.get_by_role("button", name="Apply filters"))
    page.wait_for_url(re.compile(r"stage=manager"))
    assert_accessible(page)
    assert page.get_by_label("Managers", exact=True).is_checked()


def test_on_a_wider_screen_the_filters_sit_beside_the_results(page, site_content):
    visit(page, LIST)
    assert not toggle(page).is_visible()
    assert page.get_by_label("Managers", exact=True).is_visible()
    # Narrowing the window to a phone's width folds them away; widening shows them again.
    page.set_viewport_size({"width": 320, "height": 640})
    # Playwright's locator waits, not wait_for_function: that evaluates a string in the
    # page, which the site's Content Security Policy rightly refuses.
    page.locator(".app-filter-toggle").wait_for(state="visible")
    assert not page.get_by_label("Managers", exact=True).is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator(".app-filter-toggle").wait_for(state="hidden")
    assert page.get_by_label("Managers", exact=True).is_visible()
    assert_accessible(page)
