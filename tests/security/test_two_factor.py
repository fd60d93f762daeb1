"""The admin asks staff for a code from an authenticator app when ADMIN_REQUIRE_2FA is on."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

LOGIN = "/admin/login/"
PASSWORD = "a-long-test-password"


@pytest.fixture
def staff(db):
    return User.objects.create_user("staff", password=PASSWORD, is_staff=True, is_superuser=True)


@pytest.fixture
def device(staff):
    return TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)


@pytest.fixture
def two_factor_on():
    with override_settings(ADMIN_REQUIRE_2FA=True):
        yield


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def sign_in(client, **extra):
    data = {"username": "staff", "password": PASSWORD, "next": "/admin/", **extra}
    return client.post(LOGIN, data)


def test_password_alone_does_not_sign_in(client, device, two_factor_on):
    response = sign_in(client)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_staff_without_a_device_are_sent_to_set_one_up(client, staff, two_factor_on):
    # Signed in by password only: the admin itself stays out of reach until a device is set
    # up (tests/security/test_two_factor_set_up.py).
    response = sign_in(client, otp_token="123456")
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/set-up/"
    assert client.get("/admin/")["Location"].startswith(LOGIN)


def test_a_wrong_code_does_not_sign_in(client, device, two_factor_on):
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    assert sign_in(client, otp_token=wrong).status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_and_a_valid_code_reach_the_admin(client, device, two_factor_on):
    response = sign_in(client, otp_token=current_code(device))
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/programmes/programme/").status_code == 200


def test_a_password_only_session_is_not_enough(client, staff, two_factor_on):
    # Signed in some other way (say, before 2FA was switched on): not verified, so no admin.
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_with_two_factor_off_a_password_is_enough(client, staff):
    assert sign_in(client).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_lockout_still_applies(client, device, two_factor_on):
    for _ in range(5):
        sign_in(client, password="wrong", otp_token=current_code(device))
    assert sign_in(client, otp_token=current_code(device)).status_code == 429
    assert "_auth_user_id" not in client.session


def test_guessing_codes_with_the_right_password_is_locked_out(client, device, two_factor_on):
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    statuses = [sign_in(client, otp_token=wrong).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    device.throttling_failure_timestamp = None
    device.save()
    assert sign_in(client, otp_token=current_code(device)).status_code == 429
    assert "_auth_user_id" not in client.session


def test_enrol_command_creates_a_device_whose_codes_sign_in(client, staff, two_factor_on):
    out = io.StringIO()
    call_command("enrol_totp", "staff", stdout=out)
    device = TOTPDevice.objects.get(user=staff)
    assert device.confirmed
    assert "otpauth://totp/" in out.getvalue()
    assert sign_in(client, otp_token=current_code(device)).status_code == 302


def test_enrol_command_replaces_devices_on_request(staff):
    call_command("enrol_totp", "staff", "--no-qr", stdout=io.StringIO())
    call_command("enrol_totp", "staff", "--no-qr", "--replace", stdout=io.StringIO())
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_enrol_command_refuses_non_staff(db):
    User.objects.create_user("visitor", password=PASSWORD)
    with pytest.raises(CommandError):
        call_command("enrol_totp", "visitor", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("enrol_totp", "nobody", stdout=io.StringIO())
