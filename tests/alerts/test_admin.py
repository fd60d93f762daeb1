"""Staff see counts, never addresses; only a superuser exports them, and it is audited."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.utils import timezone

from alerts.models import Alert

pytestmark = pytest.mark.django_db


@pytest.fixture
def alerts(closed_programme, stage):
    now = timezone.now()
    Alert.objects.create(email="one@example.com", programme=closed_programme, confirmed_at=now)
    Alert.objects.create(email="two@example.com", programme=closed_programme, confirmed_at=now)
    Alert.objects.create(email="three@example.com", programme=closed_programme)
    Alert.objects.create(email="one@example.com", stage=stage, confirmed_at=now)


@pytest.fixture
def staff_client(client):
    user = User.objects.create_user("staff", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_alert"))
    client.force_login(user)
    return client


def test_staff_see_counts_per_programme_and_stage_but_no_address(staff_client, alerts):
    response = staff_client.get("/admin/alerts/alert/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="row">Practice supervisor programme</th><td>2</td><td>1</td>' in page
    assert '<th scope="row">Experienced social workers</th><td>1</td><td>0</td>' in page
    assert "@example.com" not in page
    assert "Export addresses" not in page
    alert = Alert.objects.first()
    assert staff_client.get(f"/admin/alerts/alert/{alert.pk}/change/").status_code == 403
    assert staff_client.get("/admin/alerts/alert/export.csv").status_code == 403
    assert not LogEntry.objects.exists()


def test_a_superuser_exports_addresses_and_the_export_is_audited(admin_client, alerts):
    page = admin_client.get("/admin/alerts/alert/").content.decode()
    assert "Export addresses for a data protection request" in page
    response = admin_client.get("/admin/alerts/alert/export.csv?email=ONE@example.com")
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[0] == "Email address,Alert for,Asked on,Confirmed on"
    assert [line.split(",")[:2] for line in lines[1:]] == [
        ["one@example.com", "Practice supervisor programme"],
        ["one@example.com", "Career stage: Experienced social workers"],
    ]
    [entry] = LogEntry.objects.all()
    assert entry.user.username == "admin"
    assert entry.change_message == (
        "Exported 2 email alerts with their addresses for one address, for a data protection "
        "request."
    )
    assert "one@example.com" not in entry.change_message
    everyone = admin_client.get("/admin/alerts/alert/export.csv?email=")
    assert len(everyone.content.decode().splitlines()) == 5
    assert LogEntry.objects.count() == 2
    assert admin_client.get("/admin/alerts/alert/export.csv?email=nonsense").status_code == 400


def test_settings_that_disagree_with_the_privacy_notice_are_reported(settings):
    from alerts.checks import alert_settings

    assert alert_settings(None) == []
    settings.ALERTS_PENDING_DAYS = 14
    assert [w.id for w in alert_settings(None)] == ["alerts.W001"]
    settings.ALERTS_PENDING_DAYS = 7
    settings.NOTIFY_API_KEY = "key"
    settings.NOTIFY_TEMPLATES = {"confirm": "x", "manage": "", "opened": "y", "announced": "z"}
    settings.SITE_URL = ""
    assert [w.id for w in alert_settings(None)] == ["alerts.W002", "alerts.W003"]


def test_every_staff_group_sees_counts_and_emails(db):
    from django.contrib.auth.models import Group

    from tests import groups

    groups.ensure()
    for name in ["Content editor", "Content publisher", "Analyst"]:
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert {"view_alert", "view_email"} <= codenames
        assert not {"change_alert", "delete_alert", "change_email"} & codenames
