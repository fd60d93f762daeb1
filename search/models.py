"""The site search index: one row per published page, kept in the site's own database."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class Kind(models.TextChoices):
    PROGRAMME = "programme", "Development programme"
    ROLE = "role", "Role"
    AREA = "area", "Area of practice"
    STAGE = "stage", "Career stage"
    GUIDANCE = "guidance", "Guidance"
    PAGE = "page", "Page"


class SearchDocument(models.Model):
    """Text of one published page, as search reads it. Derived data: rebuilt from the content
    models by `manage.py rebuild_search_index`, never edited by hand."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    # Other names and abbreviations: weighted like the summary.
    keywords = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    updated_at = models.DateTimeField()
    # Filled on PostgreSQL only (weights: title A, summary and keywords B, body C).
    search_vector = SearchVectorField(null=True, editable=False)
    # Title and summary only: small, so ranking many matches stays fast (PostgreSQL only).
    rank_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_one_document")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class SearchTerm(models.Model):
    """Every word in the index, for suggesting a correct spelling of a misspelt word."""

    word = models.CharField(max_length=60, unique=True)

    def __str__(self) -> str:
        return self.word
