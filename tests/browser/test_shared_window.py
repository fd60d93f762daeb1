"""Every browser test opens its tab in one shared window (tests/browser/conftest.py); nothing
one test did there reaches the next."""

from tests.browser.conftest import open_page, visit


def test_a_new_tab_has_no_cookies_and_the_last_tests_tab_is_gone(
    browser_window, live_server, site_content
):
    with open_page(browser_window, live_server, javascript=True) as first:
        visit(first, "/cookies")
        first.get_by_label("Yes").check()
        first.get_by_role("button", name="Save cookie settings").click()
        assert browser_window.cookies()
        first.context.new_page()  # a tab the test opened and left open
    with open_page(browser_window, live_server, javascript=True) as second:
        assert browser_window.cookies() == []
        assert browser_window.pages == [browser_window.pages[0], second]
        visit(second, "/cookies")
        assert not second.get_by_label("Yes").is_checked()
