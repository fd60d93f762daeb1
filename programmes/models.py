"""Providers, the programmes DfE funds, their application windows and sign-up clicks."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careers.models import CareerStage, Role
from core.models import (
    ORDER_HELP,
    SLUG_HELP,
    WEB_ADDRESS,
    FactChecked,
    MarkdownBody,
    Publishable,
)
from programmes.lifecycle import HowToJoin, Lifecycle, ProgrammeStatus, programme_status


def validate_https(value: str) -> None:
    if not value.startswith("https://"):
        raise ValidationError("The sign-up address must start with https://")


class Provider(models.Model):
    name = models.CharField(
        max_length=120, help_text="The organisation's name, for example 'Frontline'."
    )
    slug = models.SlugField(
        "short name",
        max_length=80,
        unique=True,
        help_text=(
            "A short lower-case name for the provider, used in spreadsheets, e.g. 'frontline'."
        ),
    )
    website = models.URLField(help_text="The provider's home page, starting https://")
    description = models.CharField(
        max_length=300, help_text="One plain sentence saying who the provider is."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProgrammeFamily(models.Model):
    """A group of related programmes, such as the Social Work Leadership Pathways."""

    name = models.CharField(
        max_length=120,
        help_text="The family's name, for example 'Social Work Leadership Pathways programme'.",
    )
    slug = models.SlugField(
        "short name",
        max_length=80,
        unique=True,
        help_text=(
            "A short lower-case name for the family, used in spreadsheets, e.g. 'pathways'."
        ),
    )
    summary = models.TextField(
        blank=True, help_text="One or two sentences about the family of programmes."
    )
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        related_name="families",
        help_text="The organisation that runs these programmes.",
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Where this family comes in lists. Lower numbers come first."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "programme families"

    def __str__(self) -> str:
        return self.name


class Format(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    BLENDED = "blended", "In person and online"


class Programme(Publishable, MarkdownBody, FactChecked):
    name = models.CharField(
        max_length=160,
        help_text="The programme's full name, e.g. 'Practice Supervisor Development Programme'.",
    )
    slug = models.SlugField(WEB_ADDRESS, max_length=80, unique=True, help_text=SLUG_HELP)
    family = models.ForeignKey(
        ProgrammeFamily,
        on_delete=models.PROTECT,
        related_name="programmes",
        null=True,
        blank=True,
        help_text="Optional. The group of programmes this belongs to.",
    )
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        related_name="programmes",
        help_text="The organisation that runs the programme.",
    )
    summary = models.TextField(help_text="One or two sentences shown in lists of programmes.")
    audience = models.TextField(
        "who it's for", help_text="Who the programme is for, in a sentence or two."
    )
    eligibility = models.TextField(
        blank=True, help_text="Who can apply, for example which employers and which roles."
    )
    duration = models.CharField(
        max_length=200, help_text="How long it lasts, for example '10 months'."
    )
    time_commitment = models.CharField(
        max_length=300,
        blank=True,
        help_text="How much time it takes, for example '56 hours, about 7 days'.",
    )
    format = models.CharField(
        max_length=10, choices=Format.choices, help_text="How it is delivered."
    )
    location = models.CharField(
        max_length=200,
        blank=True,
        help_text="Where in-person sessions happen. Leave empty for online programmes.",
    )
    cost = models.CharField(
        "cost and funding",
        max_length=300,
        help_text="What it costs and who pays, for example 'Free: funded by the Department'.",
    )
    delivered_by = models.CharField(
        max_length=300, blank=True, help_text="Who delivers the sessions, if not the provider."
    )
    intakes = models.CharField(
        max_length=200,
        blank=True,
        help_text=(
            "When groups start, in words, for example 'January and October'. Add the exact "
            "dates under application windows below."
        ),
    )
    how_to_apply = models.TextField(blank=True, help_text="The steps to apply, in a few sentences.")
    outcomes = models.TextField(
        "what you get", blank=True, help_text="What people get from the programme."
    )
    next_programme = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="previous_programmes",
        help_text="Optional. The programme people usually take after this one.",
    )
    lifecycle = models.CharField(
        "status",
        max_length=10,
        choices=Lifecycle.choices,
        default=Lifecycle.RUNNING,
        help_text=(
            "Whether people can take part. This is not the same as publishing: an ended "
            "programme stays published, so links to its page still work."
        ),
    )
    starts_on = models.DateField(
        "starts on",
        null=True,
        blank=True,
        help_text="For an upcoming programme: the day it starts. Pages show the month and year.",
    )
    ended_on = models.DateField(
        "ended on",
        null=True,
        blank=True,
        help_text="For an ended programme: its last day. Pages show the month and year.",
    )
    how_to_join = models.CharField(
        "how people join",
        max_length=20,
        choices=HowToJoin.choices,
        default=HowToJoin.APPLY,
        help_text=(
            "Whether people apply themselves, or their employer registers or nominates them. "
            "Only programmes people apply for themselves get an apply button."
        ),
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name="replaced by",
        help_text="For an ended programme: the programme people can do instead, if there is one.",
    )
    what_to_do_instead = models.TextField(
        "what to do instead",
        blank=True,
        help_text=(
            "For an ended or paused programme: one to three plain sentences on what people "
            "can do now."
        ),
    )
    sign_up_url = models.URLField(
        "sign-up address",
        max_length=500,
        blank=True,
        validators=[validate_https],
        help_text=(
            "The provider's page where people apply or start. Must start with https://. "
            "Needed when people apply themselves; leave it empty otherwise."
        ),
    )
    cta_text = models.CharField(
        "call to action text",
        max_length=120,
        blank=True,
        help_text=(
            "The button text. Name the provider, for example "
            "'Start the modules on Support for social workers'."
        ),
    )
    stages = models.ManyToManyField(
        CareerStage,
        related_name="programmes",
        blank=True,
        verbose_name="career stages",
        help_text="The career stages whose pages list this programme.",
    )
    roles = models.ManyToManyField(
        Role,
        related_name="programmes",
        blank=True,
        help_text="The roles whose pages list this programme.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text=ORDER_HELP)

    # History keeps which stages and roles each version had, so revert restores them.
    _history_m2m_fields = ["stages", "roles"]

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.lifecycle == Lifecycle.ENDED:
            if self.ended_on is None:
                errors["ended_on"] = "Enter the date the programme ended."
            if not self.what_to_do_instead.strip():
                errors["what_to_do_instead"] = "Say what people can do instead."
        if self.lifecycle == Lifecycle.PAUSED and not self.what_to_do_instead.strip():
            errors["what_to_do_instead"] = "Say what people can do while it is paused."
        if self.lifecycle == Lifecycle.UPCOMING and self.starts_on is None:
            errors["starts_on"] = "Enter the date the programme starts."
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            errors["replaced_by"] = "A programme cannot replace itself."
        takes_applications = self.how_to_join == HowToJoin.APPLY and self.lifecycle in (
            Lifecycle.RUNNING,
            Lifecycle.UPCOMING,
        )
        if takes_applications and self.lifecycle == Lifecycle.RUNNING and not self.sign_up_url:
            errors["sign_up_url"] = "Enter the address where people apply."
        if self.sign_up_url and not self.cta_text.strip():
            errors["cta_text"] = "Enter the button text."
        if errors:
            raise ValidationError(errors)

    def status_on(self, today: datetime.date, windows=None) -> ProgrammeStatus:
        """What people can do about this programme on a given day. Pass the windows when
        they are already loaded some other way; otherwise the prefetched ones are used."""
        return programme_status(
            lifecycle=self.lifecycle,
            how_to_join=self.how_to_join,
            starts_on=self.starts_on,
            ended_on=self.ended_on,
            windows=self.windows.all() if windows is None else windows,
            today=today,
        )


class ApplicationWindow(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="windows",
        help_text="The programme people apply to in this window.",
    )
    opens_on = models.DateField(help_text="The first day people can apply.")
    closes_on = models.DateField(
        help_text="The last day people can apply. Must be after the opening date."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["opens_on"]

    def __str__(self) -> str:
        return f"{self.opens_on} to {self.closes_on}"

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.opens_on > self.closes_on:
            raise ValidationError({"closes_on": "The closing date must be after the opening date."})


class SignUpClickQuerySet(models.QuerySet):
    def counted(self):
        """Clicks by people: known bots are stored for the record but never counted."""
        return self.filter(is_bot=False)


class SignUpClick(models.Model):
    """One click on a sign-up link. Holds no address, browser details or cookie."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="clicks")
    # Made before the insert and written to the log if the insert fails, so a click replayed
    # from the log (manage.py replay_clicks) is stored once however often it is replayed.
    click_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # A default rather than auto_now_add, so a replayed click keeps the time it happened.
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    source_path = models.CharField(max_length=300, blank=True)
    stage = models.ForeignKey(
        CareerStage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    visitor_key = models.CharField(max_length=64, blank=True)
    is_bot = models.BooleanField(default=False)
    # The utm_campaign of this site's page the click came from (an emailed link, say), so
    # clicks can be counted per campaign without knowing who made them.
    campaign = models.CharField(max_length=120, blank=True, db_index=True)

    objects = SignUpClickQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["programme", "created_at"])]

    def __str__(self) -> str:
        return f"{self.programme} at {self.created_at:%Y-%m-%d %H:%M}"
