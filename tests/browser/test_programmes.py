"""Journeys through the development programmes in Chromium, with and without JavaScript."""

import re

import pytest

from programmes.models import SignUpClick
from tests.browser.conftest import assert_accessible, has_horizontal_scroll, visit

PROVIDER = (
    "https://www.support-for-social-workers.education.gov.uk/"
    "pathways-social-work-leadership-modules/available-pathways"
)
MODULES = "Pathways social work leadership modules"
START = "Start the modules on Support for social workers"


def catch_redirects(page) -> list[tuple[int, str]]:
    """Let the site answer sign-up links, but keep the browser here: the tests never leave
    the machine. Returns the (status, Location) of each answer."""
    answers = []

    def handle(route) -> None:
        response = route.fetch(max_redirects=0)
        answers.append((response.status, response.headers.get("location", "")))
        route.fulfill(
            status=200,
            content_type="text/html",
            body="<!DOCTYPE html><html lang='en'><head><title>Provider</title></head>"
            "<body><main><h1>Provider</h1></main></body></html>",
        )

    page.route(re.compile(r"/sign-up/"), handle)
    return answers


def breadcrumb_texts(page) -> list[str]:
    return [
        text.strip() for text in page.locator(".govuk-breadcrumbs__list-item").all_inner_texts()
    ]


def click(locator) -> None:
    """Click, with the pages on both sides fully loaded, so no request (an icon, a font) is
    cut off by the next navigation and reported as a failure."""
    locator.page.wait_for_load_state("networkidle")
    locator.click()
    locator.page.wait_for_load_state("networkidle")


def stage_to_sign_up(page) -> None:
    visit(page, "/")
    click(page.locator('main a[href="/career-stages/manager/"]').first)
    assert page.url.endswith("/career-stages/manager/")
    assert_accessible(page)
    # The stage lists what runs today, never the ended Pathways programme.
    assert "Pathway 2: middle managers" not in page.locator("main").inner_text()
    click(page.locator('main a[href^="/development-programmes/pathways-modules/"]').first)
    assert page.url.endswith("/development-programmes/pathways-modules/?stage=manager")
    assert_accessible(page)
    assert page.locator("h1").inner_text() == MODULES
    assert breadcrumb_texts(page) == ["Home", "Managers", MODULES]
    assert "This opens the provider's website" in page.locator(".app-sign-up").inner_text()

    answers = catch_redirects(page)
    click(page.get_by_role("button", name=START))
    page.wait_for_url(re.compile(r"/sign-up/\?stage=manager$"))
    assert page.locator("h1").inner_text() == "Provider"
    assert answers == [
        (
            302,
            PROVIDER + "?utm_source=develop-social-work-careers&utm_medium=referral"
            "&utm_campaign=pathways-modules",
        )
    ]
    # Stored before the visitor was sent on, with the page and stage they came through.
    stored = SignUpClick.objects.get()
    assert stored.programme.slug == "pathways-modules"
    assert stored.stage.slug == "manager"
    assert stored.source_path == "/development-programmes/pathways-modules/"


def test_home_to_stage_to_programme_to_sign_up(page, site_content):
    stage_to_sign_up(page)


def test_home_to_stage_to_programme_to_sign_up_without_javascript(page_without_js, site_content):
    stage_to_sign_up(page_without_js)


def filter_to_programme(page) -> None:
    visit(page, "/development-programmes/")
    assert page.locator("h1").inner_text() == (
        "Development programmes for child and family social workers"
    )
    # Programmes that have ended are left out until asked for.
    assert page.locator("#results").inner_text() == "5 programmes"
    page.get_by_label("Managers", exact=True).check()
    page.get_by_label("Show programmes that have ended").check()
    click(page.get_by_role("button", name="Apply filters"))
    page.wait_for_url(re.compile(r"stage=manager"))
    assert "ended=yes" in page.url
    assert_accessible(page)
    assert page.locator("#results").inner_text() == "3 programmes"
    assert page.get_by_label("Managers", exact=True).is_checked()
    assert "Programmes that have ended" in page.locator("main").inner_text()

    # Remove one filter, then open a programme from the list.
    click(page.get_by_role("link", name="Remove this filter: Show programmes that have ended"))
    assert page.url.endswith("/development-programmes/?stage=manager")
    assert page.locator("#results").inner_text() == "1 programme"
    click(page.get_by_role("link", name=MODULES))
    assert page.url.endswith("/development-programmes/pathways-modules/")
    assert_accessible(page)
    assert breadcrumb_texts(page) == ["Home", "Development programmes", MODULES]


def test_all_programmes_to_filter_to_programme(page, site_content):
    filter_to_programme(page)


def test_all_programmes_to_filter_to_programme_without_javascript(page_without_js, site_content):
    filter_to_programme(page_without_js)


@pytest.mark.parametrize(
    "path",
    [
        "/development-programmes/?stage=practitioner&format=online",  # the empty state
        "/development-programmes/?open=yes&role=team-manager&stage=nonsense",
        "/development-programmes/asye/",
        "/development-programmes/new-directors-programme/?stage=senior-leader",
    ],
)
def test_other_programme_pages_are_accessible(page_without_js, site_content, path):
    visit(page_without_js, path)


def test_unknown_programme_gives_the_not_found_page(page, site_content):
    visit(page, "/development-programmes/no-such-programme/", status=404)
    assert page.locator("h1").inner_text() == "Page not found"


@pytest.mark.parametrize(
    "path",
    [
        "/development-programmes/",
        "/development-programmes/?stage=manager&role=team-manager&format=blended",
        "/development-programmes/pathway-2/?stage=manager",
        "/development-programmes/early-career-development-programme/",
    ],
)
def test_programme_pages_fit_a_phone_screen(phone_page, site_content, path):
    visit(phone_page, path)
    assert not has_horizontal_scroll(phone_page)


def test_key_facts_and_call_to_action_come_first(page, site_content):
    visit(page, "/development-programmes/pathways-modules/")
    # Measured from the top of the page's own content, whatever banners sit above it.
    main_top = page.locator("main").bounding_box()["y"]
    assert page.locator(".app-key-facts").bounding_box()["y"] - main_top < 300
    button = page.get_by_role("button", name=START)
    assert button.count() == 1
    assert button.bounding_box()["y"] - main_top < 1100


@pytest.fixture
def long_list(site_content):
    """Enough programmes at one stage for three pages."""
    from careers.models import CareerStage
    from tests.programmes.factories import make_programme

    stage = CareerStage.objects.get(slug="manager")
    for n in range(45):
        make_programme(name=f"Leadership course {n:02}", stages=[stage])


def test_paging_through_a_long_filtered_list_without_javascript(page_without_js, long_list):
    page = page_without_js
    visit(page, "/development-programmes/?stage=manager")
    assert page.locator("#results").inner_text() == "46 programmes"
    assert "Showing 1 to 20" in page.locator("main").inner_text()
    click(page.get_by_role("link", name="Next"))
    assert page.url.endswith("/development-programmes/?stage=manager&page=2")
    assert_accessible(page)
    assert "(page 2 of 3)" in page.title()
    assert "Showing 21 to 40" in page.locator("main").inner_text()
    assert page.get_by_label("Managers", exact=True).is_checked()
    click(page.get_by_role("link", name="Page 3"))
    assert "Showing 41 to 46" in page.locator("main").inner_text()


def test_a_long_list_fits_a_phone_screen(phone_page, long_list):
    visit(phone_page, "/development-programmes/?stage=manager&page=2")
    assert not has_horizontal_scroll(phone_page)
