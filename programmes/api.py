"""Open data: the published programmes, for other services to reuse."""

import datetime
from pathlib import Path

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from careers.models import CareerStage, Role
from core import opendata
from core.selectors import public_or_none
from core.seo import absolute_url
from programmes.models import Programme

# This endpoint's part of the OpenAPI description (config/urls.py serves the whole).
OPENAPI = Path(__file__).with_name("openapi.yaml")


def _published_programmes() -> list[Programme]:
    return list(
        Programme.objects.public()
        .select_related("provider", "family", "replaced_by")
        .prefetch_related(
            Prefetch("stages", queryset=CareerStage.objects.public()),
            Prefetch("roles", queryset=Role.objects.public()),
            "windows",
        )
    )


def _item(request: HttpRequest, programme: Programme, today: datetime.date) -> dict:
    status = programme.status_on(today)
    replaced_by = public_or_none(programme.replaced_by)
    return {
        "slug": programme.slug,
        "name": programme.name,
        "url": absolute_url(request, programme.get_absolute_url()),
        "summary": programme.summary,
        "provider": {"name": programme.provider.name, "website": programme.provider.website},
        "family": programme.family.name if programme.family else None,
        "audience": programme.audience,
        "eligibility": programme.eligibility,
        "duration": programme.duration,
        "time_commitment": programme.time_commitment,
        "format": programme.format,
        "location": programme.location,
        "cost": programme.cost,
        "intakes": programme.intakes,
        "lifecycle": programme.lifecycle,
        "how_to_join": programme.how_to_join,
        "starts_on": _iso(programme.starts_on),
        "ended_on": _iso(programme.ended_on),
        "replaced_by": replaced_by.slug if replaced_by else None,
        "status_today": status.text,
        "can_apply_today": status.can_apply,
        "facts_checked_on": _iso(programme.facts_checked_on),
        "facts_source_url": programme.facts_source_url,
        "career_stages": [stage.slug for stage in programme.stages.all()],
        "roles": [role.slug for role in programme.roles.all()],
        "application_windows": [
            {"opens_on": window.opens_on.isoformat(), "closes_on": window.closes_on.isoformat()}
            for window in programme.windows.all()
        ],
        "sign_up_url": programme.sign_up_url,
        "last_modified": programme.updated_at.isoformat(),
    }


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _csv_row(item: dict) -> dict:
    windows = [f"{w['opens_on']} to {w['closes_on']}" for w in item["application_windows"]]
    return {
        **{key: value for key, value in item.items() if key not in {"provider"}},
        "provider": item["provider"]["name"],
        "provider_website": item["provider"]["website"],
        "application_windows": windows,
    }


@opendata.open_data_view
def programmes(request: HttpRequest) -> HttpResponse:
    programmes = _published_programmes()
    today = timezone.localdate()
    items = [_item(request, programme, today) for programme in programmes]
    return opendata.respond(
        request,
        name="programmes",
        items=items,
        csv_rows=lambda: [_csv_row(item) for item in items],
        last_modified=max((p.updated_at for p in programmes), default=None),
    )
