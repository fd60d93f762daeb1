"""Draining the email queue through GOV.UK Notify, with the official client.

Each email is claimed (marked "sending" in its own committed update) before Notify is called,
so two runs of `send_alerts` at once never send the same email, and one interrupted mid-send
is left for staff to check rather than sent again. A failure Notify may get over (its 429 and
5xx answers, or no answer) is tried again later, waiting ALERTS_RETRY_SECONDS and twice as
long after each further failure, up to ALERTS_SEND_ATTEMPTS tries; any other is final. Every
error is kept on the email, where staff see it ("Emails" in the admin)."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from alerts import emails
from alerts.models import Email

logger = logging.getLogger("alerts.emails")

# Notify's answers that a later try may get past: too many requests, and its own faults.
RETRY_STATUSES = {429, 500, 502, 503, 504}
BATCH = 100


@dataclass
class SendResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


class PermanentError(Exception):
    pass


def notify_client() -> NotificationsAPIClient:
    return NotificationsAPIClient(
        settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=10
    )


def uses_notify() -> bool:
    return bool(settings.NOTIFY_API_KEY)


def retry_delay(attempts: int) -> datetime.timedelta:
    """The wait after the given number of failed tries: the retry time, doubled each time."""
    return datetime.timedelta(seconds=settings.ALERTS_RETRY_SECONDS * 2 ** (attempts - 1))


def _claim(now: datetime.datetime) -> list[Email]:
    with transaction.atomic():
        due = list(
            Email.objects.select_for_update(skip_locked=True)
            .filter(status=Email.Status.QUEUED, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")[:BATCH]
        )
        Email.objects.filter(pk__in=[e.pk for e in due]).update(status=Email.Status.SENDING)
    return due


def send_due(*, now: datetime.datetime | None = None) -> SendResult:
    """Send every email that is due, a batch at a time."""
    result = SendResult()
    client = notify_client() if uses_notify() else None
    while batch := _claim(now or timezone.now()):
        for email in batch:
            _send_one(email, client, result)
    return result


def _send_one(email: Email, client, result: SendResult) -> None:
    email.attempts += 1
    try:
        if client is None:
            email.logged_text = emails.filled(email.kind, email.personalisation)
            logger.info(
                "Email not sent (no NOTIFY_API_KEY): to %s\n%s", email.to_address, email.logged_text
            )
        else:
            response = _post(email, client)
            email.notify_id = str(response.get("id", ""))[:64]
    except PermanentError as error:
        email.status = Email.Status.FAILED
        email.last_error = str(error)
        result.failed += 1
    except Exception as error:  # noqa: BLE001 - kept on the email for staff, whatever it is
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        status = error.status_code if isinstance(error, APIError) else None
        retryable = status is None or status in RETRY_STATUSES
        if retryable and email.attempts < settings.ALERTS_SEND_ATTEMPTS:
            email.status = Email.Status.QUEUED
            email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
            result.retrying += 1
        else:
            email.status = Email.Status.FAILED
            result.failed += 1
        logger.warning("Email %s to Notify failed (try %s): %s", email.pk, email.attempts, error)
    else:
        email.status = Email.Status.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        if client is not None:
            # Notify has it now: keep no address or links here.
            email.to_address = ""
            email.personalisation = {}
        result.sent += 1
    email.save()


def _post(email: Email, client: NotificationsAPIClient) -> dict:
    template_id = settings.NOTIFY_TEMPLATES.get(email.kind)
    if not template_id:
        raise PermanentError(f"No Notify template ID is set for {email.kind} emails.")
    return client.send_email_notification(
        email_address=email.to_address,
        template_id=template_id,
        personalisation={k: str(v) for k, v in email.personalisation.items()},
        reference=email.idempotency_key,
        one_click_unsubscribe_url=email.unsubscribe_url or None,
    )


def send_now(email_key: str) -> None:
    """Try one email straight away (a confirmation someone is waiting for); if it cannot go
    now, `send_alerts` tries it again later. Never fails the visitor's request."""
    try:
        client = notify_client() if uses_notify() else None
    except Exception:  # noqa: BLE001 - a malformed key: send_alerts reports it
        logger.exception("Could not set up the GOV.UK Notify client")
        return
    with transaction.atomic():
        email = (
            Email.objects.select_for_update(skip_locked=True)
            .filter(idempotency_key=email_key, status=Email.Status.QUEUED)
            .first()
        )
        if email is None:
            return
        Email.objects.filter(pk=email.pk).update(status=Email.Status.SENDING)
    _send_one(email, client, SendResult())
