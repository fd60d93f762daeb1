"""Staff set up two-factor sign-in themselves: a fresh account signs in with its password and
is sent to add an authenticator app, gets backup codes, and publishers can reset a
colleague's device. Run as deployed, with two-factor sign-in on."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from tests import groups
from tests.conftest import ProxiedClient
from tests.security.test_hostile_input import NASTY_TEXT

LOGIN = "/admin/login/"
SET_UP = "/admin/two-factor/set-up/"
BACKUP_CODES = "/admin/two-factor/backup-codes/"
RESET = "/admin/two-factor/reset/"
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def _two_factor_on(settings, db):
    settings.ADMIN_REQUIRE_2FA = True
    groups.ensure()


def make_staff(username: str, *groups: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def newcomer(db):
    return make_staff("newcomer", "Content editor")


def sign_in(client, username: str, code: str = ""):
    data = {"username": username, "password": PASSWORD, "otp_token": code, "next": "/admin/"}
    return client.post(LOGIN, data)


def code_for(device: TOTPDevice, *, offset: int = 0) -> str:
    return f"{(totp(device.bin_key, step=device.step, digits=device.digits) + offset) % 10**6:06d}"


def pending_device(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=False)


def shown_codes(response) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())


def set_up(client, user) -> list[str]:
    """Sign in as a fresh account and confirm an authenticator app; the backup codes shown."""
    assert sign_in(client, user.username)["Location"] == SET_UP
    client.get(SET_UP)
    response = client.post(SET_UP, {"code": code_for(pending_device(user))})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return shown_codes(response)


def test_a_fresh_account_is_sent_to_set_up_not_into_the_admin(client, newcomer):
    response = sign_in(client, "newcomer")
    assert response.status_code == 302
    assert response["Location"] == SET_UP
    # Signed in with the password only: every admin page sends them back to set-up.
    for page in ("/admin/", "/admin/programmes/programme/", BACKUP_CODES):
        followed = client.get(page, follow=True)
        assert followed.redirect_chain[-1][0] == SET_UP, page
    page = client.get(SET_UP)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Use an authenticator app on your phone" in html
    assert '<svg role="img" aria-label="QR code' in html
    secret = pending_device(newcomer).config_url.split("secret=")[1].split("&")[0]
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    assert f"<code>{grouped}</code>" in html
    assert page["Cache-Control"].count("no-store") == 1


def test_a_wrong_code_is_refused_and_they_can_try_again(client, newcomer):
    sign_in(client, "newcomer")
    client.get(SET_UP)
    device = pending_device(newcomer)
    response = client.post(SET_UP, {"code": code_for(device, offset=1)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The code is not right" in html
    assert 'aria-describedby="code-hint code-error"' in html
    assert '<a href="#id_code">' in html
    # Each wrong code makes the next one wait (a second, then longer), even the right one.
    too_soon = client.post(SET_UP, {"code": code_for(device)})
    assert too_soon.status_code == 400
    assert "Wait a few seconds" in too_soon.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/admin/", follow=True).redirect_chain[-1][0] == SET_UP
    # Not a code at all: the same clear refusal, never a server error.
    for junk in ("", "abc", "1" * 500, "12\x0034"):
        assert client.post(SET_UP, {"code": junk}).status_code == 400
    # The same device (and QR code) is still there to confirm, once the short wait is over.
    device.throttling_failure_timestamp = None
    device.save()
    assert client.post(SET_UP, {"code": code_for(device)}).status_code == 200


def test_the_right_code_verifies_and_shows_backup_codes_once(client, newcomer):
    codes = set_up(client, newcomer)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=newcomer).confirmed
    assert client.get("/admin/").status_code == 200
    # Shown once: set-up is over, and the codes page only says how many are left.
    assert client.get(SET_UP)["Location"] == "/admin/"
    left = client.get(BACKUP_CODES).content.decode()
    assert "You have 10 unused backup codes left" in left
    assert not any(code in left for code in codes)
    assert "Backup codes: 10 left" in client.get("/admin/").content.decode()


def test_a_backup_code_signs_in_once_and_not_twice(client, newcomer):
    code = set_up(client, newcomer)[0]
    for attempt in range(2):
        other = ProxiedClient("198.51.100.30")
        response = sign_in(other, "newcomer", code.upper()[:4] + " " + code[4:])
        if attempt == 0:
            assert response["Location"] == "/admin/"
            assert other.get("/admin/").status_code == 200
            assert "Backup codes: 9 left" in other.get("/admin/").content.decode()
        else:
            assert response.status_code == 200
            assert "The code is not right" in response.content.decode()
            assert other.get("/admin/").status_code == 302


def test_a_new_set_of_backup_codes_cancels_the_old(client, newcomer):
    old = set_up(client, newcomer)
    new = shown_codes(client.post(BACKUP_CODES))
    assert len(new) == 10 and not set(new) & set(old)
    assert sign_in(ProxiedClient("198.51.100.32"), "newcomer", new[1])["Location"] == "/admin/"
    refused = sign_in(ProxiedClient("198.51.100.31"), "newcomer", old[1])
    assert refused.status_code == 200
    assert "The code is not right" in refused.content.decode()


def test_a_publisher_reset_forces_set_up_and_is_recorded(client, newcomer):
    set_up(client, newcomer)
    publisher = make_staff("publisher", "Content publisher")
    TOTPDevice.objects.create(user=publisher, name="phone", confirmed=True)
    boss = ProxiedClient("198.51.100.40")
    assert sign_in(boss, "publisher", code_for(publisher.totpdevice_set.get()))["Location"] == (
        "/admin/"
    )
    assert "Reset a colleague" in boss.get("/admin/").content.decode()
    assert "newcomer" in boss.get(RESET).content.decode()
    response = boss.post(RESET, {"user": newcomer.pk}, follow=True)
    assert "Two-factor sign-in reset for newcomer" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
    assert not StaticToken.objects.filter(device__user=newcomer).exists()
    entry = LogEntry.objects.get(object_id=str(newcomer.pk))
    assert entry.user == publisher
    assert "Reset two-factor sign-in" in entry.get_change_message()
    # It shows where staff look: the publisher's recent actions and the user's history.
    assert "newcomer" in boss.get("/admin/").content.decode()
    admin = User.objects.create_superuser("admin", password=PASSWORD)
    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    administrator = ProxiedClient("198.51.100.42")
    sign_in(administrator, "admin", code_for(admin.totpdevice_set.get()))
    history = administrator.get(f"/admin/auth/user/{newcomer.pk}/history/").content.decode()
    assert "Reset two-factor sign-in" in history and "publisher" in history
    # Their session in progress stops reaching the admin, and signing in means set-up again.
    assert client.get("/admin/", follow=True).redirect_chain[-1][0] == SET_UP
    assert sign_in(ProxiedClient("198.51.100.41"), "newcomer")["Location"] == SET_UP
    # Nobody resets their own this way, and a made-up colleague is a clear 400.
    assert boss.post(RESET, {"user": publisher.pk}).status_code == 400
    assert boss.post(RESET, {"user": "x"}).status_code == 400
    assert TOTPDevice.objects.filter(user=publisher).exists()


def test_an_editor_cannot_reset(client, newcomer):
    set_up(client, newcomer)
    victim = make_staff("colleague", "Content publisher")
    TOTPDevice.objects.create(user=victim, name="phone", confirmed=True)
    assert "Reset a colleague" not in client.get("/admin/").content.decode()
    assert client.get(RESET).status_code == 403
    assert client.post(RESET, {"user": victim.pk}).status_code == 403
    assert TOTPDevice.objects.filter(user=victim).exists()
    assert not LogEntry.objects.filter(object_id=str(victim.pk)).exists()


def test_guessing_the_confirm_code_is_locked_out(client, newcomer):
    sign_in(client, "newcomer")
    client.get(SET_UP)
    device = pending_device(newcomer)
    statuses = [
        client.post(SET_UP, {"code": code_for(device, offset=n)}).status_code for n in range(1, 6)
    ]
    # Counted with failed sign-ins: the fifth wrong code locks this account out here.
    assert statuses == [400, 400, 400, 400, 429]
    device.throttling_failure_timestamp = None
    device.save()
    assert client.post(SET_UP, {"code": code_for(device)}).status_code == 429
    assert sign_in(client, "newcomer").status_code == 429
    device.refresh_from_db()
    assert not device.confirmed
    # Someone else, elsewhere, is not locked out.
    assert sign_in(ProxiedClient("198.51.100.50"), "newcomer")["Location"] == SET_UP


def test_someone_with_only_the_password_cannot_replace_a_device(client, newcomer):
    set_up(client, newcomer)
    thief = ProxiedClient("203.0.113.9")
    # Without a code, a password alone is refused once a device exists; set-up is closed.
    assert sign_in(thief, "newcomer").status_code == 200
    assert thief.get(SET_UP)["Location"] == LOGIN
    assert TOTPDevice.objects.filter(user=newcomer).count() == 1


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(code=NASTY_TEXT)
def test_any_code_typed_gets_an_answer_not_a_server_error(client, newcomer, code):
    client.raise_request_exception = False
    cache.clear()
    client.force_login(newcomer)
    assert client.post(SET_UP, {"code": code}).status_code in (400, 429)
    veteran = User.objects.filter(username="veteran").first() or make_staff("veteran")
    TOTPDevice.objects.get_or_create(user=veteran, name="phone", confirmed=True)
    other = ProxiedClient("198.51.100.60")
    other.raise_request_exception = False
    # Django's sign-in page answers its own form errors (a NUL byte, say) with 200.
    assert sign_in(other, "veteran", code).status_code in (200, 429)
