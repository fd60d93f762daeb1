"""Searching from the header, in a real browser, with and without JavaScript."""

import pytest

from tests.browser.conftest import has_horizontal_scroll, visit

SERVICE = "Develop your career in child and family social work"


def search_from_header(page, text: str) -> None:
    box = page.get_by_role("search", name="Site search").get_by_label(f"Search {SERVICE}")
    box.fill(text)
    page.get_by_role("search", name="Site search").get_by_role("button", name="Search").click()
    page.wait_for_load_state()


def test_search_from_the_header_and_open_a_result(any_page, site_content):
    browser_page = any_page
    visit(browser_page, "/")
    search_from_header(browser_page, "supervisor")
    assert "/search?q=supervisor" in browser_page.url
    assert browser_page.locator("h1").inner_text().endswith("results for 'supervisor'")
    visit(browser_page, browser_page.url)
    first = browser_page.locator(".app-search-results__item h2 a").first
    title = first.inner_text()
    assert title in {"Practice supervisor", "Pathway 1: practice supervisors"}
    first.click()
    browser_page.wait_for_load_state()
    assert browser_page.locator("h1").inner_text().startswith(title.split(":")[0])
    visit(browser_page, browser_page.url)


def test_filter_and_pages_of_results(page, site_content):
    visit(page, "/search?q=social+worker")
    page.get_by_label("Role (", exact=False).check()
    page.get_by_role("button", name="Apply filter").click()
    page.wait_for_load_state()
    assert "type=role" in page.url
    kinds = page.locator(".app-search-results__type").all_inner_texts()
    assert kinds and set(kinds) == {"Role"}
    visit(page, page.url)
    if page.locator(".govuk-pagination__next a").count():
        page.locator(".govuk-pagination__next a").click()
        page.wait_for_load_state()
        assert "page=2" in page.url
        visit(page, page.url)


@pytest.mark.parametrize(
    "path",
    ["/search", "/search?q=zzyzx", "/search?q=safegaurding", "/search?q=%00&page=abc", "/sitemap"],
)
def test_search_and_sitemap_pages_are_accessible(page_without_js, site_content, path):
    visit(page_without_js, path)


def test_search_works_on_a_phone(phone_page, site_content):
    visit(phone_page, "/")
    assert not has_horizontal_scroll(phone_page)
    # The hint fits the box at 320 pixels, in GOV.UK's secondary text colour (7:1 on white).
    box = phone_page.get_by_placeholder("Search this service")
    assert box.is_visible()
    assert box.evaluate("(e) => getComputedStyle(e, '::placeholder').color") == "rgb(72, 73, 73)"
    search_from_header(phone_page, "fostering")
    visit(phone_page, phone_page.url)
    assert not has_horizontal_scroll(phone_page)
    assert phone_page.locator(".app-search-results__item").count() >= 1


def test_a_long_unbroken_search_fits_a_phone_screen(phone_page_without_js, site_content):
    # A pasted address or a word typed without spaces is shown back in the heading: it wraps.
    visit(phone_page_without_js, "/search?q=" + "safeguarding" * 8)
    assert "safeguarding" * 8 in phone_page_without_js.locator("h1").inner_text()
    assert not has_horizontal_scroll(phone_page_without_js)
