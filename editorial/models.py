"""The editorial workflow's records: changes waiting for a publisher, and link checks. Their
tables keep the names they had when these models lived in `core`."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


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
        db_table = "core_pendingchange"
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
        db_table = "core_linkcheck"
        ordering = ["-is_broken", "url"]
        verbose_name = "link check"

    def __str__(self) -> str:
        return self.url
