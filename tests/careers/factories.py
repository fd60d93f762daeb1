"""Small builders for careers tests: name only the fields a test cares about.
Programmes come from the programme tests' builder."""

import itertools

from careers.models import AreaOfPractice, CareerStage, GuidancePage, Role
from core.models import Status
from tests.programmes.factories import make_programme

__all__ = ["make_area", "make_guidance_page", "make_programme", "make_role", "make_stage"]

_numbers = itertools.count(1)


def make_stage(**fields) -> CareerStage:
    n = next(_numbers)
    defaults = {
        "name": f"Stage {n}",
        "slug": f"stage-{n}",
        "heading": f"Programmes for stage {n}",
        "includes": f"people at stage {n}",
        "status": Status.PUBLISHED,
        "order": n,
    }
    return CareerStage.objects.create(**{**defaults, **fields})


def make_role(*, next_roles=(), **fields) -> Role:
    n = next(_numbers)
    defaults = {
        "title": f"Role {n}",
        "slug": f"role-{n}",
        "summary": f"What role {n} does.",
        "salary_from": 30000,
        "salary_to": 40000,
        "experience": "Usually 2 years",
        "tasks": "visit families\nwrite reports",
        "skills": "listen well\nwrite clearly",
        "status": Status.PUBLISHED,
        "order": n,
    }
    if "stage" not in fields:
        defaults["stage"] = make_stage()
    role = Role.objects.create(**{**defaults, **fields})
    role.next_roles.set(next_roles)
    return role


def make_area(*, related_roles=(), **fields) -> AreaOfPractice:
    n = next(_numbers)
    defaults = {
        "name": f"Area {n}",
        "slug": f"area-{n}",
        "summary": f"What area {n} covers.",
        "tasks": "assess needs",
        "skills": "stay calm",
        "working_with": "police\nschools",
        "status": Status.PUBLISHED,
        "order": n,
    }
    area = AreaOfPractice.objects.create(**{**defaults, **fields})
    area.related_roles.set(related_roles)
    return area


def make_guidance_page(**fields) -> GuidancePage:
    n = next(_numbers)
    defaults = {
        "title": f"Guidance {n}",
        "slug": f"guidance-{n}",
        "summary": f"What guidance {n} is about.",
        "body": "## A heading\n\nSome text.",
        "status": Status.PUBLISHED,
    }
    return GuidancePage.objects.create(**{**defaults, **fields})
