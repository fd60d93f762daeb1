"""The insight dashboard's email alerts section, and sign-up clicks joined on the campaign."""

import csv
import datetime
import io

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


@pytest.fixture
def alerts_and_an_opening(closed_programme, stage):
    """4 confirmed for a programme (3 of them today, 1 forty days ago), 1 for a stage
    yesterday, 1 not confirmed; then the programme opens today, 3 of its 4 emails go, and 2
    sign-up clicks by people come through the emailed link."""
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
    return opening


def test_confirmed_and_new_per_day_and_after_an_opening_emails_and_clicks(
    admin_client, alerts_and_an_opening
):
    today = timezone.localdate()
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
    # Per day for each programme and stage; the one confirmed 40 days ago is outside.
    yesterday = today - DAY
    assert (
        f'<th scope="row">{today:%-d %B %Y}</th><td>Practice supervisor programme</td><td>3</td>'
    ) in page
    assert (
        f'<th scope="row">{yesterday:%-d %B %Y}</th><td>Experienced social workers '
        "(new programmes for this career stage)</td><td>1</td>"
    ) in page
    assert page.count("<td>Practice supervisor programme</td>") == 1
    assert "@example.com" not in page


def test_the_csv_download_has_the_same_alert_figures(admin_client, alerts_and_an_opening):
    today = timezone.localdate()
    response = admin_client.get("/admin/insight/signupinsight/export.csv?period=30")
    assert response.status_code == 200
    text = response.content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    # The site's own figures come first, then the alerts section after an empty row.
    start = rows.index(
        ["Email alerts: waiting for a programme to open", *dashboard.WAITING_COLUMNS]
    )
    assert rows[0][0] == "Sign-up insight" and rows[start - 1] == []
    alerts = rows[start:]
    assert ["Practice supervisor programme", "4", "3", "1"] in alerts
    assert ["Experienced social workers", "1", "1", "0"] in alerts
    assert [f"{today:%Y-%m-%d}", "3"] in alerts
    assert [f"{today:%Y-%m-%d}", "Programme", "Practice supervisor programme", "3"] in alerts
    yesterday = today - DAY
    assert [f"{yesterday:%Y-%m-%d}", "Career stage", "Experienced social workers", "1"] in alerts
    campaign = alerts_and_an_opening.campaign
    assert [
        "Practice supervisor programme",
        "Applications opened",
        "",
        f"{today:%Y-%m-%d}",
        campaign,
        "3",
        "2",
    ] in alerts
    assert "@example.com" not in text


def test_the_section_takes_the_same_queries_whatever_the_period(closed_programme):
    counts = []
    for days in (7, 90):
        with CaptureQueriesContext(connection) as queries:
            dashboard.html(period=Period.last(days))
        counts.append(len(queries))
    assert counts == [5, 5]  # docs/performance.md: 6, less one with no opening in the period
