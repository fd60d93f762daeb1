"""Behind the load balancer, wrong passwords lock out one username at one address: nobody can
lock the staff out, and the lockout still stops guessing."""

import pytest
from django.contrib.auth.models import User

from tests.conftest import ProxiedClient

LOGIN = "/admin/login/"
ATTACKER = "203.0.113.66"
STAFF_ADDRESS = "198.51.100.20"


@pytest.fixture
def staff(db):
    User.objects.create_user("staff", password="the-right-password", is_staff=True)
    User.objects.create_user("colleague", password="another-right-password", is_staff=True)


def sign_in(client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_wrong_passwords_from_one_address_do_not_lock_out_staff_elsewhere(staff):
    attacker = ProxiedClient(ATTACKER)
    for username in ("staff", "colleague"):
        for _ in range(10):
            sign_in(attacker, username, "guess")
    assert signed_in(sign_in(ProxiedClient(STAFF_ADDRESS), "staff", "the-right-password"))
    colleague = ProxiedClient("198.51.100.21")
    assert signed_in(sign_in(colleague, "colleague", "another-right-password"))


def test_the_guesser_is_locked_out_even_with_the_right_password(staff):
    attacker = ProxiedClient(ATTACKER)
    for _ in range(4):
        assert sign_in(attacker, "staff", "guess").status_code == 200
    assert sign_in(attacker, "staff", "guess").status_code == 429
    assert sign_in(attacker, "staff", "the-right-password").status_code == 429


def test_forged_forwarded_addresses_do_not_escape_the_lockout(staff):
    # Each attempt claims to come from somewhere new; the balancer's own entry is the truth.
    for number in range(5):
        forged = ProxiedClient(forwarded_for=f"192.0.2.{number}, {ATTACKER}")
        sign_in(forged, "staff", "guess")
    again = ProxiedClient(forwarded_for=f"192.0.2.99, {ATTACKER}")
    assert sign_in(again, "staff", "the-right-password").status_code == 429


def test_a_member_of_staff_behind_the_same_balancer_is_not_locked_out(staff):
    # Everyone reaches the site from the balancer's address: it must not be what is locked.
    for _ in range(5):
        sign_in(ProxiedClient(ATTACKER), "staff", "guess")
    assert signed_in(sign_in(ProxiedClient(STAFF_ADDRESS), "staff", "the-right-password"))
