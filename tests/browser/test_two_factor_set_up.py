"""A new member of staff sets up two-factor sign-in in the browser, from the first sign-in
to the admin home, with every screen checked by axe."""

import re
import time

from django.contrib.auth.models import User
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

PASSWORD = "a-long-test-password"


def test_a_new_member_of_staff_sets_up_two_factor_sign_in(page, db, settings):
    settings.ADMIN_REQUIRE_2FA = True
    User.objects.create_user("newcomer", password=PASSWORD, is_staff=True)

    page.goto("/admin/")
    assert_accessible(page)
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url("**/admin/two-factor/set-up/")
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    qr_code = page.get_by_role("img", name="QR code to scan with your authenticator app")
    expect(qr_code).to_be_visible()
    device = TOTPDevice.objects.get(user__username="newcomer", confirmed=False)
    secret = page.locator("#secret").inner_text()
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{1,4}", secret)
    assert secret.replace(" ", "") in device.config_url
    assert_accessible(page)

    # A wrong code: a clear message, linked from the summary to the box, then another go.
    right = totp(device.bin_key, step=device.step, digits=device.digits)
    page.get_by_label("Code from your authenticator app").fill(f"{(right + 1) % 10**6:06d}")
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page.get_by_role("link", name=re.compile("The code is not right"))).to_be_visible()
    assert_accessible(page)
    time.sleep(1.2)  # django-otp makes each wrong code wait a little longer than the last

    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page.get_by_text("Two-factor sign-in is set up.")).to_be_visible()
    codes = page.get_by_role("list", name="Backup codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    expect(page.get_by_text("This is the only time you will see these codes")).to_be_visible()
    assert_accessible(page)
    backup_code = codes.first.inner_text().strip()

    page.get_by_role("link", name="Continue to the admin").click()
    page.wait_for_url("**/admin/")
    expect(page.get_by_role("link", name="Backup codes: 10 left")).to_be_visible()
    assert_accessible(page)

    # Another day, without the phone: a backup code signs them in, once.
    page.context.clear_cookies()
    sign_in(page, code=backup_code)
    page.wait_for_url("**/admin/")
    expect(page.get_by_role("link", name="Backup codes: 9 left")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, code=backup_code)
    expect(page.locator("#sign-in-error")).to_be_visible()
    assert_accessible(page)


def sign_in(page, *, code: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Code from your authenticator app, or a backup code").fill(code)
    page.get_by_role("button", name="Sign in").click()
