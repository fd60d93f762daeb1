"""The Content Security Policy in a real browser: the site's own scripts run, injected ones
do not, and the admin (with its third-party pages) works without a single violation."""

import pytest
from django.contrib.auth.models import User
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from careers.models import CareerStage, Role, Standard
from core.models import ContentPage
from programmes.models import Programme, SignUpClick
from tests.browser.conftest import visit

PASSWORD = "a-long-browser-test-password"
PUBLIC_PAGES = [
    "/",
    "/career-stages/",
    "/development-programmes/",
    "/development-programmes/pathway-2/",
    "/explore-roles/",
    "/cookies",
    "/search?q=manager",
    "/sitemap",
    "/privacy",
]


def test_public_pages_run_their_scripts_under_the_policy(page, site_content):
    for path in PUBLIC_PAGES:
        response = visit(page, path)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        # GOV.UK Frontend's module ran: it marks the body once initialised.
        assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")


def test_an_injected_script_is_refused(browser, live_server, site_content):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    violations = []
    page.on("console", lambda message: violations.append(message.text))
    page.goto("/")
    ran = page.evaluate(
        """() => new Promise((resolve) => {
            document.addEventListener("securitypolicyviolation", () => resolve(false));
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
            setTimeout(() => resolve(window.injected === true), 500);
        })"""
    )
    context.close()
    assert ran is False
    assert any("Content Security Policy" in text for text in violations)


@pytest.fixture
def staff_page(page, site_content):
    """A signed-in superuser's browser window; fails on any console error (a CSP violation
    is one) or failed request."""
    User.objects.create_superuser("admin", password=PASSWORD)
    page.goto("/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def test_admin_pages_work_under_the_policy(staff_page):
    programme = Programme.objects.get(slug="pathway-2")
    programme.summary = "Changed once, so the history has a row to show."
    programme.save()
    SignUpClick.objects.create(programme=programme)
    paths = [
        "/admin/",
        "/admin/programmes/programme/",
        "/admin/programmes/programme/?q=pathway",
        f"/admin/programmes/programme/{programme.pk}/change/",
        f"/admin/programmes/programme/{programme.pk}/history/",
        "/admin/programmes/programme/add/",
        "/admin/programmes/programme/export/",
        "/admin/programmes/programme/import/",
        "/admin/programmes/applicationwindow/add/",
        f"/admin/careers/role/{Role.objects.first().pk}/change/",
        "/admin/careers/standard/",
        f"/admin/careers/standard/{Standard.objects.first().pk}/change/",
        f"/admin/careers/standard/{Standard.objects.first().pk}/preview/",
        "/admin/careers/requirement/",
        f"/admin/careers/careerstage/{CareerStage.objects.first().pk}/change/",
        f"/admin/core/contentpage/{ContentPage.objects.first().pk}/change/",
        "/admin/insight/signupinsight/",
        "/admin/otp_totp/totpdevice/add/",
        "/admin/auth/user/",
    ]
    for path in paths:
        response = staff_page.goto(path)
        assert response.status == 200, path
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    # A piece that runs the admin's JavaScript: the date picker's shortcuts.
    staff_page.goto("/admin/programmes/applicationwindow/add/")
    staff_page.locator(".datetimeshortcuts a").first.click()


def test_admin_sign_in_with_a_code_in_the_browser(page, db, settings):
    settings.ADMIN_REQUIRE_2FA = True
    user = User.objects.create_superuser("admin", password=PASSWORD)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto("/admin/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    assert "/login/" in page.url  # the password alone is not enough
    page.fill("#id_password", PASSWORD)
    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    page.fill("#id_otp_token", code)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    assert "Site administration" in page.content() or "Site content" in page.content()
