"""Career guidance in a real browser: the journey from the home page to comparing roles and
the career path map, checked with axe, without JavaScript and on a 320 pixel wide screen."""

import pytest

from tests.browser.conftest import assert_accessible, has_horizontal_scroll, visit

CAREERS_PAGES = [
    "/",
    "/career-stages/",
    "/career-stages/practitioner/",
    "/career-stages/senior-leader/",
    "/explore-roles/",
    "/explore-roles/newly-qualified-social-worker/",
    "/explore-roles/director-children-services/",
    "/explore-roles/compare/",
    "/explore-roles/compare/?role=social-worker&role=team-manager&role=director-children-services",
    "/career-paths/",
    "/career-paths/?current=social-worker",
    "/explore-areas-of-practice/",
    "/explore-areas-of-practice/assessment-intake/",
    "/guidance/develop-your-social-work-practice/",
    "/guidance/become-a-social-worker/",
]
BAD_CHOICES = [
    "/explore-roles/compare/?role=social-worker",
    "/explore-roles/compare/?role=social-worker&role=social-worker",
    "/explore-roles/compare/?role=social-worker&role=no-such-role",
    "/career-paths/?current=no-such-role",
]


def click(page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_load_state()
    assert_accessible(page)


def heading(page) -> str:
    return page.locator("h1").inner_text()


def walk_home_to_comparison(page) -> None:
    visit(page, "/")
    click(page, "Practitioners")
    assert heading(page) == "Programmes for practitioners"
    trail = page.locator(".govuk-breadcrumbs__list-item").all_inner_texts()
    assert trail == ["Home", "Career stages", "Practitioners"]
    click(page, "Social worker")
    assert heading(page) == "Social worker"
    assert page.get_by_text("£34,000 to £48,000 a year").is_visible()
    click(page, "Senior practitioner")
    assert heading(page) == "Senior practitioner"
    click(page, "Compare senior practitioner with these roles")
    assert heading(page) == "Compare roles"
    headers = page.locator("thead th").all_inner_texts()
    assert headers == [
        "Senior practitioner",
        "Practice supervisor",
        "Lead child protection practitioner",
    ]


def test_home_to_stage_to_role_to_comparison(page, site_content):
    walk_home_to_comparison(page)


def test_home_to_stage_to_role_to_comparison_without_javascript(page_without_js, site_content):
    walk_home_to_comparison(page_without_js)


def test_choosing_roles_to_compare_with_the_form(page_without_js, site_content):
    page = page_without_js
    visit(page, "/explore-roles/compare/")
    page.get_by_label("First role").select_option(label="Social worker")
    page.get_by_label("Second role").select_option(label="Head of service")
    page.get_by_role("button", name="Compare roles").click()
    page.wait_for_load_state()
    assert_accessible(page)
    # The address holds the choices, so it can be shared.
    assert page.url.endswith("?role=social-worker&role=head-of-service&role=")
    assert page.locator("thead th").all_inner_texts() == ["Social worker", "Head of service"]


def test_comparing_one_role_shows_an_error_summary(page, site_content):
    visit(page, "/explore-roles/compare/")
    page.get_by_label("First role").select_option(label="Team manager")
    page.get_by_role("button", name="Compare roles").click()
    page.wait_for_load_state()
    assert_accessible(page)
    summary = page.locator(".govuk-error-summary")
    assert "Select at least 2 roles to compare" in summary.inner_text()
    # GOV.UK Frontend moves focus to the summary; its link leads to the first select.
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "role-1"
    assert page.title().startswith("Error: ")


@pytest.mark.parametrize("path", BAD_CHOICES)
def test_bad_choices_are_accessible_error_pages(page_without_js, site_content, path):
    visit(page_without_js, path, status=400)
    assert page_without_js.locator(".govuk-error-summary").is_visible()


def test_career_path_map_shows_next_steps_and_their_programmes(page_without_js, site_content):
    page = page_without_js
    visit(page, "/career-paths/")
    diagram = page.get_by_role("img", name="Career path map")
    assert diagram.is_visible()
    assert page.locator("svg rect").count() == 17
    page.get_by_label("What is your current role?").select_option(label="Practice supervisor")
    page.get_by_role("button", name="Show my next steps").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.url.endswith("/career-paths/?current=practice-supervisor")
    assert page.locator(".app-career-map__node--current").count() == 1
    assert page.locator(".app-career-map__node--next").count() == 2
    next_steps = page.locator("h3 a").all_inner_texts()[:2]
    assert next_steps == ["Senior practitioner", "Team manager"]
    assert page.get_by_text("£6,000 more at the start of the typical range").is_visible()
    # The programme that prepares for the next role is one click away.
    page.get_by_role("link", name="Pathways social work leadership modules").first.click()
    page.wait_for_load_state()
    assert "Pathways social work leadership modules" in heading(page)


def test_career_path_map_fits_the_page_and_has_a_list_view(page, site_content):
    visit(page, "/career-paths/?current=head-of-service")
    box = page.locator(".app-career-map__svg").bounding_box()
    assert box is not None and box["width"] <= 960
    list_view = page.locator("#list-view + h3 + ul")
    assert "Newly qualified social worker" in list_view.inner_text()
    assert page.locator(".app-path-list__current").inner_text().startswith("Head of service")


@pytest.mark.parametrize("path", CAREERS_PAGES)
def test_careers_pages_fit_a_phone_screen(phone_page, site_content, path):
    visit(phone_page, path)
    assert not has_horizontal_scroll(phone_page)


def test_comparison_stacks_on_a_phone(phone_page, site_content):
    visit(
        phone_page,
        "/explore-roles/compare/?role=social-worker&role=team-manager&role=director-children-services",
    )
    table = phone_page.locator("table")
    assert table.bounding_box()["width"] <= 320
    # Each answer is labelled with its role once the columns are stacked.
    label = phone_page.evaluate(
        "getComputedStyle(document.querySelector('tbody td'), '::before').content"
    )
    assert label == '"Social worker"'
