"""The opening trigger on boundary dates, and nightly deletion."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from alerts import retention, triggers
from alerts.models import Alert, Email, Opening
from core.models import Status
from programmes.lifecycle import Lifecycle
from programmes.models import ApplicationWindow
from tests.programmes.factories import make_programme, make_stage

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
OPENS = datetime.date(2027, 3, 1)


def waiting_for(programme=None, stage=None, email="person@example.com") -> Alert:
    return Alert.objects.create(
        email=email, programme=programme, stage=stage, confirmed_at=timezone.now()
    )


@pytest.fixture
def programme():
    programme = make_programme(name="PSDP", slug="psdp")
    ApplicationWindow.objects.create(
        programme=programme, opens_on=OPENS, closes_on=OPENS + datetime.timedelta(days=30)
    )
    return programme


def run(day):
    return triggers.check_programmes(today=day)


def test_the_day_before_a_window_opens_nothing_is_sent_and_on_the_day_one_email_is(programme):
    waiting_for(programme)
    Alert.objects.create(email="unconfirmed@example.com", programme=programme)
    run(OPENS - 2 * DAY)  # the first run only looks
    assert run(OPENS - DAY).openings == []
    result = run(OPENS)
    [opening] = result.openings
    assert result.emails == 1
    assert opening.campaign == "alert-psdp-2027-03-01"
    [email] = Email.objects.all()
    assert email.kind == "opened" and email.to_address == "person@example.com"
    assert email.personalisation["status"] == "Applications open until 31 March 2027"
    assert email.personalisation["programme_url"] == (
        "https://careers.example.gov.uk/development-programmes/psdp/"
        "?utm_source=email-alert&utm_medium=email&utm_campaign=alert-psdp-2027-03-01"
    )
    assert email.unsubscribe_url.startswith("https://careers.example.gov.uk/email-alerts/stop/")
    # Running again, the same day or the next, finds nothing new: exactly one email.
    assert run(OPENS).openings == [] and run(OPENS + DAY).openings == []
    assert Email.objects.count() == 1


def test_a_missed_night_is_caught_up(programme):
    waiting_for(programme)
    run(OPENS - 5 * DAY)
    assert len(run(OPENS + 3 * DAY).openings) == 1


def test_the_last_day_of_a_window_is_still_open_and_a_later_window_opens_again(programme):
    waiting_for(programme)
    closes = OPENS + datetime.timedelta(days=30)
    again = datetime.date(2027, 9, 1)
    ApplicationWindow.objects.create(programme=programme, opens_on=again, closes_on=again + 9 * DAY)
    run(OPENS - DAY)
    run(OPENS)
    assert run(closes).openings == []
    assert run(closes + DAY).openings == []  # closed: nothing to tell
    assert run(again - DAY).openings == []
    [second] = run(again).openings
    assert second.opened_on == again
    assert Email.objects.count() == 2  # one per opening


def test_an_upcoming_programme_opens_on_its_start_date():
    programme = make_programme(slug="new", lifecycle=Lifecycle.UPCOMING, starts_on=OPENS)
    waiting_for(programme)
    run(OPENS - 2 * DAY)
    assert run(OPENS - DAY).openings == []
    [opening] = run(OPENS).openings
    assert opening.status_text == "Start at any time"


def test_a_paused_programme_that_runs_again_opens(programme):
    paused = make_programme(
        slug="paused", lifecycle=Lifecycle.PAUSED, what_to_do_instead="Wait for it."
    )
    waiting_for(paused)
    run(OPENS)
    paused.lifecycle = Lifecycle.RUNNING
    paused.save()
    [opening] = run(OPENS).openings
    assert opening.programme == paused


def test_a_draft_programme_never_triggers(programme):
    draft = make_programme(
        slug="draft", lifecycle=Lifecycle.UPCOMING, starts_on=OPENS, status=Status.DRAFT
    )
    waiting_for(draft)
    run(OPENS - DAY)
    assert [o.programme for o in run(OPENS).openings] == [programme]
    assert not Email.objects.filter(opening__programme=draft).exists()


def test_a_new_programme_for_a_stage_is_announced_once(programme):
    stage = make_stage(name="Managers", slug="managers")
    waiting_for(stage=stage)
    run(OPENS)
    assert run(OPENS).openings == []
    new = make_programme(name="Leading teams", slug="leading", stages=[stage])
    [opening] = run(OPENS).openings
    assert (opening.kind, opening.programme, opening.stage) == ("announced", new, stage)
    [email] = Email.objects.filter(kind="announced")
    assert email.personalisation["stage"] == "managers"
    assert run(OPENS + DAY).openings == []
    # Added to the stage later counts as new for that stage too.
    programme.stages.add(stage)
    [later] = run(OPENS + DAY).openings
    assert later.programme == programme


def test_a_stopped_alert_is_sent_nothing_still_queued(client, programme):
    alert = waiting_for(programme)
    run(OPENS - DAY)
    run(OPENS)
    from alerts import links

    stop = links.unsubscribe_url(alert).removeprefix("https://careers.example.gov.uk")
    client.post(stop)
    assert not Email.objects.exists()


def test_send_alerts_runs_the_trigger_then_sends(programme, monkeypatch):
    waiting_for(programme)
    run(timezone.localdate() - DAY)
    ApplicationWindow.objects.update(opens_on=timezone.localdate() - DAY)
    programme.windows.update(closes_on=timezone.localdate() + 10 * DAY)
    out = io.StringIO()
    call_command("send_alerts", stdout=out)
    assert "Applications opened: PSDP" in out.getvalue()
    assert "1 sent" in out.getvalue()
    assert Email.objects.get().status == "sent"


def test_nightly_deletion(programme, settings):
    now = timezone.now()
    old = Alert.objects.create(email="old@example.com", programme=programme)
    Alert.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=7, hours=1))
    Alert.objects.create(email="new@example.com", programme=programme)
    ended = make_programme(
        slug="ended",
        lifecycle=Lifecycle.ENDED,
        ended_on=timezone.localdate() - DAY,
        what_to_do_instead="Do another.",
    )
    ending_today = make_programme(
        slug="ending",
        lifecycle=Lifecycle.ENDED,
        ended_on=timezone.localdate(),
        what_to_do_instead="Do another.",
    )
    waiting_for(ended)
    waiting_for(ending_today)
    waiting_for(programme, email="kept@example.com")
    deleted = retention.delete_old(now=now)
    assert (deleted.unconfirmed, deleted.ended) == (1, 1)
    assert sorted(Alert.objects.values_list("email", flat=True)) == [
        "kept@example.com",
        "new@example.com",
        "person@example.com",
    ]
    settings.ALERTS_PENDING_DAYS = 1
    Alert.objects.filter(email="new@example.com").update(created_at=now - 2 * DAY)
    assert retention.delete_old(now=now).unconfirmed == 1


def test_sent_emails_keep_no_address_past_the_retention_period(programme):
    from alerts import services

    services.queue_email(kind="opened", to="a@example.com", personalisation={"x": "y"}, key="k")
    Email.objects.update(status="sent", created_at=timezone.now() - 8 * DAY)
    assert retention.delete_old().emails_cleared == 1
    email = Email.objects.get()
    assert (email.to_address, email.personalisation) == ("", {})
    assert Opening.objects.count() == 0
