"""Alerts is the top floor (tests/test_floors.py checks nothing below names it): what it adds
to lower floors' pages and to the dashboard it registers through settings."""

from django.conf import settings


def test_alerts_fills_its_places_through_settings():
    assert settings.TEMPLATE_SLOTS == {
        "programme_not_open": "alerts/_programme_offer.html",
        "stage_programmes": "alerts/_stage_offer.html",
    }
    assert settings.INSIGHT_DASHBOARD_SECTIONS == ["alerts.dashboard"]
    assert {"send_alerts", "delete_old_alerts"} <= set(settings.NIGHTLY_JOBS)
