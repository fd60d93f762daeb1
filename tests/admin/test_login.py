"""Sign-in protection, the admin's address and idle sessions."""

import importlib

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import override_settings
from django.urls import clear_url_caches

LOGIN = "/admin/login/"


@pytest.fixture
def staff(db):
    return User.objects.create_user("staff", password="the-right-password", is_staff=True)


def sign_in(client, password):
    return client.post(LOGIN, {"username": "staff", "password": password, "next": "/admin/"})


def test_five_failed_sign_ins_lock_the_client_out(client, staff):
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    # Even the right password is refused while locked out.
    assert sign_in(client, "the-right-password").status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_client(client, staff):
    for _ in range(5):
        client.post(LOGIN, {"username": "staff", "password": "x"}, REMOTE_ADDR="10.0.0.1")
    response = client.post(
        LOGIN, {"username": "staff", "password": "the-right-password"}, REMOTE_ADDR="10.0.0.2"
    )
    assert response.status_code == 302


def test_lockout_lasts_15_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME * 60 == 15


def test_a_right_password_signs_in(client, staff):
    assert sign_in(client, "the-right-password").status_code == 302


def test_sessions_expire_after_two_idle_hours(client, staff):
    client.force_login(staff)
    client.get("/admin/")
    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST  # each request restarts the two hours
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 7200


def test_admin_address_comes_from_the_setting(client, staff):
    import config.urls

    try:
        with override_settings(ADMIN_URL="staff-only-area/"):
            clear_url_caches()
            importlib.reload(config.urls)
            assert client.get("/staff-only-area/login/").status_code == 200
            assert client.get("/admin/login/").status_code == 404
    finally:
        clear_url_caches()
        importlib.reload(config.urls)
    assert client.get("/admin/login/").status_code == 200
