"""The accessibility check every browser test relies on can fail: axe, run as the tests run
it, reports a real WCAG failure on one of the site's pages."""

from tests.browser.conftest import axe_violations, visit


def test_axe_reports_an_image_without_a_text_alternative(page, site_content):
    visit(page, "/accessibility")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert [found for found in axe_violations(page) if found.startswith("image-alt:")]
