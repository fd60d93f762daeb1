"""One rule for the visitor's address: rate limits, the sign-in lockout and the anonymous
visitor key of sign-up clicks all read core.client.client_address, so behind the load
balancer they see the visitor, not the balancer."""

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

from core import ratelimit
from core.client import client_address
from programmes.models import SignUpClick
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
