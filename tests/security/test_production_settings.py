"""Production defaults (DEBUG off, nothing else set) switch every protection on."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Each test reads the settings in a process of its own, with only the environment it gives.
pytestmark = pytest.mark.processes

# Reading the settings module is enough: no apps are loaded, so each process takes a fraction
# of a second rather than the seconds `manage.py shell` needs.
PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "ADMIN_REQUIRE_2FA": settings.ADMIN_REQUIRE_2FA,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SESSION_COOKIE_HTTPONLY": settings.SESSION_COOKIE_HTTPONLY,
    "SECURE_PROXY_SSL_HEADER": settings.SECURE_PROXY_SSL_HEADER,
    "TRUSTED_PROXIES": settings.TRUSTED_PROXIES,
    "AXES_CLIENT_IP_CALLABLE": settings.AXES_CLIENT_IP_CALLABLE,
    "AXES_LOCKOUT_PARAMETERS": settings.AXES_LOCKOUT_PARAMETERS,
    "enforced_csp": bool(getattr(settings, "CONTENT_SECURITY_POLICY", None)),
    "script_src": (getattr(settings, "CONTENT_SECURITY_POLICY", None) or
                   settings.CONTENT_SECURITY_POLICY_REPORT_ONLY)["DIRECTIVES"]["script-src"],
    "connect_src": (getattr(settings, "CONTENT_SECURITY_POLICY", None) or
                   settings.CONTENT_SECURITY_POLICY_REPORT_ONLY)["DIRECTIVES"]["connect-src"],
}, default=str))
"""


def production_settings(**env: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "SECRET_KEY": "x" * 50,
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults_switch_protections_on():
    values = production_settings()
    assert values["ADMIN_REQUIRE_2FA"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["enforced_csp"] is True
    assert "'unsafe-inline'" not in values["script_src"]
    assert not any("google" in host for host in values["script_src"] + values["connect_src"])


def test_development_can_switch_two_factor_off():
    assert production_settings(DEBUG="true")["ADMIN_REQUIRE_2FA"] is False
    assert production_settings(ADMIN_REQUIRE_2FA="false")["ADMIN_REQUIRE_2FA"] is False


def test_analytics_hosts_are_allowed_only_with_a_measurement_id():
    values = production_settings(GA_MEASUREMENT_ID="G-ABC123XYZ")
    assert "https://*.googletagmanager.com" in values["script_src"]
    assert "https://*.google-analytics.com" in values["connect_src"]


def test_forwarded_headers_count_only_behind_a_trusted_proxy():
    alone = production_settings()
    assert alone["TRUSTED_PROXIES"] == 0
    assert alone["SECURE_PROXY_SSL_HEADER"] is None
    behind = production_settings(TRUSTED_PROXIES="1")
    assert behind["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    # The name used before still works.
    assert production_settings(RATELIMIT_TRUSTED_PROXIES="2")["TRUSTED_PROXIES"] == 2


def test_sign_in_lockout_uses_the_client_address_rule_with_the_username():
    values = production_settings()
    assert values["AXES_CLIENT_IP_CALLABLE"] == "edge.client.client_address"
    assert values["AXES_LOCKOUT_PARAMETERS"] == [["username", "ip_address"]]
