"""Draining the queue through the official Notify client, against a fake Notify on this
machine: request shape, retries with backoff, errors kept, nothing sent twice."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from alerts import sending, services
from alerts.models import Email
from tests.alerts.conftest import TEMPLATES

pytestmark = pytest.mark.django_db


def queue(key="k1", kind="opened", **fields) -> Email:
    services.queue_email(
        kind=kind,
        to="person@example.com",
        personalisation={"programme": "PSDP", "status": "Applications open until 1 May 2027"},
        key=key,
        unsubscribe_url="https://careers.example.gov.uk/email-alerts/stop/abc/",
        **fields,
    )
    return Email.objects.get(idempotency_key=key)


def send(now=None) -> str:
    out = io.StringIO()
    if now is None:
        call_command("send_alerts", stdout=out)
    else:
        sending.send_due(now=now)
    return out.getvalue()


def test_an_email_goes_to_notify_as_the_official_client_sends_it(notify):
    email = queue()
    assert send() == "1 sent, 0 to try again later, 0 failed.\n"
    assert notify.rejected == []
    assert notify.sent == [
        {
            "email_address": "person@example.com",
            "template_id": TEMPLATES["opened"],
            "personalisation": {
                "programme": "PSDP",
                "status": "Applications open until 1 May 2027",
            },
            "reference": "k1",
            "one_click_unsubscribe_url": "https://careers.example.gov.uk/email-alerts/stop/abc/",
        }
    ]
    email.refresh_from_db()
    assert email.status == "sent" and email.notify_id and email.sent_at
    # Notify has it: the queue keeps no address.
    assert email.to_address == "" and email.personalisation == {}


def test_the_fake_refuses_a_token_signed_with_another_key(notify, settings):
    settings.NOTIFY_API_KEY = settings.NOTIFY_API_KEY[:-36] + "99999999-9999-4999-8999-999999999999"
    queue()
    with pytest.raises(CommandError):
        send()
    email = Email.objects.get()
    assert email.status == "failed" and "403" in email.last_error
    assert notify.sent == [] and notify.rejected


def test_a_failed_send_is_tried_again_with_backoff(notify, settings):
    settings.ALERTS_RETRY_SECONDS = 60
    notify.fail_next = [500, 503]
    email = queue()
    start = timezone.now()
    send(now=start)
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("queued", 1)
    assert "500" in email.last_error
    first_wait = email.next_attempt_at - start
    assert datetime.timedelta(seconds=59) < first_wait < datetime.timedelta(seconds=70)
    # Not due yet: nothing is sent.
    send(now=start + datetime.timedelta(seconds=30))
    assert notify.fail_next == [503]
    send(now=email.next_attempt_at)
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("queued", 2)
    assert (
        datetime.timedelta(seconds=119)
        < email.next_attempt_at - timezone.now()
        < datetime.timedelta(seconds=130)
    )
    send(now=email.next_attempt_at)
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == ("sent", 3, "")
    assert len(notify.sent) == 1


def test_after_the_last_try_the_email_fails_for_good(notify, settings):
    settings.ALERTS_SEND_ATTEMPTS = 2
    notify.fail_next = [500, 500]
    email = queue()
    send(now=timezone.now())
    send(now=timezone.now() + datetime.timedelta(days=1))
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("failed", 2)
    send(now=timezone.now() + datetime.timedelta(days=2))
    assert notify.sent == []


def test_a_request_notify_refuses_is_not_tried_again(notify):
    notify.fail_next = [400]
    email = queue()
    with pytest.raises(CommandError, match="1 alert emails failed"):
        send()
    email.refresh_from_db()
    assert email.status == "failed" and "Fake failure 400" in email.last_error


def test_an_email_is_never_queued_or_sent_twice(notify):
    queue(key="opening:1:alert:1")
    queue(key="opening:1:alert:1")
    send()
    send()
    assert Email.objects.count() == 1
    assert len(notify.sent) == 1


def test_an_email_interrupted_while_sending_is_left_for_staff(notify):
    email = queue()
    Email.objects.filter(pk=email.pk).update(status="sending")
    send()
    assert notify.sent == []


def test_no_template_id_is_an_error_staff_see(notify, settings):
    settings.NOTIFY_TEMPLATES = {**TEMPLATES, "opened": ""}
    queue()
    with pytest.raises(CommandError):
        send()
    assert "No Notify template ID is set for opened emails" in Email.objects.get().last_error


def test_notify_unreachable_is_tried_again(settings):
    from tests.alerts.fake_notify import API_KEY, FakeNotify

    with FakeNotify() as stopped:
        url = stopped.base_url
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_BASE_URL = url
    settings.NOTIFY_TEMPLATES = TEMPLATES
    email = queue()
    send(now=timezone.now())
    email.refresh_from_db()
    assert email.status == "queued" and email.attempts == 1 and email.last_error


def test_without_a_key_emails_are_written_to_the_log(caplog):
    queue(kind="confirm", key="c1")
    Email.objects.filter(idempotency_key="c1").update(
        personalisation={
            "what": "applications open for PSDP",
            "confirm_url": "https://x/c/",
            "days": 7,
        }
    )
    with caplog.at_level("INFO", logger="alerts.emails"):
        send()
    email = Email.objects.get()
    assert email.status == "sent"
    assert "You asked for an email when applications open for PSDP." in email.logged_text
    assert "https://x/c/" in caplog.text and "person@example.com" in caplog.text


def test_staff_see_errors_and_development_emails_but_no_address(admin_client, notify, settings):
    notify.fail_next = [400]
    email = queue()
    with pytest.raises(CommandError):
        send()
    page = admin_client.get(f"/admin/alerts/email/{email.pk}/change/").content.decode()
    assert "Fake failure 400" in page
    assert "person@example.com" not in page
    listing = admin_client.get("/admin/alerts/email/").content.decode()
    assert "Fake failure 400" in listing and "person@example.com" not in listing

    settings.NOTIFY_API_KEY = ""
    dev = queue(key="dev", kind="confirm")
    Email.objects.filter(pk=dev.pk).update(
        personalisation={"what": "x", "confirm_url": "https://careers.example.gov.uk/c/", "days": 7}
    )
    send()
    page = admin_client.get(f"/admin/alerts/email/{dev.pk}/change/").content.decode()
    assert "https://careers.example.gov.uk/c/" in page
    assert "person@example.com" not in page


def test_a_malformed_key_never_fails_the_visitor_s_request(client, closed_programme, settings):
    from tests.alerts.helpers import subscribe

    settings.NOTIFY_API_KEY = "not-a-key"
    settings.NOTIFY_TEMPLATES = TEMPLATES
    response = subscribe(client, "/email-alerts/programme/psdp/")
    assert response.status_code == 303
    assert Email.objects.get().status == "queued"  # left for send_alerts, which reports it
    with pytest.raises(AssertionError):  # the official client checks the key this way
        send()


def test_an_unexpected_error_is_kept_and_tried_again(notify, monkeypatch):
    email = queue()
    monkeypatch.setattr(sending, "_post", lambda *args: 1 / 0)
    send(now=timezone.now())
    email.refresh_from_db()
    assert email.status == "queued" and "ZeroDivisionError" in email.last_error
