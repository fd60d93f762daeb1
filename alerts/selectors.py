"""Counts of alerts for staff and the dashboard: numbers only, never an address."""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from alerts.models import Alert, Email, Opening
from careers.models import CareerStage
from programmes.models import Programme, SignUpClick

CONFIRMED = Q(alerts__confirmed_at__isnull=False)
PENDING = Q(alerts__confirmed_at__isnull=True, alerts__pk__isnull=False)
HAS_ALERTS = Q(confirmed__gt=0) | Q(pending__gt=0)


def _waiting(model, *, start: datetime.date | None, end: datetime.date | None) -> list[dict]:
    counts = {
        "confirmed": Count("alerts", filter=CONFIRMED),
        "pending": Count("alerts", filter=PENDING),
    }
    if start is not None:
        counts["new"] = Count(
            "alerts",
            filter=CONFIRMED
            & Q(alerts__confirmed_at__date__gte=start, alerts__confirmed_at__date__lte=end),
        )
    rows = model.objects.annotate(**counts).filter(HAS_ALERTS).order_by("-confirmed", "name")
    return list(rows.values("name", *counts))


def waiting_per_programme(*, start=None, end=None) -> list[dict]:
    """Every programme with an alert, busiest first: confirmed, not yet confirmed, and (for a
    period) confirmed in it."""
    return _waiting(Programme, start=start, end=end)


def waiting_per_stage(*, start=None, end=None) -> list[dict]:
    return _waiting(CareerStage, start=start, end=end)


def new_per_day(*, start: datetime.date, end: datetime.date) -> dict[datetime.date, int]:
    """Alerts confirmed on each day (by the day they were confirmed), still held today."""
    rows = (
        Alert.objects.confirmed()
        .filter(confirmed_at__date__gte=start, confirmed_at__date__lte=end)
        .annotate(day=TruncDate("confirmed_at"))
        .values("day")
        .annotate(n=Count("pk"))
    )
    return {row["day"]: row["n"] for row in rows}


def new_per_day_by_subject(*, start: datetime.date, end: datetime.date) -> list[dict]:
    """Alerts confirmed on each day for each programme and each career stage, newest day
    first; days when nothing was confirmed for it are left out."""
    rows = (
        Alert.objects.confirmed()
        .filter(confirmed_at__date__gte=start, confirmed_at__date__lte=end)
        .annotate(day=TruncDate("confirmed_at"))
        .values("day", "programme__name", "stage__name")
        .annotate(n=Count("pk"))
        .order_by("-day", "programme__name", "stage__name")
    )
    return [
        {
            "date": row["day"],
            "kind": "Programme" if row["programme__name"] else "Career stage",
            "name": row["programme__name"] or row["stage__name"],
            "confirmed": row["n"],
        }
        for row in rows
    ]


def openings_with_results(*, start: datetime.date, end: datetime.date) -> list[dict]:
    """Each opening in the period: the emails sent about it, and the sign-up clicks that came
    from its emailed link (joined on its campaign tag, never on a person)."""
    openings = list(
        Opening.objects.filter(opened_on__gte=start, opened_on__lte=end)
        .select_related("programme", "stage")
        .annotate(sent=Count("emails", filter=Q(emails__status=Email.Status.SENT)))
    )
    clicks = dict(
        SignUpClick.objects.counted()
        .filter(campaign__in=[o.campaign for o in openings])
        .values("campaign")
        .annotate(n=Count("pk"))
        .values_list("campaign", "n")
    )
    return [
        {
            "programme": o.programme.name,
            "stage": o.stage.name if o.stage else "",
            "kind": o.get_kind_display(),
            "opened_on": o.opened_on,
            "campaign": o.campaign,
            "sent": o.sent,
            "clicks": clicks.get(o.campaign, 0),
        }
        for o in openings
    ]
