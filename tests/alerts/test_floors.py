"""Alerts is on the top floor: nothing imports it but config, and what it adds to lower
floors' pages and the dashboard it registers through settings."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.insight.test_floors import imported_modules, python_files

ROOT = Path(__file__).resolve().parents[2]
BELOW_ALERTS = ["core", "careers", "programmes", "search", "insight"]


@pytest.mark.parametrize("app", BELOW_ALERTS)
def test_no_other_app_imports_alerts(app):
    reaching_up = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in python_files(app)
        for module in imported_modules(path)
        if module == "alerts" or module.startswith("alerts.")
    ]
    assert reaching_up == []


@pytest.mark.parametrize("app", BELOW_ALERTS)
def test_no_lower_template_names_alerts(app):
    naming = [
        str(path.relative_to(ROOT))
        for path in (ROOT / app).rglob("*.html")
        if "alerts" in path.read_text()
    ]
    assert naming == []


def test_alerts_fills_its_places_through_settings():
    assert settings.TEMPLATE_SLOTS["programme_not_open"].startswith("alerts/")
    assert settings.TEMPLATE_SLOTS["stage_programmes"].startswith("alerts/")
