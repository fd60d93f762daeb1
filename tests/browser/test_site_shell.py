import pytest

from tests.browser.conftest import has_horizontal_scroll, visit

SHELL_PAGES = ["/", "/accessibility", "/privacy", "/terms-and-conditions"]


@pytest.mark.parametrize("path", SHELL_PAGES)
def test_shell_pages_are_accessible_with_javascript(page, site_content, path):
    visit(page, path)
    assert "govuk-frontend-supported" in page.evaluate("document.body.className")


@pytest.mark.parametrize("path", SHELL_PAGES)
def test_shell_pages_are_accessible_without_javascript(page_without_js, site_content, path):
    visit(page_without_js, path)
    assert "js-enabled" not in page_without_js.evaluate("document.body.className")
    assert page_without_js.locator("h1").count() == 1


def test_error_page_is_accessible_and_keeps_the_address(page, site_content):
    visit(page, "/no-such-page", status=404)
    assert page.url.endswith("/no-such-page")
    assert page.locator("h1").inner_text() == "Page not found"


def test_govuk_javascript_initialises_components(page, site_content):
    visit(page, "/")
    initialised = page.evaluate(
        "document.querySelector('[data-module=govuk-skip-link]')"
        ".hasAttribute('data-govuk-skip-link-init')"
    )
    assert initialised


def test_fonts_and_styles_load(page, site_content):
    visit(page, "/")
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "GDS Transport" in font
    page.evaluate("document.fonts.ready")
    assert page.evaluate("[...document.fonts].some(f => f.status === 'loaded')")


def test_skip_link_moves_focus_to_main_content(page, site_content, live_server):
    # GOV.UK puts the cookie banner before the skip link: once a visitor has chosen, the
    # skip link is the first thing on the page.
    page.context.add_cookies(
        [{"name": "cookie_consent", "value": "reject", "url": live_server.url}]
    )
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")


def test_home_page_fits_a_phone_screen(phone_page, site_content):
    visit(phone_page, "/")
    assert not has_horizontal_scroll(phone_page)
