"""Asking for an alert, confirming it and stopping it, through the pages people use."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from alerts import links
from alerts.models import Alert, Email
from tests.alerts.helpers import link_in, post, subscribe
from tests.conftest import ProxiedClient
from tests.programmes.factories import make_programme

pytestmark = pytest.mark.django_db

EMPTY = "Enter your email address"
INVALID = "Enter an email address in the correct format, like name@example.com"


@pytest.fixture(autouse=True)
def _production(production):
    """Asking for alerts takes addresses from anyone and is rate limited: these tests run the
    production configuration (page cache, Redis, DEBUG off), through the load balancer."""


@pytest.fixture
def client():
    return ProxiedClient()


def test_a_closed_programme_offers_an_alert_and_an_open_one_does_not(client, closed_programme):
    page = client.get(closed_programme.get_absolute_url()).content.decode()
    assert "Get an email when applications open" in page
    assert "/email-alerts/programme/psdp/" in page
    open_now = make_programme(slug="open-now")
    assert "Get an email" not in client.get(open_now.get_absolute_url()).content.decode()
    # Nothing to wait for: the form sends people back to the programme.
    response = client.get("/email-alerts/programme/open-now/")
    assert response.status_code == 302 and response["Location"] == open_now.get_absolute_url()


def test_a_career_stage_offers_an_alert_for_new_programmes(client, stage):
    page = client.get(stage.get_absolute_url()).content.decode()
    assert "Get an email when a new programme for experienced social workers is announced" in page
    form = client.get("/email-alerts/career-stage/experienced/").content.decode()
    assert "Get an email when a new programme for experienced social workers is announced" in form


def test_the_form_follows_the_email_address_pattern(client, closed_programme):
    page = client.get("/email-alerts/programme/psdp/").content.decode()
    assert '<label class="govuk-label govuk-label--m" for="email">' in page
    assert "Email address" in page
    for attribute in ['type="email"', 'autocomplete="email"', 'spellcheck="false"']:
        assert attribute in page
    assert "checked" not in page  # no pre-ticked boxes
    assert "If you do not confirm within 7 days, we delete your email address" in page
    assert 'href="/privacy"' in page


@pytest.mark.parametrize(("value", "message"), [("", EMPTY), ("not-an-address", INVALID)])
def test_a_wrong_address_gets_the_pattern_s_errors(client, closed_programme, value, message):
    response = client.post("/email-alerts/programme/psdp/", {"email": value})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and page.count(message) == 2
    assert "<title>Error: " in page
    assert not Alert.objects.exists() and not Email.objects.exists()


def test_ask_confirm_and_stop(client, closed_programme):
    response = subscribe(client, "/email-alerts/programme/psdp/")
    assert response.status_code == 303
    assert response["Location"] == "/email-alerts/check-your-email/"
    assert "Check your email" in client.get(response["Location"]).content.decode()
    alert = Alert.objects.get()
    # Only the request is kept until it is confirmed, with the address as typed, in lower case.
    assert alert.email == "social.worker@example.com" and alert.confirmed_at is None
    email = Email.objects.get(kind="confirm")
    assert email.status == "sent"  # no Notify key: written to the log instead
    assert "Confirm your email alert" in email.logged_text
    confirm = link_in(email, "confirm_url")
    # Opening the link confirms nothing (mail scanners open links); the button does.
    page = client.get(confirm)
    assert page.status_code == 200 and "Confirm email alert" in page.content.decode()
    assert page["Referrer-Policy"] == "strict-origin" and "no-cache" in page["Cache-Control"]
    assert Alert.objects.confirmed().count() == 0
    done = client.post(confirm)
    assert "Email alert confirmed" in done.content.decode()
    assert Alert.objects.confirmed().count() == 1
    # Used once, the link stops working.
    again = client.get(confirm)
    assert again.status_code == 404
    assert "This link has expired or has already been used" in again.content.decode()
    assert client.post(confirm).status_code == 404

    stop = links.unsubscribe_url(Alert.objects.get()).removeprefix("https://careers.example.gov.uk")
    assert "Stop this alert" in client.get(stop).content.decode()
    assert Alert.objects.exists()
    assert "Email alert stopped" in client.post(stop).content.decode()
    assert not Alert.objects.exists()
    assert client.get(stop).status_code == 404


def test_one_click_unsubscribe_from_a_mail_program(client, closed_programme):
    alert = Alert.objects.create(
        email="a@example.com", programme=closed_programme, confirmed_at=timezone.now()
    )
    stop = links.unsubscribe_url(alert).removeprefix("https://careers.example.gov.uk")
    # RFC 8058: a POST with this body and no CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(
        stop, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Alert.objects.exists()


def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(client, closed_programme):
    Alert.objects.create(
        email="known@example.com", programme=closed_programme, confirmed_at=timezone.now()
    )
    known = subscribe(client, "/email-alerts/programme/psdp/", "KNOWN@example.com")
    unknown = subscribe(client, "/email-alerts/programme/psdp/", "new@example.com")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    # The address already confirmed gets nothing more, and is not subscribed twice.
    assert Alert.objects.filter(email="known@example.com").count() == 1
    assert Email.objects.filter(to_address="known@example.com").count() == 0
    manage_known = post(client, "/email-alerts/manage/", {"email": "known@example.com"})
    manage_unknown = post(client, "/email-alerts/manage/", {"email": "nobody@example.com"})
    assert manage_known["Location"] == manage_unknown["Location"]
    assert Email.objects.filter(kind="manage").count() == 1


def test_asking_again_before_confirming_sends_a_new_link_and_the_old_one_stops(
    client, closed_programme
):
    subscribe(client, "/email-alerts/programme/psdp/")
    first = link_in(Email.objects.get(), "confirm_url")
    subscribe(client, "/email-alerts/programme/psdp/")
    assert Alert.objects.count() == 1
    second = link_in(Email.objects.order_by("created_at").last(), "confirm_url")
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_a_confirmation_link_stops_working_after_7_days(client, closed_programme):
    subscribe(client, "/email-alerts/programme/psdp/")
    confirm = link_in(Email.objects.get(), "confirm_url")
    later = datetime.timedelta(days=7, minutes=1).total_seconds()
    from unittest import mock

    with mock.patch("django.core.signing.time.time", return_value=_now() + later):
        assert client.get(confirm).status_code == 404
    assert client.get(confirm).status_code == 200


def _now() -> float:
    import time

    return time.time()


@pytest.mark.parametrize("token", ["nonsense", "a:b:c", "%00", "x" * 500, links.CONFIRM_SALT])
def test_bad_links_get_a_gov_uk_error_page(client, token):
    for path in ["confirm", "stop", "manage"]:
        response = client.get(f"/email-alerts/{path}/{token}/")
        assert response.status_code == 404
        assert "This link has expired or has already been used" in response.content.decode()


def test_a_link_signed_for_one_purpose_does_not_work_for_another(client, closed_programme):
    alert = Alert.objects.create(email="a@example.com", programme=closed_programme)
    token = links.confirm_url(alert).rsplit("/", 2)[-2]
    assert client.get(f"/email-alerts/stop/{token}/").status_code == 404
    assert client.get(f"/email-alerts/manage/{token}/").status_code == 404


def test_requests_are_limited_per_visitor(client, closed_programme, settings):
    for n in range(10):
        assert (
            subscribe(client, "/email-alerts/programme/psdp/", f"p{n}@example.com").status_code
            == 303
        )
    response = subscribe(client, "/email-alerts/programme/psdp/", "p11@example.com")
    assert response.status_code == 429
    assert Alert.objects.count() == 10


def test_emails_to_one_address_are_limited_whoever_asks(closed_programme):
    for n in range(5):
        visitor = ProxiedClient(visitor=f"192.0.2.{n + 1}")
        response = subscribe(visitor, "/email-alerts/programme/psdp/", "target@example.com")
        assert response.status_code == 303  # the same answer, over the limit or not
    assert Email.objects.filter(to_address="target@example.com").count() == 3
    cache.clear()


def test_manage_lists_alerts_and_stops_one_or_all(client, closed_programme, stage):
    for target in [{"programme": closed_programme}, {"stage": stage}]:
        Alert.objects.create(email="me@example.com", confirmed_at=timezone.now(), **target)
    Alert.objects.create(email="other@example.com", confirmed_at=timezone.now(), stage=stage)
    assert post(client, "/email-alerts/manage/", {"email": "ME@example.com"}).status_code == 303
    manage = link_in(Email.objects.get(kind="manage"), "manage_url")
    page = client.get(manage).content.decode()
    assert "Practice supervisor programme" in page
    assert "New programmes for experienced social workers" in page
    assert "other@example.com" not in page
    one = Alert.objects.get(email="me@example.com", programme=closed_programme)
    response = client.post(manage, {"stop": str(one.pk)})
    assert response.status_code == 303
    assert "Alert stopped" in client.get(response["Location"]).content.decode()
    # Another person's alert cannot be stopped from this link.
    other = Alert.objects.get(email="other@example.com")
    client.post(manage, {"stop": str(other.pk)})
    assert Alert.objects.filter(pk=other.pk).exists()
    client.post(manage, {"stop": "all"})
    assert list(Alert.objects.values_list("email", flat=True)) == ["other@example.com"]
    assert "You have no email alerts" in client.get(manage).content.decode()
    assert client.post(manage, {"stop": "nonsense"}).status_code == 400


def test_a_manage_link_stops_working_after_its_hours(client, settings):
    token = links.manage_url("me@example.com").rsplit("/", 2)[-2]
    assert client.get(f"/email-alerts/manage/{token}/").status_code == 200
    settings.ALERTS_MANAGE_LINK_HOURS = 0
    assert client.get(f"/email-alerts/manage/{token}/").status_code == 404


def test_unknown_programme_or_stage_is_404(client, db):
    assert client.get("/email-alerts/programme/nope/").status_code == 404
    assert client.get("/email-alerts/career-stage/nope/").status_code == 404


def test_a_nul_in_the_address_is_an_error_not_a_crash(client, closed_programme):
    response = client.post("/email-alerts/programme/psdp/", {"email": "a\x00@example.com"})
    assert response.status_code == 400
    assert not Alert.objects.exists()


def test_the_journey_as_production_runs_it(production, closed_programme):
    """Page cache on, Redis, HTTPS behind one trusted proxy."""
    from tests.conftest import ProxiedClient

    visitor = ProxiedClient()
    for _ in range(2):  # the second answer comes from the page cache
        page = visitor.get(closed_programme.get_absolute_url())
        assert "Get an email when applications open" in page.content.decode()
    form = visitor.get("/email-alerts/programme/psdp/")
    assert form.status_code == 200
    response = subscribe(visitor, "/email-alerts/programme/psdp/")
    assert response.status_code == 303
    confirm = link_in(Email.objects.get(kind="confirm"), "confirm_url")
    assert client_page(visitor, confirm).status_code == 200
    assert "Email alert confirmed" in post(visitor, confirm, {}).content.decode()
    assert Alert.objects.confirmed().count() == 1
    assert visitor.get(confirm).status_code == 404


def client_page(visitor, path):
    response = visitor.get(path)
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    return response


def test_a_draft_programme_or_stage_has_no_alert_page(client, closed_programme, stage):
    from core.models import Status

    closed_programme.status = Status.DRAFT
    closed_programme.save()
    stage.status = Status.DRAFT
    stage.save()
    assert client.get("/email-alerts/programme/psdp/").status_code == 404
    assert subscribe(client, "/email-alerts/programme/psdp/").status_code == 404
    assert client.get("/email-alerts/career-stage/experienced/").status_code == 404
    assert not Alert.objects.exists()


def test_the_confirmation_email_can_cancel_the_request(client, closed_programme):
    subscribe(client, "/email-alerts/programme/psdp/")
    email = Email.objects.get()
    assert email.unsubscribe_url == email.personalisation["unsubscribe_url"]
    assert (
        "To delete it now: https://careers.example.gov.uk/email-alerts/stop/" in email.logged_text
    )
    client.post(link_in(email, "unsubscribe_url"))
    assert not Alert.objects.exists()
    assert client.get(link_in(email, "confirm_url")).status_code == 404
