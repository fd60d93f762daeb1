"""The insight dashboard's email alerts section, and sign-up clicks joined on the campaign."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alerts import dashboard, triggers
from alerts.models import Alert, Email
from insight.selectors import Period
from programmes.models import ApplicationWindow, SignUpClick
from tests.programmes.factories import make_programme

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_confirmed_and_new_per_day_and_after_an_opening_emails_and_clicks(
    admin_client, closed_programme, stage
):
    today = timezone.localdate()
    now = timezone.now()
    for n in range(3):
        Alert.objects.create(
            email=f"p{n}@example.com", programme=closed_programme, confirmed_at=now
        )
    old = Alert.objects.create(
        email="old@example.com", programme=closed_programme, confirmed_at=now
    )
    Alert.objects.filter(pk=old.pk).update(confirmed_at=now - 40 * DAY)
    Alert.objects.create(email="s@example.com", stage=stage, confirmed_at=now - DAY)
    Alert.objects.create(email="pending@example.com", programme=closed_programme)

    # The window opens today: the trigger (which saw it closed yesterday) emails the 4 waiting.
    triggers.check_programmes(today=today - DAY)
    ApplicationWindow.objects.update(opens_on=today)
    [opening] = triggers.check_programmes(today=today).openings
    Email.objects.filter(opening=opening).update(status="sent")
    Email.objects.filter(pk=Email.objects.filter(opening=opening).first().pk).update(
        status="failed"
    )
    other = make_programme(slug="other")
    for campaign, programme in [
        (opening.campaign, closed_programme),
        (opening.campaign, closed_programme),
        ("", closed_programme),
        ("alert-other-2020-01-01", other),
    ]:
        SignUpClick.objects.create(programme=programme, campaign=campaign)
    SignUpClick.objects.create(programme=closed_programme, campaign=opening.campaign, is_bot=True)

    response = admin_client.get("/admin/insight/signupinsight/?period=30")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="email-alerts">Email alerts</h2>' in page
    # 4 confirmed, 3 of them in the last 30 days, 1 not confirmed.
    assert (
        '<th scope="row">Practice supervisor programme</th><td>4</td><td>3</td><td>1</td>' in page
    )
    assert '<th scope="row">Experienced social workers</th><td>1</td><td>1</td><td>0</td>' in page
    assert f'<th scope="row">{today:%-d %B %Y}</th><td>3</td>' in page
    # 3 of the 4 emails went; 2 sign-up clicks by people came through the email's link.
    assert (
        '<th scope="row">Practice supervisor programme</th><td>Applications opened</td>'
        f"<td>{today:%-d %B %Y}</td><td>3</td><td>2</td>"
    ) in page
    assert "@example.com" not in page


def test_the_section_takes_the_same_queries_whatever_the_period(closed_programme):
    counts = []
    for days in (7, 90):
        with CaptureQueriesContext(connection) as queries:
            dashboard.section(period=Period.last(days))
        counts.append(len(queries))
    assert counts == [4, 4]  # docs/performance.md: 5, less one with no opening in the period
