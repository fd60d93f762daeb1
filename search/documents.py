"""What each kind of public content looks like to search: its title, summary, other names
and body text. The only place that knows which fields of which model are searchable."""

import html
import re
from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags

from careers.models import AreaOfPractice, CareerStage, GuidancePage, Role
from core.models import ContentPage
from programmes.models import Programme
from search.models import Kind

# Characters never kept in the index: NUL (PostgreSQL rejects it), other control characters,
# and the private-use characters search uses to mark highlights in snippets.
UNWANTED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff]")


@dataclass(frozen=True)
class Document:
    kind: str
    object_id: int
    title: str
    summary: str
    keywords: str
    body: str
    url: str
    updated_at: datetime


def clean_text(*parts: str) -> str:
    text = "\n".join(part for part in parts if part)
    return UNWANTED.sub("", text).strip()


def html_to_text(value: str) -> str:
    return html.unescape(strip_tags(value or ""))


def _content_page(page: ContentPage) -> Document:
    return _document(Kind.PAGE, page, page.title, page.summary, "", html_to_text(page.body_html))


def _stage(stage: CareerStage) -> Document:
    return _document(Kind.STAGE, stage, stage.name, stage.summary, stage.heading, stage.includes)


def _role(role: Role) -> Document:
    body = clean_text(
        role.experience, role.tasks, role.skills, role.how_to_get, role.working_with, role.jobs
    )
    keywords = clean_text(role.other_names, role.stage.name)
    return _document(Kind.ROLE, role, role.title, role.summary, keywords, body)


def _area(area: AreaOfPractice) -> Document:
    body = clean_text(area.tasks, area.skills, area.working_with)
    return _document(Kind.AREA, area, area.name, area.summary, area.other_names, body)


def _guidance(page: GuidancePage) -> Document:
    return _document(
        Kind.GUIDANCE, page, page.title, page.summary, "", html_to_text(page.body_html)
    )


def _programme(programme: Programme) -> Document:
    keywords = clean_text(
        programme.provider.name, programme.family.name if programme.family else ""
    )
    body = clean_text(
        programme.audience,
        programme.eligibility,
        programme.duration,
        programme.time_commitment,
        programme.get_format_display(),
        programme.location,
        programme.cost,
        programme.delivered_by,
        programme.intakes,
        programme.how_to_apply,
        programme.outcomes,
        html_to_text(programme.body_html),
    )
    summary = programme.summary
    # Ended programmes stay findable, because people search for them by name, but every
    # result says plainly that they have ended. Saving the programme writes this again.
    status = programme.status_on(timezone.localdate(), windows=())
    if status.has_ended:
        summary = f"{status.text}. {summary}"
    return _document(Kind.PROGRAMME, programme, programme.name, summary, keywords, body)


def _document(kind, obj, title, summary, keywords, body) -> Document:
    return Document(
        kind=kind,
        object_id=obj.pk,
        title=clean_text(title),
        summary=clean_text(summary),
        keywords=clean_text(keywords),
        body=clean_text(body),
        url=obj.get_absolute_url(),
        updated_at=obj.updated_at,
    )


# Each searchable model, the kind it is indexed as, how to read its public objects
# efficiently, and how to turn one into a document.
INDEXED = {
    ContentPage: (Kind.PAGE, lambda qs: qs, _content_page),
    CareerStage: (Kind.STAGE, lambda qs: qs, _stage),
    Role: (Kind.ROLE, lambda qs: qs.select_related("stage"), _role),
    AreaOfPractice: (Kind.AREA, lambda qs: qs, _area),
    GuidancePage: (Kind.GUIDANCE, lambda qs: qs, _guidance),
    Programme: (Kind.PROGRAMME, lambda qs: qs.select_related("provider", "family"), _programme),
}


def document_for(obj: models.Model) -> Document:
    return INDEXED[type(obj)][2](obj)


def public_objects(model: type[models.Model]) -> models.QuerySet:
    """The model's public objects (its one public() rule), read as their documents need."""
    kind, prepare, build = INDEXED[model]
    return prepare(model.objects.public())


def published_documents(model: type[models.Model]):
    build = INDEXED[model][2]
    for obj in public_objects(model).iterator(chunk_size=500):
        yield build(obj)
