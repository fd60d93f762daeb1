"""The cookie banner, the cookies page and "Is this page useful?" in a real browser."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from insight.models import PageFeedback
from tests.browser.conftest import assert_accessible, visit

BANNER = ".govuk-cookie-banner"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def checked_after_load(page) -> None:
    """Check the page a form led to, once it has loaded everything it asks for."""
    page.wait_for_load_state("networkidle")
    assert_accessible(page)


def test_accepting_without_javascript_confirms_then_hides(page_without_js, site_content):
    page = page_without_js
    visit(page, "/accessibility")
    banner = page.locator(BANNER)
    assert "Cookies on Develop your career" in banner.inner_text()
    page.get_by_role("button", name="Accept analytics cookies").click()
    assert page.url.endswith("/accessibility?cookies=accepted")
    assert "You’ve accepted analytics cookies" in page.locator(BANNER).inner_text()
    page.wait_for_load_state("networkidle")
    # Open the confirmation afresh: the fixture strips scripts from pages it fetches, and
    # a page reached by a redirect after a form is not fetched through it.
    visit(page, "/accessibility?cookies=accepted")
    assert page.evaluate("document.querySelector('[data-app-cookie-confirmation]').hidden") is False
    page.get_by_role("button", name="Hide cookie message").click()
    assert page.url.endswith("/accessibility")
    expect(page.locator(BANNER)).to_have_count(0)
    assert page.locator("h1").inner_text() == "Accessibility statement"


def test_rejecting_with_javascript_hides_the_message_in_place(page, site_content):
    visit(page, "/privacy")
    page.get_by_role("button", name="Reject analytics cookies").click()
    page.wait_for_url(re.compile(r"/privacy\?cookies=rejected$"))
    checked_after_load(page)
    page.get_by_role("button", name="Hide cookie message").click()
    assert page.locator(BANNER).is_hidden()
    assert page.url.endswith("/privacy")
    page.reload()
    expect(page.locator(BANNER)).to_have_count(0)  # the choice is remembered


def test_changing_your_mind_on_the_cookies_page(page_without_js, site_content):
    page = page_without_js
    visit(page, "/accessibility")
    page.get_by_role("button", name="Accept analytics cookies").click()
    page.get_by_role("link", name="change your cookie settings").click()
    assert page.locator("h1").inner_text() == "Cookies"
    expect(page.locator(BANNER)).to_have_count(0)
    assert page.get_by_label("Yes").is_checked()
    page.get_by_label("No").check()
    page.get_by_role("button", name="Save cookie settings").click()
    assert (
        "You’ve set your cookie preferences."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert page.get_by_label("No").is_checked()
    checked_after_load(page)


def test_cookies_page_links_back_to_where_the_visitor_was(page, site_content):
    visit(page, "/privacy")
    page.get_by_role("link", name="View cookies").click()
    checked_after_load(page)
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Save cookie settings").click()
    page.get_by_role("link", name="Go back to the page you were looking at").click()
    assert page.url.endswith("/privacy")
    expect(page.locator(BANNER)).to_have_count(0)


def test_feedback_without_javascript_asks_for_the_comment_on_a_new_page(
    page_without_js, site_content
):
    page = page_without_js
    visit(page, "/accessibility")
    assert page.locator("#page-feedback-comment").is_hidden()
    page.get_by_role("button", name="No this page is not useful").click()
    assert page.locator("h1").inner_text() == "How could we improve this page?"
    page.get_by_label("How could we improve this page? (optional)").fill("Say who to contact.")
    page.get_by_role("button", name="Send feedback").click()
    assert "Thank you for your feedback" in page.locator("h1").inner_text()
    page.get_by_role("link", name="Return to the page you were looking at").click()
    assert page.url.endswith("/accessibility")


def test_feedback_comment_page_is_accessible(page_without_js, site_content):
    page = page_without_js
    visit(page, "/privacy")
    page.get_by_role("button", name="No this page is not useful").click()
    # Checked once the new page has its styles: on a busy machine axe could otherwise
    # measure the links before the stylesheet sizes them.
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("How could we improve this page? (optional)").fill("x" * 1300)
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_load_state()
    assert "There is a problem" in page.content()
    assert_accessible(page)


def test_feedback_with_javascript_opens_the_comment_box_in_place(page, site_content):
    visit(page, "/privacy")
    page.get_by_role("button", name="No this page is not useful").click()
    box = page.get_by_label("How could we improve this page? (optional)")
    assert box.is_visible()
    assert page.evaluate("document.activeElement.id") == "page-feedback-comment-text"
    assert page.url.endswith("/privacy")
    assert_accessible(page)
    box.fill("More about pay, please.")
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url(re.compile(r"/page-feedback/thank-you"))
    checked_after_load(page)
    feedback = PageFeedback.objects.get()
    assert (feedback.path, feedback.useful, feedback.comment) == (
        "/privacy",
        False,
        "More about pay, please.",
    )


def test_yes_thanks_the_visitor(page, site_content):
    visit(page, "/")
    page.get_by_role("button", name="Yes this page is useful").click()
    assert "Thank you for your feedback" in page.locator("h1").inner_text()
