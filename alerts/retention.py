"""Nightly deletion: nothing personal is kept longer than the privacy notice says.

- a request not confirmed within ALERTS_PENDING_DAYS is deleted;
- an alert is deleted once its programme has ended (ALERTS_ENDED_DAYS after, 0 by default),
  by the programme's own status rule;
- an email that has gone, or failed for good, keeps no address or text after
  ALERTS_PENDING_DAYS (with Notify it keeps none from the moment Notify takes it)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from alerts import services
from alerts.models import Alert, Email
from programmes.models import Programme


@dataclass
class Deleted:
    unconfirmed: int
    ended: int
    emails_cleared: int


def delete_old(*, now: datetime.datetime | None = None) -> Deleted:
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.ALERTS_PENDING_DAYS)
    unconfirmed = services.delete_alerts(Alert.objects.pending().filter(created_at__lt=cutoff))
    day = timezone.localdate(now) - datetime.timedelta(days=settings.ALERTS_ENDED_DAYS)
    ended_ids = [
        programme.pk
        for programme in Programme.objects.filter(alerts__isnull=False)
        .distinct()
        .prefetch_related("windows")
        if programme.status_on(day).has_ended
    ]
    ended = services.delete_alerts(Alert.objects.filter(programme__in=ended_ids))
    emails_cleared = (
        Email.objects.filter(status__in=[Email.Status.SENT, Email.Status.FAILED])
        .filter(created_at__lt=cutoff)
        .exclude(to_address="", personalisation={}, logged_text="")
        .update(to_address="", personalisation={}, logged_text="")
    )
    return Deleted(unconfirmed=unconfirmed, ended=ended, emails_cleared=emails_cleared)
