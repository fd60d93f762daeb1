"""Writes with rules: asking for an alert, confirming it, stopping it, and queueing emails.

Nothing here tells the caller whether an address already had an alert: every request gets
the same answer, so the site never reveals who is subscribed."""

import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from alerts import links
from alerts.models import Alert, Email, Opening, new_nonce
from careers.models import CareerStage
from programmes.models import Programme


def normalised_email(value: str) -> str:
    """One address, one alert: the same address typed in another case is the same person."""
    return value.strip().lower()


def queue_email(
    *,
    kind: str,
    to: str,
    personalisation: dict,
    key: str,
    unsubscribe_url: str = "",
    opening: Opening | None = None,
    alert: Alert | None = None,
) -> bool:
    """Put one email in the queue, once per key: False if one with this key was queued before."""
    _, created = Email.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "kind": kind,
            "to_address": to,
            "personalisation": personalisation,
            "unsubscribe_url": unsubscribe_url,
            "opening": opening,
            "alert": alert,
            "next_attempt_at": timezone.now(),
        },
    )
    return created


def request_alert(
    *, email: str, programme: Programme | None = None, stage: CareerStage | None = None
) -> str | None:
    """Keep the request and queue its confirmation, returning the email's key. An address
    already confirmed for the same thing gets nothing more; one still waiting gets a fresh
    link."""
    email = normalised_email(email)
    target = {"programme": programme} if programme is not None else {"stage": stage}
    with transaction.atomic():
        try:
            with transaction.atomic():
                alert, created = Alert.objects.get_or_create(email=email, **target)
        except IntegrityError:  # the same request at the same moment from another process
            return None
        if alert.confirmed_at is not None:
            return None
        if not created:
            # A new link for a request still waiting; the older link stops working.
            alert.confirm_nonce = new_nonce()
            alert.created_at = timezone.now()
            alert.save(update_fields=["confirm_nonce", "created_at"])
        key = f"confirm:{alert.pk}:{alert.confirm_nonce}"
        unsubscribe = links.unsubscribe_url(alert)
        queue_email(
            kind=Email.Kind.CONFIRM,
            to=email,
            personalisation={
                "what": alert.wanted,
                "confirm_url": links.confirm_url(alert),
                "days": settings.ALERTS_PENDING_DAYS,
                "unsubscribe_url": unsubscribe,
            },
            key=key,
            unsubscribe_url=unsubscribe,
            alert=alert,
        )
    return key


def confirm_alert(*, alert: Alert) -> None:
    """Confirm once: a new random value makes the link it came from stop working."""
    alert.confirmed_at = timezone.now()
    alert.confirm_nonce = new_nonce()
    alert.save(update_fields=["confirmed_at", "confirm_nonce"])


def delete_alerts(alerts) -> int:
    """Delete alerts, and the emails about them still waiting to go: a stopped alert is
    sent nothing more. How many alerts were deleted."""
    with transaction.atomic():
        ids = list(alerts.values_list("pk", flat=True))
        Email.objects.filter(alert__in=ids, status=Email.Status.QUEUED).delete()
        deleted, _ = Alert.objects.filter(pk__in=ids).delete()
    return deleted


def stop_alerts(*, email: str, alert_ids: list[int] | None = None) -> int:
    """Delete this address's alerts (all of them, or those named); how many were deleted."""
    alerts = Alert.objects.filter(email=normalised_email(email))
    if alert_ids is not None:
        alerts = alerts.filter(pk__in=alert_ids)
    return delete_alerts(alerts)


def request_manage_link(*, email: str) -> str | None:
    """Queue a "Manage your alerts" link, only for an address with a confirmed alert."""
    email = normalised_email(email)
    if not Alert.objects.confirmed().filter(email=email).exists():
        return None
    key = f"manage:{uuid.uuid4()}"
    queue_email(
        kind=Email.Kind.MANAGE,
        to=email,
        personalisation={
            "manage_url": links.manage_url(email),
            "hours": settings.ALERTS_MANAGE_LINK_HOURS,
        },
        key=key,
    )
    return key
