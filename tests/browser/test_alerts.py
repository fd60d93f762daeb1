"""Email alerts in Chromium, with and without JavaScript, every page checked with axe: ask
for an alert, confirm it, manage alerts and stop one."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from alerts import links
from alerts.models import Alert, Email
from careers.models import CareerStage
from tests.browser.conftest import assert_accessible, visit

PROGRAMME = "/development-programmes/early-career-development-programme/"


@pytest.fixture(autouse=True)
def _links_to_the_live_server(settings, live_server):
    settings.SITE_URL = live_server.url
    cache.clear()  # rate limits


def path_of(url: str, live_server) -> str:
    return url.removeprefix(live_server.url)


def test_ask_for_an_alert_and_confirm_it(any_page, site_content, live_server):
    page = any_page
    visit(page, PROGRAMME)
    page.get_by_role("link", name="Get an email when applications open").click()
    page.wait_for_url("**/email-alerts/programme/early-career-development-programme/")
    visit(page, "/email-alerts/programme/early-career-development-programme/")
    field = page.get_by_label("Email address")
    assert field.get_attribute("type") == "email"
    assert field.get_attribute("autocomplete") == "email"
    assert field.get_attribute("spellcheck") == "false"

    page.get_by_role("button", name="Send me a confirmation email").click()
    page.wait_for_load_state("load")
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    assert "Enter your email address" in summary.inner_text()
    assert_accessible(page)

    page.get_by_label("Email address").fill("Worker@example.com")
    page.get_by_role("button", name="Send me a confirmation email").click()
    page.wait_for_url("**/email-alerts/check-your-email/")
    assert page.locator("h1").inner_text() == "Check your email"
    assert_accessible(page)

    confirm = path_of(Email.objects.get(kind="confirm").personalisation["confirm_url"], live_server)
    visit(page, confirm)
    page.get_by_role("button", name="Confirm email alert").click()
    page.wait_for_load_state("load")
    assert "Email alert confirmed" in page.locator("h1").inner_text()
    assert_accessible(page)
    assert Alert.objects.confirmed().get().email == "worker@example.com"
    # The link works once.
    visit(page, confirm, status=404)
    assert page.locator("h1").inner_text() == "This link has expired or has already been used"


def test_manage_alerts_and_stop_one(any_page, site_content, live_server):
    page = any_page
    now = timezone.now()
    stage = CareerStage.objects.get(slug="manager")
    Alert.objects.create(email="me@example.com", stage=stage, confirmed_at=now)
    kept = Alert.objects.create(
        email="me@example.com",
        programme_id=site_content_programme_id("early-career-development-programme"),
        confirmed_at=now,
    )
    visit(page, stage.get_absolute_url())
    assert page.get_by_role("link", name="Get an email when a new programme for").count() == 1

    visit(page, "/email-alerts/manage/")
    page.get_by_label("Email address").fill("me@example.com")
    page.get_by_role("button", name="Email me a link").click()
    page.wait_for_url("**/email-alerts/check-your-email/?about=manage")
    assert_accessible(page)

    manage = path_of(Email.objects.get(kind="manage").personalisation["manage_url"], live_server)
    visit(page, manage)
    assert page.locator(".govuk-summary-list__row").count() == 2
    page.get_by_role("button", name=f"Stop alert for new programmes for {stage.name}").click()
    page.wait_for_load_state("load")
    assert "Alert stopped" in page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(page)
    assert list(Alert.objects.values_list("pk", flat=True)) == [kept.pk]


def test_stop_an_alert_from_its_email(any_page, site_content, live_server):
    page = any_page
    alert = Alert.objects.create(
        email="me@example.com",
        programme_id=site_content_programme_id("early-career-development-programme"),
        confirmed_at=timezone.now(),
    )
    stop = path_of(links.unsubscribe_url(alert), live_server)
    visit(page, stop)
    page.get_by_role("button", name="Stop this alert").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Email alert stopped"
    assert_accessible(page)
    assert not Alert.objects.exists()
    visit(page, stop, status=404)


def site_content_programme_id(slug: str) -> int:
    from programmes.models import Programme

    return Programme.objects.get(slug=slug).pk
