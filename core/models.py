"""Model pieces every app shares, and the site's own content pages."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.content import render_markdown

# Help for fields many kinds of content share. Each field's help lives on the model, where the
# admin's forms read it.
# Every slug that ends a page's address is labelled this, in plain English.
WEB_ADDRESS = "web address"
SLUG_HELP = (
    "The end of the web address, in lower case with hyphens between words, for example "
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
# too (core.history.record_version), rather than one per relation changed.
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

    #: The fields written in Markdown: the admin previews them beside their text boxes.
    markdown_fields = ("body",)

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
    what. The admin lists items not checked for a while (core.fact_checks)."""

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
        WEB_ADDRESS,
        max_length=80,
        unique=True,
        help_text=(
            "The web address after the site name, for example 'privacy'. The footer links to"
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


class PendingChange(models.Model):
    """An editor's change to published content, waiting for a publisher. The public page
    keeps the published version until a publisher approves the change."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    # The change form as the editor sent it (field name -> list of values), inline rows and
    # many-to-many choices included, so approving replays it through the same admin form.
    form_data = models.JSONField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField("saved", auto_now=True)

    class Meta:
        ordering = ["saved_at"]
        verbose_name = "change waiting for a publisher"
        verbose_name_plural = "changes waiting for a publisher"
        constraints = [
            # One waiting change per item: saving again replaces it.
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="core_pendingchange_one_per_object"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.name} {self.object_id}"

    @property
    def saved_when(self) -> str:
        """For example '25 November 2026 at 5:35pm'."""
        local = timezone.localtime(self.saved_at)
        hour = local.hour % 12 or 12
        return f"{local.day} {local:%B %Y} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"

    @property
    def author_name(self) -> str:
        return self.author.get_username() if self.author else "a former member of staff"


class LinkCheck(models.Model):
    """The last check of one external address found in the content (`manage.py check_links`)."""

    url = models.URLField("address", max_length=500, unique=True)
    found_in = models.TextField(
        blank=True, help_text="Where the address appears in the content, one place per line."
    )
    status_code = models.PositiveSmallIntegerField("response code", null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    is_broken = models.BooleanField("broken", default=False, db_index=True)
    checked_at = models.DateTimeField("last checked")

    class Meta:
        ordering = ["-is_broken", "url"]
        verbose_name = "link check"

    def __str__(self) -> str:
        return self.url


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
