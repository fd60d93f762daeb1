"""Every public page outside careers and programmes (which have their own) runs a fixed,
small number of queries, whatever the amount of content: the same with ten times more."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Role
from programmes.models import Programme
from tests.careers.factories import make_programme, make_role

# Each page's budget: the most queries it may run, with any amount of content. Cookie-less
# anonymous visits, as a visitor from an email link would make them.
BUDGETS = {
    "/": 1,
    # PostgreSQL's full text search asks more (ranking in two index scans); SQLite's fewer.
    "/search?q=social+worker": 13,
    "/search?q=": 0,
    # 12 since the December 2026 content: still fixed however much content there is.
    "/search?q=social&page=2": 12,
    "/accessibility": 1,
    "/privacy": 1,
    "/terms-and-conditions": 1,
    "/cookies": 0,
    "/sitemap": 6,
    "/sitemap.xml": 16,  # a count and a page of each section, and each dating model once
    "/robots.txt": 0,
    "/api/v1/roles": 3,  # roles with their stages, next roles, requirements with standards
    "/api/v1/programmes": 4,
    "/ping": 0,
}


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    # Page views are counted on the side (one write); the budget is for reading the page.
    return sum(1 for query in captured.captured_queries if "core_pageview" not in query["sql"])


def add_content(count: int) -> None:
    """Published roles and programmes linked to each other, and the search index rebuilt."""
    roles = list(Role.objects.all())
    for _ in range(count):
        role = make_role(next_roles=roles[:2])
        make_programme(stages=[role.stage], roles=[role, *roles[:1]])
    call_command("rebuild_search_index", verbosity=0)


@pytest.mark.django_db
def test_public_pages_run_a_fixed_small_number_of_queries(client, site_content):
    call_command("rebuild_search_index", verbosity=0)
    few = {path: queries(client, path) for path in BUDGETS}
    assert Role.objects.count() < 20 and Programme.objects.count() < 10

    add_content(60)

    many = {path: queries(client, path) for path in BUDGETS}
    assert many == few, "the number of queries grew with the content"
    over = {path: n for path, n in many.items() if n > BUDGETS[path]}
    assert over == {}, f"over budget: {over}"
