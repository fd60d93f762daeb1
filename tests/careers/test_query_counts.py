"""Each careers page runs a fixed number of queries, however many roles editors add."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import CareerStage, Requirement, Role, Standard
from tests.careers.factories import (
    make_area,
    make_guidance_page,
    make_programme,
    make_role,
    make_stage,
)

# The queries each page makes for its own content (careers and programmes tables).
PAGES = {
    "/": 1,
    "/career-stages/": 1,
    # stage with its guidance page, programmes, their windows, roles
    "/career-stages/stage-a/": 4,
    "/explore-roles/": 1,
    # role, requirements with their standards, next, previous, programmes and their windows,
    # areas
    "/explore-roles/hub/": 7,
    # role choices (kept until content changes when the page cache is on), roles, programmes
    "/explore-roles/compare/?role=hub&role=first&role=second": 4,  # and programmes' windows
    "/career-paths/": 2,  # roles, next roles
    "/career-paths/?current=hub": 4,  # and the next roles' programmes, with their windows
    "/explore-areas-of-practice/": 1,
    "/explore-areas-of-practice/area-a/": 2,  # area, roles
    "/guidance/cpd/": 1,
}


def content_queries(queries) -> int:
    return sum(
        1 for query in queries if '"careers_' in query["sql"] or '"programmes_' in query["sql"]
    )


def build_site():
    """A few linked roles: the pages under test show these."""
    guidance = make_guidance_page(slug="cpd")
    stages = [make_stage(slug="stage-a", guidance=guidance), make_stage(), make_stage()]
    first = make_role(slug="first", stage=stages[0])
    second = make_role(slug="second", stage=stages[1])
    hub = make_role(slug="hub", stage=stages[0], next_roles=[first, second])
    first.next_roles.set([hub])
    make_programme(stages=[stages[0]], roles=[hub, first, second])
    make_area(slug="area-a", related_roles=[hub, first])
    add_requirements(hub, 2)


def add_requirements(role: Role, count: int) -> None:
    """Requirements, each from a standard of its own, so the page reads many standards."""
    for _ in range(count):
        number = Standard.objects.count() + 1
        standard = Standard.objects.create(
            name=f"Standard {number}",
            slug=f"standard-{number}",
            url=f"https://standards.example/{number}",
            summary="In use.",
            status="published",
        )
        Requirement.objects.create(
            role=role, statement=f"Show thing {number}", standard=standard, how_to_show="a\nb"
        )


def page_queries(client, path: str) -> list[dict]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return captured.captured_queries


@pytest.mark.django_db
def test_pages_make_a_fixed_number_of_queries(client, django_assert_num_queries):
    build_site()
    small = {path: page_queries(client, path) for path in PAGES}
    for path, expected in PAGES.items():
        assert content_queries(small[path]) == expected, path

    add_roles(120)
    for path in PAGES:
        # Exactly as many queries with 120 more roles as with three.
        with django_assert_num_queries(len(small[path])):
            client.get(path)


def add_roles(count: int):
    """More roles, programmes and areas, linked to the roles the pages show."""
    hub, first, second = (Role.objects.get(slug=slug) for slug in ("hub", "first", "second"))
    stages = list(CareerStage.objects.all())
    for number in range(count):
        role = make_role(stage=stages[number % len(stages)], next_roles=[hub, first])
        hub.next_roles.add(role)
        second.previous_roles.add(role)
        if number % 10 == 0:
            make_programme(stages=[stages[0]], roles=[role, hub])
        if number % 20 == 0:
            make_area(related_roles=[role, hub])
            add_requirements(hub, 3)
