"""Programmes as they stand today, in Chromium with and without JavaScript, checked with axe:
an ended programme, an upcoming one, a stage with no funded programme and the page on the
2027 early career changes."""

from tests.browser.conftest import visit


def main_text(page) -> str:
    return page.locator("main").inner_text()


def test_an_ended_programme_says_so_and_leads_to_what_replaced_it(any_page, site_content):
    page = any_page
    visit(page, "/development-programmes/pathway-1/")
    text = main_text(page)
    assert "Ended in July 2024" in text
    assert "This programme has ended." in text
    # No call to action: no start button, no sign-up link, nothing pointing at Frontline.
    assert page.locator(".govuk-button--start").count() == 0
    assert page.locator('a[href*="/sign-up/"]').count() == 0
    replacement = page.locator(
        '.app-programme-instead a[href="/development-programmes/pathways-modules/"]'
    )
    assert replacement.count() == 1
    replacement.click()
    page.wait_for_url("**/development-programmes/pathways-modules/")
    assert page.locator(".govuk-button--start").count() == 1


def test_an_upcoming_programme_says_when_it_starts(any_page, site_content):
    page = any_page
    visit(page, "/development-programmes/early-career-development-programme/")
    text = main_text(page)
    assert "Starts September 2027" in text
    assert "Facts checked on 1 December 2026" in text
    assert page.locator(".govuk-button--start").count() == 0


def test_the_asye_says_your_employer_registers_you(any_page, site_content):
    page = any_page
    visit(page, "/development-programmes/asye/")
    assert "Your employer registers you" in main_text(page)
    assert page.locator(".govuk-button--start").count() == 0
    link = page.locator('main a[href="/guidance/early-career-changes/"]')
    assert link.count() >= 1


def test_a_stage_with_no_funded_programme_says_so(any_page, site_content):
    from careers.models import CareerStage

    CareerStage.objects.create(
        name="Researchers",
        slug="researchers",
        heading="Programmes for researchers",
        includes="practice researchers",
        status="published",
        order=9,
    )
    page = any_page
    visit(page, "/career-stages/researchers/")
    text = main_text(page)
    assert "does not fund a development programme for researchers at the moment" in text
    assert page.get_by_role("link", name="Pathways social work leadership modules").count() == 1


def test_the_early_career_changes_page_is_reached_from_the_practitioners_stage(
    any_page, site_content
):
    page = any_page
    visit(page, "/career-stages/practitioner/")
    assert "Pathway" not in main_text(page).split("Roles at this stage")[0].replace(
        "Pathways social work leadership modules", ""
    )
    page.locator('main a[href="/guidance/early-career-changes/"]').first.click()
    page.wait_for_url("**/guidance/early-career-changes/")
    visit(page, "/guidance/early-career-changes/")
    text = main_text(page)
    assert "1 April 2027" in text and "September 2027" in text


def test_the_newly_qualified_role_links_to_the_early_career_changes(any_page, site_content):
    page = any_page
    visit(page, "/explore-roles/newly-qualified-social-worker/")
    assert page.locator('main a[href="/guidance/early-career-changes/"]').count() >= 1
