"""Comparing roles and the career path map: the visitor's choices, good and bad."""

import re

import pytest

from careers.models import Role
from core.models import Status
from tests.careers.factories import make_programme, make_role
from tests.careers.test_pages import text_of

COMPARE = "/explore-roles/compare/"


def error_summary(html: str) -> str:
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.DOTALL)
    assert summary, "no error summary on the page"
    return re.sub(r"<[^>]+>|\s+", " ", summary.group(0))


def test_compare_page_starts_with_an_empty_form(client, site_content):
    response = client.get(COMPARE)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'method="get"' in html
    assert html.count('name="role"') == 3
    assert "govuk-error-summary" not in html
    assert "<table" not in html


def test_compare_two_roles_side_by_side(client, site_content):
    response = client.get(COMPARE, {"role": ["social-worker", "team-manager"]})
    html = response.content.decode()
    words = text_of(response)
    assert response.status_code == 200
    headers = re.findall(r'<th scope="col"[^>]*><a [^>]*>(.*?)</a></th>', html)
    assert headers == ["Social worker", "Team manager"]
    row_headers = re.findall(r'<th scope="row"[^>]*>(.*?)</th>', html)
    assert row_headers == [
        "Career stage",
        "Typical salary",
        "Typical experience",
        "What you&#39;ll do",
        "Skills and knowledge",
        "Programmes that prepare you",
    ]
    assert "£34,000 to £48,000" in words and "£46,000 to £65,000" in words
    assert "Pathways social work leadership modules" in words
    # The form keeps the choices, so the address can be shared and changed.
    assert '<option value="social-worker" selected>' in html
    assert '<option value="team-manager" selected>' in html
    assert "<title>Compare roles: Social worker, Team manager - " in html


def test_compare_three_roles_in_the_order_chosen(client, site_content):
    roles = ["director-children-services", "social-worker", "team-manager"]
    html = client.get(COMPARE, {"role": roles}).content.decode()
    headers = re.findall(r'<th scope="col"[^>]*><a [^>]*>(.*?)</a></th>', html)
    assert headers == ["Director of children&#39;s services", "Social worker", "Team manager"]


def test_blank_selects_are_ignored(client, site_content):
    response = client.get(COMPARE, {"role": ["social-worker", "", "team-manager"]})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        (["social-worker", "no-such-role"], "the address asks for a role that is not on this site"),
        (["social-worker", "social-worker"], "Select different roles"),
        (["social-worker"], "Select at least 2 roles to compare"),
        (["", "", ""], "Select at least 2 roles to compare"),
        (
            ["social-worker", "team-manager", "service-manager", "head-of-service"],
            "Select no more than 3 roles to compare",
        ),
    ],
)
def test_bad_comparisons_explain_the_problem(client, site_content, roles, message):
    response = client.get(COMPARE, {"role": roles})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in error_summary(html)
    assert 'href="#role-1"' in html and 'id="role-1"' in html
    assert 'id="role-error"' in html
    assert "<title>Error: Compare roles - " in html
    assert "<table" not in html


def test_draft_roles_cannot_be_compared(client, db):
    make_role(slug="shown")
    make_role(slug="hidden", status=Status.DRAFT)
    response = client.get(COMPARE, {"role": ["shown", "hidden"]})
    assert response.status_code == 400
    assert 'value="hidden"' not in response.content.decode()


def test_nul_bytes_in_the_address_are_a_bad_choice(client, site_content):
    assert client.get(COMPARE, {"role": ["social-worker", "a\x00b"]}).status_code == 400
    assert client.get("/career-paths/", {"current": "a\x00b"}).status_code == 400


PATHS = "/career-paths/"


def test_career_path_map_draws_every_role(client, site_content):
    response = client.get(PATHS)
    html = response.content.decode()
    assert response.status_code == 200
    svg = re.search(r"<svg .*?</svg>", html, re.DOTALL).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="career-map-title career-map-desc"' in svg
    assert '<title id="career-map-title">Career path map</title>' in svg
    assert "17 roles in 5 career stages" in svg
    assert svg.count("<rect ") == 17
    edges = sum(role.next_roles.count() for role in Role.objects.all())
    assert svg.count('class="app-career-map__edge') == edges
    # The list view gives the same information in text.
    assert 'id="list-view"' in html
    assert "Usually leads to" in text_of(response)
    assert "app-career-map__node--next" not in svg


def test_picking_a_current_role_highlights_next_steps(client, site_content):
    response = client.get(PATHS, {"current": "social-worker"})
    html = response.content.decode()
    words = text_of(response)
    assert response.status_code == 200
    assert "Your next steps from social worker</h2>" in html
    assert html.count("app-career-map__node--next") == 3
    assert html.count("app-career-map__node--current") == 1
    assert html.count("app-career-map__edge--highlight") == 3
    # Senior practitioner: £40,000 to £52,000 against £34,000 to £48,000.
    assert "£6,000 more at the start of the typical range, £4,000 more at the top" in words
    modules = "Pathways social work leadership modules"
    assert f'href="/development-programmes/pathways-modules/">{modules}</a>' in html
    assert '<option value="social-worker" selected>' in html
    steps = "senior practitioner, practice supervisor and lead child protection practitioner"
    assert f"with its next steps: {steps}" in html


def test_most_senior_role_has_no_next_step(client, site_content):
    response = client.get(PATHS, {"current": "director-children-services"})
    assert response.status_code == 200
    assert "the map shows no next step" in text_of(response)
    assert "app-career-map__node--next" not in response.content.decode()


@pytest.mark.parametrize(
    ("current", "message"),
    [("no-such-role", "Select your current role from the list"), ("", "Select your current role")],
)
def test_unknown_current_role_is_explained(client, site_content, current, message):
    response = client.get(PATHS, {"current": current})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in error_summary(html)
    assert 'href="#current"' in html and 'id="current-error"' in html
    assert "<svg" in html  # the map still shows


def test_salary_changes_can_go_down(client, db):
    lower = make_role(slug="lower", title="Lower paid", salary_from=25000, salary_to=38000)
    make_role(slug="now", salary_from=30000, salary_to=38000, next_roles=[lower])
    make_programme(roles=[lower], name="Helpful programme")
    make_programme(roles=[lower], name="Draft programme", status=Status.DRAFT)
    words = text_of(client.get(PATHS, {"current": "now"}))
    assert "£5,000 less at the start of the typical range, the same at the top" in words
    assert "Helpful programme" in words and "Draft programme" not in words
