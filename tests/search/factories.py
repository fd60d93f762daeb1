"""Small builders for the search tests' corpus: name only what a test cares about.
Providers, stages, roles and programmes come from the programme tests' builders."""

import itertools

from careers.models import AreaOfPractice, GuidancePage
from core.models import ContentPage, Status
from tests.programmes.factories import make_programme, make_provider, make_role, make_stage

__all__ = [
    "make_area",
    "make_content_page",
    "make_guidance",
    "make_programme",
    "make_provider",
    "make_role",
    "make_stage",
]

_numbers = itertools.count(1)


def _n() -> int:
    return next(_numbers)


def make_area(**fields) -> AreaOfPractice:
    n = _n()
    defaults = {
        "name": f"Area {n}",
        "slug": f"area-{n}",
        "summary": "An area.",
        "status": Status.PUBLISHED,
    }
    return AreaOfPractice.objects.create(**{**defaults, **fields})


def make_guidance(**fields) -> GuidancePage:
    n = _n()
    defaults = {
        "title": f"Guidance {n}",
        "slug": f"guidance-{n}",
        "summary": "Guidance.",
        "body": "Some guidance.",
        "status": Status.PUBLISHED,
    }
    return GuidancePage.objects.create(**{**defaults, **fields})


def make_content_page(**fields) -> ContentPage:
    n = _n()
    defaults = {
        "title": f"Page {n}",
        "slug": f"page-{n}",
        "summary": "A page.",
        "body": "Some text.",
        "status": Status.PUBLISHED,
    }
    return ContentPage.objects.create(**{**defaults, **fields})
