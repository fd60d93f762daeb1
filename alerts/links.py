"""Signed links in alert emails (Django's TimestampSigner, keyed on SECRET_KEY).

A confirmation link works once, for ALERTS_PENDING_DAYS: it names the alert and a random
value the alert holds until the link is used. An unsubscribe link works as long as its alert
exists, confirmed or not. A "Manage your alerts" link works for ALERTS_MANAGE_LINK_HOURS."""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from alerts.models import Alert

CONFIRM_SALT = "alerts.confirm"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"
MANAGE_SALT = "alerts.manage"


def site_url(path: str) -> str:
    """An absolute address for an email: SITE_URL, as emails are sent from outside any
    request (set it in production; development falls back to `make run`'s address)."""
    return (settings.SITE_URL or "http://127.0.0.1:8000") + path


def confirm_url(alert: Alert) -> str:
    token = signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(
        {"a": alert.pk, "n": alert.confirm_nonce}
    )
    return site_url(reverse("alerts:confirm", kwargs={"token": token}))


def unsubscribe_url(alert: Alert) -> str:
    token = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign_object({"a": alert.pk})
    return site_url(reverse("alerts:unsubscribe", kwargs={"token": token}))


def manage_url(email: str) -> str:
    token = signing.TimestampSigner(salt=MANAGE_SALT).sign_object({"e": email})
    return site_url(reverse("alerts:manage", kwargs={"token": token}))


def _unsigned(token: str, *, salt: str, max_age: datetime.timedelta | None = None):
    try:
        value = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def alert_to_confirm(token: str) -> Alert | None:
    """The pending alert a confirmation link names, or None if the link is bad, too old or
    already used."""
    value = _unsigned(
        token, salt=CONFIRM_SALT, max_age=datetime.timedelta(days=settings.ALERTS_PENDING_DAYS)
    )
    if value is None or not isinstance(value.get("a"), int) or not isinstance(value.get("n"), str):
        return None
    return (
        Alert.objects.pending()
        .select_related("programme", "stage")
        .filter(pk=value["a"], confirm_nonce=value["n"])
        .first()
    )


def alert_to_unsubscribe(token: str) -> Alert | None:
    value = _unsigned(token, salt=UNSUBSCRIBE_SALT)
    if value is None or not isinstance(value.get("a"), int):
        return None
    # A request not yet confirmed can be stopped too, from its confirmation email.
    return Alert.objects.select_related("programme", "stage").filter(pk=value["a"]).first()


def managed_address(token: str) -> str | None:
    value = _unsigned(
        token, salt=MANAGE_SALT, max_age=datetime.timedelta(hours=settings.ALERTS_MANAGE_LINK_HOURS)
    )
    email = value.get("e") if value else None
    return email if isinstance(email, str) else None
