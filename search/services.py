"""Writes to the search index. The index only ever holds public content."""

import re
from dataclasses import asdict

from django.contrib.postgres.search import SearchVector
from django.db import connection, models, transaction

from search.documents import (
    INDEXED,
    Document,
    document_for,
    public_objects,
    published_documents,
)
from search.models import SearchDocument, SearchTerm

WORD = re.compile(r"[a-z]{4,40}")


def _rank_vector() -> SearchVector:
    # Title counts most, then summary and other names (weights A, B).
    return SearchVector("title", weight="A", config="english") + SearchVector(
        "summary", "keywords", weight="B", config="english"
    )


def _fill_vectors(queryset: models.QuerySet) -> None:
    if connection.vendor == "postgresql":
        queryset.update(
            search_vector=_rank_vector() + SearchVector("body", weight="C", config="english"),
            rank_vector=_rank_vector(),
        )


def _add_terms(documents: list[Document]) -> None:
    words: set[str] = set()
    for document in documents:
        text = " ".join([document.title, document.summary, document.keywords, document.body])
        words.update(WORD.findall(text.lower()))
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word) for word in sorted(words)], ignore_conflicts=True, batch_size=1000
    )


def index_object(*, obj: models.Model) -> None:
    """Add or refresh one object's document, read again through its model's public() rule,
    so anything the public may not see (a draft, a role in a draft stage) is removed."""
    if type(obj) not in INDEXED:
        return
    public = public_objects(type(obj)).filter(pk=obj.pk).first()
    if public is None:
        remove_object(obj=obj)
        return
    document = document_for(public)
    fields = asdict(document)
    key = {"kind": fields.pop("kind"), "object_id": fields.pop("object_id")}
    with transaction.atomic():
        SearchDocument.objects.update_or_create(**key, defaults=fields)
        _fill_vectors(SearchDocument.objects.filter(**key))
        _add_terms([document])


def remove_object(*, obj: models.Model) -> None:
    if type(obj) not in INDEXED:
        return
    kind = INDEXED[type(obj)][0]
    SearchDocument.objects.filter(kind=kind, object_id=obj.pk).delete()


def index_objects(*, objects) -> None:
    for obj in objects:
        index_object(obj=obj)


@transaction.atomic
def rebuild_index() -> int:
    """Replace the whole index with every public object. Returns the number indexed."""
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    documents = [doc for model in INDEXED for doc in published_documents(model)]
    SearchDocument.objects.bulk_create(
        [SearchDocument(**asdict(document)) for document in documents], batch_size=500
    )
    _fill_vectors(SearchDocument.objects.all())
    _add_terms(documents)
    return len(documents)
