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
    "/guidance/finding-a-job/",
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


def check_role_requirements(page) -> None:
    visit(page, "/explore-roles/practice-supervisor/")
    for name in ["What you need to show", "How you could show it", "Preparing for this role"]:
        assert page.get_by_role("heading", name=name, level=2).is_visible()
    standard = "Post-qualifying standard: knowledge and skills statement for child and family"
    assert page.get_by_role("link", name=standard).first.is_visible()
    assert page.get_by_role("heading", name="Questions to ask an employer").is_visible()
    # The standards' details open without JavaScript: the browser's own <details>.
    summary = page.get_by_text("About these standards")
    summary.click()
    assert page.get_by_text("In use, and not replaced by the early career standards").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Finding a job in child and family social work").click()
    page.wait_for_load_state()
    assert heading(page) == "Finding a job in child and family social work"
    assert_accessible(page)


def test_role_page_says_what_to_show_and_how(page, site_content):
    check_role_requirements(page)


def test_role_page_says_what_to_show_and_how_without_javascript(page_without_js, site_content):
    check_role_requirements(page_without_js)


# The smallest size the map's words may have on screen, after any scaling.
READABLE_PIXELS = 14


def smallest_map_text(page) -> float:
    """The smallest font size of the map's words as drawn: their CSS size times the scale
    the SVG is drawn at."""
    return page.evaluate(
        """() => {
            const svg = document.querySelector(".app-career-map__svg");
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            const sizes = [...svg.querySelectorAll("text")].map(
                (text) => parseFloat(getComputedStyle(text).fontSize) * scale
            );
            return Math.min(...sizes);
        }"""
    )


def check_map_on_a_phone(page) -> None:
    visit(page, "/career-paths/?current=social-worker")
    assert smallest_map_text(page) >= READABLE_PIXELS
    assert not has_horizontal_scroll(page)
    box = page.locator(".app-career-map")
    assert box.bounding_box()["width"] <= 320
    assert page.get_by_text("Scroll sideways inside it").is_visible()
    # The map scrolls inside its box, with the keyboard too.
    assert box.evaluate("(box) => box.scrollWidth > box.clientWidth")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.app-career-map').scrollLeft > 0", timeout=2000
    )
    assert page.get_by_role("region", name="Career path map").is_visible()


def test_career_path_map_words_are_readable_on_a_phone(phone_page, site_content):
    check_map_on_a_phone(phone_page)


def test_career_path_map_words_are_readable_on_a_phone_without_javascript(
    phone_page_without_js, site_content
):
    check_map_on_a_phone(phone_page_without_js)


def test_career_path_map_scales_to_fit_wider_screens(page, site_content):
    visit(page, "/career-paths/")
    box = page.locator(".app-career-map")
    assert not box.evaluate("(box) => box.scrollWidth > box.clientWidth")
    assert not page.get_by_text("Scroll sideways inside it").is_visible()
