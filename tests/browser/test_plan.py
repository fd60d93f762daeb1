"""Plan your next step in a real browser: five questions, check your answers and the plan,
with JavaScript on and off and on a 320 pixel wide screen, every page checked with axe."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.browser.conftest import assert_accessible, has_horizontal_scroll, visit

PLAN = "/plan-your-next-step/your-plan/?role=social-worker&years=3-5&aim=manage&la=yes"


def heading(page) -> str:
    return page.locator("h1, legend h1").first.inner_text().strip()


def choose(page, label: str) -> None:
    page.get_by_label(label, exact=True).check()


def carry_on(page) -> None:
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert_accessible(page)


def answer_every_question(page) -> None:
    visit(page, "/")
    page.get_by_role("link", name="Plan your next step", exact=True).first.click()
    assert_accessible(page)
    assert heading(page) == "Plan your next step"
    page.get_by_role("button", name="Start now").click()
    assert_accessible(page)
    assert heading(page) == "What is your current role?"

    # Not answering is a GOV.UK error, and the page still passes axe.
    carry_on(page)
    assert page.title().startswith("Error: ")
    assert page.locator(".govuk-error-summary").is_visible()
    assert "Select your current role" in page.locator(".govuk-error-message").inner_text()

    choose(page, "Social worker")
    carry_on(page)
    assert heading(page) == "How long ago did you qualify as a social worker?"
    choose(page, "3 to 5 years")
    carry_on(page)
    assert heading(page) == "What do you want to do next?"

    # Going back keeps the answers given.
    page.get_by_role("link", name="Back", exact=True).click()
    assert_accessible(page)
    assert page.get_by_label("3 to 5 years", exact=True).is_checked()
    carry_on(page)

    choose(page, "To manage a team")
    carry_on(page)
    assert heading(page).startswith("Which areas of practice interest you?")
    carry_on(page)  # optional: none chosen
    choose(page, "Yes, I work for a local authority")
    carry_on(page)
    assert heading(page) == "Check your answers"


def change_the_aim_and_see_the_plan(page) -> None:
    rows = page.locator(".govuk-summary-list__row")
    assert rows.nth(2).locator("dd").first.inner_text().strip() == "To manage a team"
    page.get_by_role("link", name="Change what you want next").click()
    assert_accessible(page)
    assert page.get_by_label("To manage a team", exact=True).is_checked()
    choose(page, "To supervise other social workers")
    carry_on(page)
    # Back at "Check your answers", with the new answer and the others kept.
    assert heading(page) == "Check your answers"
    summary = page.locator(".govuk-summary-list").inner_text()
    assert "To supervise other social workers" in summary
    assert "3 to 5 years" in summary

    page.get_by_role("button", name="See your plan").click()
    assert_accessible(page)
    assert heading(page) == "Your plan"
    assert page.get_by_role("heading", name="What to do this month").is_visible()
    assert page.locator(".app-plan-role").count() in range(2, 5)


def tick_and_share(page, browser, live_server) -> None:
    first_box = page.locator('input[name="done"]').first
    first_box.check()
    page.get_by_role("button", name="Save my progress").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert "done=" in page.url
    assert page.locator('input[name="done"]').first.is_checked()
    roles = page.locator(".app-plan-role h3").all_inner_texts()

    # The copied address opens the same plan, ticks and all, in a browser that has never
    # been here: nothing was kept anywhere else.
    address = page.locator(".app-plan-address a").inner_text().strip()
    assert sorted(parse_qsl(urlsplit(address).query)) == sorted(parse_qsl(urlsplit(page.url).query))
    fresh = browser.new_context(base_url=live_server.url)
    try:
        other = fresh.new_page()
        other.goto(address)
        assert other.locator(".app-plan-role h3").all_inner_texts() == roles
        assert other.locator('input[name="done"]').first.is_checked()
        assert fresh.cookies() == []
    finally:
        fresh.close()


def test_answering_the_questions_gives_a_plan_to_tick_and_share(
    page, browser, live_server, site_content
):
    answer_every_question(page)
    change_the_aim_and_see_the_plan(page)
    # With JavaScript the print button is there.
    assert page.get_by_role("button", name="Print your plan").is_visible()
    tick_and_share(page, browser, live_server)


def test_the_plan_works_without_javascript(page_without_js, browser, live_server, site_content):
    answer_every_question(page_without_js)
    change_the_aim_and_see_the_plan(page_without_js)
    assert page_without_js.get_by_text("use your browser's print option").is_visible()
    tick_and_share(page_without_js, browser, live_server)


@pytest.mark.parametrize(
    "path",
    [
        "/plan-your-next-step/",
        "/plan-your-next-step/current-role/",
        "/plan-your-next-step/areas-of-practice/?role=social-worker&years=3-5&aim=lead",
        "/plan-your-next-step/check-your-answers/?role=social-worker&years=3-5&aim=lead&la=no",
        PLAN,
        "/plan-your-next-step/your-plan/?role=social-worker&years=1-2&aim=unsure&la=agency",
    ],
)
def test_plan_pages_fit_a_phone_screen(phone_page_without_js, site_content, path):
    visit(phone_page_without_js, path)
    assert not has_horizontal_scroll(phone_page_without_js)


def test_a_broken_plan_address_is_an_accessible_error_page(page_without_js, site_content):
    visit(page_without_js, "/plan-your-next-step/your-plan/?role=nobody&aim=lead", status=400)
    links = page_without_js.locator(".govuk-error-summary a").all_inner_texts()
    assert links == [
        "Select your current role",
        "Select how long ago you qualified",
        "Select whether you work for a local authority",
    ]


def test_the_printed_plan_is_the_plan_and_its_address(page, site_content):
    visit(page, PLAN)
    page.emulate_media(media="print")
    for hidden in [".govuk-header", ".govuk-footer", ".govuk-button", ".govuk-breadcrumbs"]:
        assert not page.locator(hidden).first.is_visible(), hidden
    printed_address = page.locator(".app-print-only")
    assert printed_address.is_visible()
    assert re.search(
        r"/plan-your-next-step/your-plan/\?role=social-worker", printed_address.inner_text()
    )
    assert page.get_by_role("heading", name="Roles you could move to").is_visible()


def test_a_plan_with_three_roles_prints_on_one_sheet_of_a4(page, site_content):
    visit(page, "/plan-your-next-step/your-plan/?role=social-worker&years=3-5&aim=supervise&la=yes")
    assert page.locator(".app-plan-role").count() == 3
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
