"""The opening trigger: when a programme nobody could join becomes one people can (a window
opens, an upcoming programme starts, a paused one runs again), everyone confirmed for it is
queued one email; when a programme is first shown for a career stage, everyone confirmed for
the stage is.

What counts as "could not join" is the programme's own status rule
(programmes.lifecycle, `ProgrammeStatus.may_open`), worked out for the day the trigger runs.
The trigger keeps what it saw last time for each programme (ProgrammeWatch) and compares, so a
night missed is caught up the next run, a change made in the admin counts as much as a date
passing, and running it again the same day finds nothing new. The very first run only
records what it sees."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import transaction
from django.utils import timezone

from alerts import links, services
from alerts.models import Alert, Email, Opening, ProgrammeWatch
from careers.models import CareerStage
from programmes.lifecycle import ProgrammeStatus, State
from programmes.models import Programme

UTM_SOURCE = "email-alert"
UTM_MEDIUM = "email"


@dataclass
class TriggerResult:
    openings: list[Opening] = field(default_factory=list)
    emails: int = 0


def has_opened(*, before: str, now: ProgrammeStatus) -> bool:
    """Moved from a state people wait in to one they can join (or be put forward in)."""
    return ProgrammeStatus(State(before)).may_open and now.is_current and not now.may_open


def tracked_url(programme: Programme, campaign: str) -> str:
    query = urlencode(
        {"utm_source": UTM_SOURCE, "utm_medium": UTM_MEDIUM, "utm_campaign": campaign}
    )
    return links.site_url(f"{programme.get_absolute_url()}?{query}")


def check_programmes(*, today: datetime.date | None = None) -> TriggerResult:
    today = today or timezone.localdate()
    result = TriggerResult()
    public_stages = {stage.pk: stage for stage in CareerStage.objects.public()}
    watches = {w.programme_id: w for w in ProgrammeWatch.objects.all()}
    first_run = not watches
    programmes = Programme.objects.public().prefetch_related("windows", "stages")
    for programme in programmes:
        status = programme.status_on(today)
        stage_ids = sorted(
            s.pk for s in programme.stages.all() if s.pk in public_stages and status.is_current
        )
        watch = watches.get(programme.pk)
        with transaction.atomic():
            if not first_run:
                if watch is not None and has_opened(before=watch.state, now=status):
                    _announce(
                        result,
                        programme=programme,
                        status=status,
                        today=today,
                        kind=Opening.Kind.OPENED,
                        campaign=f"alert-{programme.slug}-{today:%Y-%m-%d}",
                    )
                known = set(watch.stage_ids) if watch is not None else set()
                for stage_id in sorted(set(stage_ids) - known):
                    stage = public_stages[stage_id]
                    _announce(
                        result,
                        programme=programme,
                        status=status,
                        today=today,
                        kind=Opening.Kind.ANNOUNCED,
                        stage=stage,
                        campaign=f"alert-{stage.slug}-{programme.slug}",
                    )
            ProgrammeWatch.objects.update_or_create(
                programme=programme,
                defaults={"state": status.state, "stage_ids": stage_ids, "checked_on": today},
            )
    return result


def _announce(result: TriggerResult, *, programme, status, today, kind, campaign, stage=None):
    opening, created = Opening.objects.get_or_create(
        campaign=campaign[:120],
        defaults={
            "kind": kind,
            "programme": programme,
            "stage": stage,
            "opened_on": today,
            "status_text": status.text,
        },
    )
    if not created:
        return
    result.openings.append(opening)
    waiting = Alert.objects.confirmed()
    waiting = waiting.filter(stage=stage) if stage else waiting.filter(programme=programme)
    personalisation = {
        "programme": programme.name,
        "status": status.text,
        "programme_url": tracked_url(programme, opening.campaign),
    }
    if stage is not None:
        personalisation["stage"] = stage.name.lower()
    for alert in waiting:
        unsubscribe = links.unsubscribe_url(alert)
        queued = services.queue_email(
            kind=Email.Kind.ANNOUNCED if stage else Email.Kind.OPENED,
            to=alert.email,
            personalisation={**personalisation, "unsubscribe_url": unsubscribe},
            key=f"opening:{opening.pk}:alert:{alert.pk}",
            unsubscribe_url=unsubscribe,
            opening=opening,
            alert=alert,
        )
        result.emails += queued
