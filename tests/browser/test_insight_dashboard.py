"""A new analyst, given only an account in the Analyst group, reads the dashboard: chooses the
period with the quick links and the GOV.UK date inputs, with and without JavaScript, downloads
it, and finds nothing to change. Every screen passes axe."""

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from tests import groups as staff_groups
from tests.browser.conftest import assert_accessible, visit
from tests.browser.test_editing import PASSWORD, sign_in

DASHBOARD = "/admin/insight/signupinsight/"


@pytest.fixture(params=["page", "page_without_js"], ids=["javascript", "no javascript"])
def analyst(request, live_server, site_content):
    page = request.getfixturevalue(request.param)
    staff_groups.ensure()
    user = User.objects.create_user("analyst", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Analyst"))
    sign_in(page, "analyst")
    return page


def fill_date(page, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_staff_choose_the_period_and_are_told_what_is_wrong_with_a_date(analyst):
    page = analyst
    visit(page, DASHBOARD)
    expect(page.locator("strong[aria-current=page]")).to_have_text("Last 30 days")
    expect(page.get_by_role("table", name="Career stages")).to_be_visible()
    expect(page.get_by_role("table", name="Steps on the route to a sign-up")).to_be_visible()

    page.get_by_role("link", name="Last 7 days").click()
    expect(page.locator("strong[aria-current=page]")).to_have_text("Last 7 days")
    assert_accessible(page)

    # 31 February: the form comes back with a GOV.UK error summary, which takes the focus.
    fill_date(page, "From", "31", "2", "2026")
    fill_date(page, "To", "1", "6", "2026")
    with page.expect_response(lambda r: r.request.resource_type == "document") as answer:
        page.get_by_role("button", name="Show these dates").click()
    assert answer.value.status == 400
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("group", name="From")).to_contain_text(
        "Error: The first day of the period must be a real date"
    )
    assert_accessible(page)

    # The summary's link goes to the box to correct, which keeps what was typed.
    summary.get_by_role("link", name="The first day of the period must be a real date").click()
    day = page.get_by_role("group", name="From").get_by_label("Day")
    expect(day).to_be_focused()
    expect(day).to_have_value("31")

    fill_date(page, "From", "1", "6", "2026")
    fill_date(page, "To", "3", "6", "2026")
    page.get_by_role("button", name="Show these dates").click()
    expect(page.get_by_role("heading", name="1 June 2026 to 3 June 2026")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    assert page.locator("strong[aria-current=page]").count() == 0
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these numbers as a CSV file").click()
    assert download.value.suggested_filename.endswith(".csv")

    # The admin home offers the analyst nothing to add or change.
    visit(page, "/admin/")
    expect(page.get_by_role("link", name="Sign-up insight")).to_be_visible()
    expect(page.get_by_role("link", name="Add", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Change", exact=True)).to_have_count(0)
    assert_accessible(page)
