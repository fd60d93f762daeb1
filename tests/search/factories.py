"""Small builders for the search tests' corpus: name only what a test cares about."""

import itertools

from careers.models import AreaOfPractice, CareerStage, GuidancePage, Role
from core.models import ContentPage, Status
from programmes.models import Format, Programme, Provider

_numbers = itertools.count(1)


def _n() -> int:
    return next(_numbers)


def make_provider(**fields) -> Provider:
    n = _n()
    defaults = {
        "name": f"Provider {n}",
        "slug": f"provider-{n}",
        "website": "https://provider.example/",
        "description": "A provider of training.",
    }
    return Provider.objects.create(**{**defaults, **fields})


def make_stage(**fields) -> CareerStage:
    n = _n()
    defaults = {
        "name": f"Stage {n}",
        "slug": f"stage-{n}",
        "heading": f"Stage heading {n}",
        "includes": "people at this stage",
        "status": Status.PUBLISHED,
    }
    return CareerStage.objects.create(**{**defaults, **fields})


def make_role(**fields) -> Role:
    n = _n()
    defaults = {
        "title": f"Role {n}",
        "slug": f"role-{n}",
        "summary": "A role.",
        "salary_from": 30000,
        "salary_to": 40000,
        "status": Status.PUBLISHED,
    }
    if "stage" not in fields:
        defaults["stage"] = make_stage()
    return Role.objects.create(**{**defaults, **fields})


def make_programme(**fields) -> Programme:
    n = _n()
    defaults = {
        "name": f"Programme {n}",
        "slug": f"programme-{n}",
        "summary": f"Summary of programme {n}.",
        "audience": "Social workers.",
        "duration": "3 months",
        "format": Format.ONLINE,
        "cost": "Free",
        "sign_up_url": "https://provider.example/apply/",
        "cta_text": "Apply on the provider's website",
        "status": Status.PUBLISHED,
    }
    if "provider" not in fields:
        defaults["provider"] = make_provider()
    return Programme.objects.create(**{**defaults, **fields})


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
