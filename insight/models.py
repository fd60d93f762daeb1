"""What the site counts about its own use: page views, page feedback and daily summaries of
the sign-up clicks, with the permission to see the dashboard.

These tables were made by `core` and `programmes` before this app existed; each model names
its table so existing databases keep their rows (see migrations/0001_moved_models.py)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from careers.models import CareerStage
from programmes.models import Programme, SignUpClick


class PageView(models.Model):
    """How many times a page was viewed on one day. No visitor details are kept.

    A page is known by its URL name and, for pages about one thing (a role, a programme), by
    that thing, so its history survives a change of address. `path` is where it was seen."""

    path = models.CharField(max_length=300)
    date = models.DateField()
    views = models.PositiveIntegerField(default=0)
    url_name = models.CharField(
        "page", max_length=100, blank=True, help_text="For example 'careers:role'."
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    content_object = GenericForeignKey("content_type", "object_id")

    class Meta:
        db_table = "core_pageview"
        constraints = [
            models.UniqueConstraint(fields=["path", "date"], name="core_pageview_path_date")
        ]
        indexes = [models.Index(fields=["date"], name="core_pageview_date")]

    def __str__(self) -> str:
        return f"{self.path} on {self.date}: {self.views}"


class PageFeedbackQuerySet(models.QuerySet):
    def not_read(self):
        return self.filter(read_at__isnull=True)


class PageFeedback(models.Model):
    """An answer to "Is this page useful?", with an optional comment.

    `read_at` is when a member of staff who deals with feedback first opened it or marked it
    read from the list; until then it is counted on the admin home page."""

    COMMENT_MAX_LENGTH = 1200

    path = models.CharField("page", max_length=300, db_index=True)
    useful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField("date", auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(
        "read",
        null=True,
        blank=True,
        help_text="When someone who deals with feedback first opened it, or marked it read "
        "from the list.",
    )

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        db_table = "core_pagefeedback"
        ordering = ["-created_at"]
        indexes = [
            # The admin home page counts what is not read yet on every visit.
            models.Index(
                fields=["created_at"],
                condition=models.Q(read_at__isnull=True),
                name="insight_feedback_not_read",
            )
        ]
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"

    def __str__(self) -> str:
        return f"{self.path}: {'useful' if self.useful else 'not useful'}"


class SignUpInsight(SignUpClick):
    """The insight dashboard in the admin. Holds only its permission."""

    class Meta:
        proxy = True
        default_permissions = ()
        permissions = [("view_signup_insight", "View sign-up insight")]
        verbose_name = verbose_name_plural = "sign-up insight"


# Daily summaries of the sign-up clicks, so the dashboard's cost depends on the number of days
# in a period rather than the number of clicks. Filled by manage.py summarise_insight
# (insight.summaries). A day's three kinds of row are written and removed together in one
# transaction, so summary rows exist for a day only when its ClickDaySummary does.


class ClickDaySummary(models.Model):
    """A day whose clicks are summarised. Days with no clicks get one too, so they count
    as done."""

    date = models.DateField(unique=True)
    # People who clicked any programme that day. Visitor keys change every day, so the people
    # in a period are the sum of each day's number, which keeps the dashboard exact.
    visitors = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "programmes_clickdaysummary"

    def __str__(self) -> str:
        return f"Clicks on {self.date} summarised"


class ProgrammeDaySummary(models.Model):
    """One programme's counted clicks and the people who made them, on one day."""

    date = models.DateField()
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    clicks = models.PositiveIntegerField()
    visitors = models.PositiveIntegerField()

    class Meta:
        db_table = "programmes_programmedaysummary"
        constraints = [
            models.UniqueConstraint(
                fields=["date", "programme"], name="programmes_programmedaysummary_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} on {self.date}: {self.clicks}"


class ClickRouteSummary(models.Model):
    """Counted clicks on one day by programme, career stage and the page they came from."""

    date = models.DateField(db_index=True)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    stage = models.ForeignKey(
        CareerStage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_path = models.CharField(max_length=300, blank=True)
    clicks = models.PositiveIntegerField()

    class Meta:
        db_table = "programmes_clickroutesummary"

    def __str__(self) -> str:
        return f"{self.source_path or '(none)'} on {self.date}: {self.clicks}"
