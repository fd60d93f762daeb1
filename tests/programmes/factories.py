"""Small builders for programme tests: only the fields a test cares about need naming."""

import itertools

from careers.models import CareerStage, Role
from core.models import Status
from programmes.models import Format, Programme, ProgrammeFamily, Provider

_numbers = itertools.count(1)


def make_provider(**fields) -> Provider:
    n = next(_numbers)
    defaults = {
        "name": f"Provider {n}",
        "slug": f"provider-{n}",
        "website": "https://provider.example/",
        "description": "A provider of training.",
    }
    return Provider.objects.create(**{**defaults, **fields})


def make_family(**fields) -> ProgrammeFamily:
    n = next(_numbers)
    defaults = {"name": f"Family {n}", "slug": f"family-{n}", "order": n}
    if "provider" not in fields:
        defaults["provider"] = make_provider()
    return ProgrammeFamily.objects.create(**{**defaults, **fields})


def make_stage(**fields) -> CareerStage:
    n = next(_numbers)
    defaults = {
        "name": f"Stage {n}",
        "slug": f"stage-{n}",
        "heading": f"Programmes for stage {n}",
        "includes": "people at this stage",
        "status": Status.PUBLISHED,
        "order": n,
    }
    return CareerStage.objects.create(**{**defaults, **fields})


def make_role(**fields) -> Role:
    n = next(_numbers)
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


def make_programme(*, stages=(), roles=(), **fields) -> Programme:
    n = next(_numbers)
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
        "order": n,
    }
    if "provider" not in fields:
        defaults["provider"] = make_provider()
    programme = Programme.objects.create(**{**defaults, **fields})
    programme.stages.set(stages)
    programme.roles.set(roles)
    return programme
