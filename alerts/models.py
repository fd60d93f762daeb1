"""Email alerts: who asked to hear when a programme opens (or when a new programme is announced
for a career stage), the emails waiting to go through GOV.UK Notify, and what the opening
trigger has already seen.

An address is kept only as needed to send to it: an alert holds it from the request until it
is stopped or deleted (docs/alerts.md says when), and a queued email until Notify has taken it."""

import secrets

from django.db import models
from django.db.models import Q

from careers.models import CareerStage
from programmes.models import Programme


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


def wanted(*, programme: Programme | None = None, stage: CareerStage | None = None) -> str:
    """What an alert waits for, to follow "an email when"."""
    if programme is not None:
        return f"applications open for {programme.name}"
    return f"a new programme for {stage.name.lower()} is announced"


class AlertQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def pending(self):
        return self.filter(confirmed_at__isnull=True)


class Alert(models.Model):
    """One address waiting to hear about one programme or one career stage. Until it is
    confirmed it is only the pending request; nothing is sent to it but the confirmation."""

    email = models.EmailField(max_length=254)
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts"
    )
    stage = models.ForeignKey(
        CareerStage, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Changed when the confirmation link is used, so that link works only once.
    confirm_nonce = models.CharField(max_length=32, default=new_nonce)

    objects = AlertQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(programme__isnull=False, stage__isnull=True)
                | Q(programme__isnull=True, stage__isnull=False),
                name="alert_is_for_a_programme_or_a_stage",
            ),
            models.UniqueConstraint(
                fields=["email", "programme"],
                condition=Q(programme__isnull=False),
                name="one_alert_per_address_and_programme",
            ),
            models.UniqueConstraint(
                fields=["email", "stage"],
                condition=Q(stage__isnull=False),
                name="one_alert_per_address_and_stage",
            ),
        ]

    def __str__(self) -> str:
        return f"Alert {self.pk} for {self.subject_name}"

    @property
    def subject_name(self) -> str:
        return self.programme.name if self.programme_id else f"new programmes for {self.stage.name}"

    @property
    def wanted(self) -> str:
        return wanted(programme=self.programme, stage=self.stage)


class Opening(models.Model):
    """A programme people could not join becoming one they can (a window opening, or an
    upcoming programme starting), or a new programme shown for a career stage. Each is
    announced once: its emails' idempotency keys name it."""

    class Kind(models.TextChoices):
        OPENED = "opened", "Applications opened"
        ANNOUNCED = "announced", "New programme for a career stage"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="openings")
    stage = models.ForeignKey(
        CareerStage, on_delete=models.CASCADE, null=True, blank=True, related_name="openings"
    )
    opened_on = models.DateField()
    status_text = models.CharField(max_length=200)
    # utm_campaign on the emailed link; sign-up clicks that came through it carry it too.
    campaign = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_on", "programme__name"]

    def __str__(self) -> str:
        return f"{self.programme} on {self.opened_on}"


class ProgrammeWatch(models.Model):
    """What the opening trigger saw last time it looked at a programme."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=20)
    stage_ids = models.JSONField(default=list)
    checked_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.state} on {self.checked_on}"


class Email(models.Model):
    """One email waiting for, or given to, GOV.UK Notify. `send_alerts` drains the queue."""

    class Kind(models.TextChoices):
        CONFIRM = "confirm", "Confirm an alert"
        MANAGE = "manage", "Link to manage alerts"
        OPENED = "opened", "Applications open"
        ANNOUNCED = "announced", "New programme announced"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to send"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    # One per alert and opening (or per request), so no email is ever queued twice.
    idempotency_key = models.CharField(max_length=120, unique=True)
    # Cleared once Notify has the email: the queue keeps no address longer than it must.
    to_address = models.EmailField(max_length=254, blank=True)
    personalisation = models.JSONField(default=dict, blank=True)
    unsubscribe_url = models.URLField(max_length=500, blank=True)
    opening = models.ForeignKey(
        Opening, on_delete=models.SET_NULL, null=True, blank=True, related_name="emails"
    )
    # The alert it is about; emails still waiting are deleted with it (services.delete_alerts).
    alert = models.ForeignKey(
        Alert, on_delete=models.SET_NULL, null=True, blank=True, related_name="emails"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.TextField(blank=True)
    notify_id = models.CharField(max_length=64, blank=True)
    # Only without a Notify key (development): the email as text, for the staff page.
    logged_text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"
