"""One rule for the visitor's address: rate limits, the sign-in lockout and the anonymous
visitor key of sign-up clicks all read edge.client.client_address, so behind the load
balancer they see the visitor, not the balancer."""

import hashlib
import re
from pathlib import Path

import pytest
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.test import RequestFactory
from django.utils import timezone
from django.utils.module_loading import import_string

from edge import ratelimit
from edge.client import client_address
from programmes.models import SignUpClick
from programmes.services import visitor_key
from tests.conftest import ProxiedClient
from tests.programmes.factories import make_programme

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"


def test_the_lockout_and_rate_limits_use_the_same_function():
    assert import_string(settings.AXES_CLIENT_IP_CALLABLE) is client_address
    assert ratelimit.client_address is client_address


@pytest.mark.django_db
def test_visitors_behind_the_balancer_get_their_own_visitor_keys():
    make_programme(slug="modules")
    for visitor in ("198.51.100.1", "198.51.100.2", "198.51.100.1"):
        response = ProxiedClient(visitor, HTTP_USER_AGENT=BROWSER).get(
            "/development-programmes/modules/sign-up/"
        )
        assert response.status_code == 302
    keys = list(SignUpClick.objects.order_by("pk").values_list("visitor_key", flat=True))
    # Two people, not one balancer: the same visitor twice shares a key.
    assert len(set(keys)) == 2 and keys[0] == keys[2]


@pytest.mark.django_db
def test_a_forged_forwarded_address_does_not_change_the_visitor_key():
    make_programme(slug="modules")
    for forged in ("203.0.113.1", "203.0.113.2"):
        ProxiedClient(forwarded_for=f"{forged}, 198.51.100.9", HTTP_USER_AGENT=BROWSER).get(
            "/development-programmes/modules/sign-up/"
        )
    assert SignUpClick.objects.values("visitor_key").distinct().count() == 1


@pytest.mark.django_db
def test_every_reader_sees_the_same_visitor_behind_the_balancer(production):
    # One request, with an entry forged in front of the balancer's: the lockout, the rate
    # limits and the visitor key all see the address the balancer saw.
    visitor = "198.51.100.9"
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"203.0.113.1, {visitor}"
    )
    assert get_client_ip_address(request) == visitor
    expected = hashlib.sha256(visitor.encode()).hexdigest()[:32]
    assert ratelimit.client_key(request, "search") == f"ratelimit:search:{expected}"

    make_programme(slug="modules")
    ProxiedClient(forwarded_for=f"203.0.113.1, {visitor}", HTTP_USER_AGENT=BROWSER).get(
        "/development-programmes/modules/sign-up/"
    )
    today = timezone.localdate()
    click = SignUpClick.objects.get()
    assert click.visitor_key == visitor_key(address=visitor, user_agent=BROWSER, today=today)


READS_ADDRESS = re.compile(
    r"""META(\.get\(|\[)\s*["'](REMOTE_ADDR|HTTP_X_FORWARDED_FOR)"""
    r"""|headers(\.get\(|\[)\s*["']X-Forwarded-For""",
    re.IGNORECASE,
)


def test_nothing_else_works_the_address_out_for_itself():
    # The connecting address and X-Forwarded-For are read in edge/client.py alone.
    root = Path(__file__).resolve().parents[2]
    readers = [
        str(path.relative_to(root))
        for app in (
            "core",
            "edge",
            "editorial",
            "careers",
            "programmes",
            "search",
            "insight",
            "config",
        )
        for path in (root / app).rglob("*.py")
        if READS_ADDRESS.search(path.read_text())
    ]
    assert readers == ["edge/client.py"]
