"""Model pieces every app shares, and the site's own content pages."""

from collections.abc import Iterable

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.markdown import render_markdown

# Help for fields many kinds of content share. Each field's help lives on the model, where the
# admin's forms read it.
SLUG_HELP = (
    "The end of the page address, in lower case with hyphens between words, for example "
    "'practice-supervisor'. Changing it breaks links people have saved."
)
ORDER_HELP = "Where this appears in lists. Lower numbers come first."


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def public(self, *, assuming: Iterable[str] = ()):
        """What the public may see, by the model's one rule (Publishable.public_q). Every
        reader uses this: pages, lists, related lists, search, sitemaps and open data.
        `assuming` names relations to take as public, for a preview of a draft they point at."""
        return self.filter(self.model.public_q(assuming=assuming))


# Kept at module level so the admin can write one version after a save's relations are saved
# too (editorial.history.record_version), rather than one per relation changed.
HISTORY = HistoricalRecords(inherit=True)


class Publishable(models.Model):
    """Content that is a draft (seen only by staff) or published (seen by everyone)."""

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Drafts are hidden from the public. Only content publishers can publish.",
    )
    updated_at = models.DateTimeField("last updated", auto_now=True)
    history = HISTORY

    objects = PublishableQuerySet.as_manager()

    # Foreign keys to other publishable content that must be public too for this to be: a
    # role in a draft career stage is not public. public_q and is_public both read this, so
    # the database and Python apply the same rule.
    public_requires: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        """This item's own publishing state, for the publishing workflow. Whether the public
        may see it is `is_public`."""
        return self.status == Status.PUBLISHED

    @classmethod
    def public_q(cls, prefix: str = "", *, assuming: Iterable[str] = ()) -> Q:
        """The condition for being public, for this model's rows or, with a prefix such as
        'roles__', for rows related to them."""
        condition = Q(**{f"{prefix}status": Status.PUBLISHED})
        for name in cls.public_requires:
            if name not in assuming:
                related = cls._meta.get_field(name).related_model
                condition &= related.public_q(f"{prefix}{name}__")
        return condition

    @property
    def is_public(self) -> bool:
        """The same rule as public_q, for an item already loaded (with its required
        relations, to save queries)."""
        return self.is_published and all(
            getattr(self, name).is_public for name in self.public_requires
        )


class MarkdownBody(models.Model):
    """A Markdown body kept with its rendered HTML, so pages never render Markdown per request."""

    body = models.TextField(
        blank=True,
        help_text=(
            "The main text. Start a line with ## for a heading and - for a bullet point. "
            "Write links as [link text](https://address). Use Preview to check how it looks."
        ),
    )
    body_html = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Derived data only: the HTML always matches the Markdown it came from.
        self.body_html = render_markdown(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)


class FactChecked(models.Model):
    """Content whose facts go out of date: when an editor last checked them, and against
    what. The admin lists items not checked for a while (editorial.fact_checks)."""

    facts_checked_on = models.DateField(
        "facts checked on",
        null=True,
        blank=True,
        help_text="The day you last checked these facts against their source.",
    )
    facts_source_url = models.URLField(
        "facts checked against",
        max_length=500,
        blank=True,
        help_text="The official page you checked the facts against.",
    )

    class Meta:
        abstract = True


# The service's own pages sit at fixed addresses named in the footer (core/urls.py).
CONTENT_PAGE_SLUGS = ("accessibility", "privacy", "terms-and-conditions")


class ContentPage(Publishable, MarkdownBody):
    """A page about the service itself: accessibility statement, privacy notice, terms.
    Public when published at one of the addresses the site has."""

    title = models.CharField(
        max_length=120, help_text="The page heading, for example 'Privacy notice'. Keep it short."
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text=(
            "The page address after the site name, for example 'privacy'. The footer links to"
            " 'accessibility', 'privacy' and 'terms-and-conditions'; a page at any other "
            "address is not shown to the public."
        ),
    )
    summary = models.CharField(
        max_length=300,
        help_text="One sentence describing the page. Search engines show it under the title.",
    )

    class Meta:
        ordering = ["title"]
        # One permission covers every kind of content: the "Content publisher" group has it.
        permissions = [("publish_content", "Can publish and unpublish any content")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/{self.slug}"

    @classmethod
    def public_q(cls, prefix: str = "", *, assuming: Iterable[str] = ()) -> Q:
        return super().public_q(prefix, assuming=assuming) & Q(
            **{f"{prefix}slug__in": CONTENT_PAGE_SLUGS}
        )

    @property
    def is_public(self) -> bool:
        return super().is_public and self.slug in CONTENT_PAGE_SLUGS


class SiteContentVersion(models.Model):
    """One row holding a number that goes up whenever public content changes. Cached pages are
    keyed on it, so every web process and machine sees a change as soon as it is committed."""

    version = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = "site content version"

    def __str__(self) -> str:
        return f"Content version {self.version}"


class BundledContentRevision(models.Model):
    """The revision of each bundled content file last loaded into this database. When a
    release ships a file with a higher revision, `manage.py load_content` updates the items
    in it in place (same addresses, a new version in their history); until then it leaves
    editors' changes alone."""

    name = models.CharField(max_length=80, unique=True)
    revision = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} revision {self.revision}"
