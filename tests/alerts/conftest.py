import datetime

import pytest
from django.utils import timezone

from programmes.models import ApplicationWindow
from tests.alerts.fake_notify import API_KEY, FakeNotify
from tests.programmes.factories import make_programme, make_stage

TEMPLATES = {
    "confirm": "11111111-1111-4111-8111-111111111111",
    "manage": "22222222-2222-4222-8222-222222222222",
    "opened": "33333333-3333-4333-8333-333333333333",
    "announced": "44444444-4444-4444-8444-444444444444",
}


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://careers.example.gov.uk"


@pytest.fixture
def notify(settings):
    """GOV.UK Notify, faked on this machine: emails go to it through the official client."""
    with FakeNotify() as fake:
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_BASE_URL = fake.base_url
        settings.NOTIFY_TEMPLATES = TEMPLATES
        yield fake


@pytest.fixture
def closed_programme(db):
    """A programme whose window opens in a month: people can ask to hear when it opens."""
    programme = make_programme(name="Practice supervisor programme", slug="psdp")
    today = timezone.localdate()
    ApplicationWindow.objects.create(
        programme=programme,
        opens_on=today + datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=60),
    )
    return programme


@pytest.fixture
def stage(db):
    return make_stage(name="Experienced social workers", slug="experienced")
