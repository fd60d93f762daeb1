"""The issue's "done when", end to end through the fake Notify: ask, confirm, exactly one
email when the programme opens, and stop with one click."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from alerts.models import Alert
from programmes.models import ApplicationWindow
from tests.alerts.conftest import TEMPLATES
from tests.alerts.helpers import post, subscribe

pytestmark = pytest.mark.django_db
SITE = "https://careers.example.gov.uk"


def test_ask_confirm_hear_once_and_stop(client, notify, closed_programme):
    subscribe(client, "/email-alerts/programme/psdp/", "worker@example.com")
    [confirmation] = notify.sent  # sent at once, through Notify
    assert confirmation["template_id"] == TEMPLATES["confirm"]
    assert confirmation["email_address"] == "worker@example.com"
    confirm = confirmation["personalisation"]["confirm_url"].removeprefix(SITE)
    post(client, confirm, {})
    assert Alert.objects.confirmed().count() == 1

    today = timezone.localdate()
    call_command("send_alerts", stdout=io.StringIO())  # sees the window still closed
    ApplicationWindow.objects.update(opens_on=today, closes_on=today + datetime.timedelta(days=9))
    for _ in range(3):
        call_command("send_alerts", stdout=io.StringIO())
    [opened] = [m for m in notify.sent if m["template_id"] == TEMPLATES["opened"]]
    assert opened["email_address"] == "worker@example.com"
    assert opened["personalisation"]["programme"] == "Practice supervisor programme"
    closes = today + datetime.timedelta(days=9)
    assert opened["personalisation"]["status"] == (
        f"Applications open until {closes.day} {closes:%B %Y}"
    )
    assert re.search(
        r"utm_campaign=alert-psdp-\d{4}-\d{2}-\d{2}$", opened["personalisation"]["programme_url"]
    )
    # One click: a mail program's POST to the List-Unsubscribe address Notify was given.
    unsubscribe = opened["one_click_unsubscribe_url"].removeprefix(SITE)
    assert (
        client.post(
            unsubscribe, "List-Unsubscribe=One-Click", content_type="text/plain"
        ).status_code
        == 200
    )
    assert not Alert.objects.exists()
    assert notify.rejected == []
