"""Two-factor sign-in for the admin: a time-based code (TOTP) from an authenticator app, on
top of the password and the sign-in lockout. Switched by the ADMIN_REQUIRE_2FA setting."""

from django.conf import settings
from django.contrib.admin.sites import AdminSite
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


class TwoFactorLoginForm(OTPAdminAuthenticationForm):
    """Username, password and code on one page. Staff with a single device need not pick
    it from the list; with several, they choose which one the code came from."""

    def _chosen_device(self, user):
        device = super()._chosen_device(user)
        if device is None:
            devices = list(devices_for_user(user, confirmed=True))
            if len(devices) == 1:
                device = devices[0]
        return device


class TwoFactorAdminSite(OTPAdminSite):
    """The admin site; with ADMIN_REQUIRE_2FA on, staff must also enter a code from a
    confirmed device to sign in, and a session without one is treated as signed out.

    The setting is read on each request rather than at start-up, so tests can switch it."""

    @property
    def login_form(self):
        return TwoFactorLoginForm if settings.ADMIN_REQUIRE_2FA else None

    @property
    def login_template(self):
        return "otp/admin111/login.html" if settings.ADMIN_REQUIRE_2FA else None

    def index(self, request, extra_context=None):
        from core import attention

        extra_context = {"attention_items": attention.items(request), **(extra_context or {})}
        return super().index(request, extra_context)

    def has_permission(self, request) -> bool:
        if settings.ADMIN_REQUIRE_2FA:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)


def install(site: AdminSite) -> None:
    """Make the existing admin site (the one every app registered with) ask for a second
    factor. Swapping the class keeps its registry, name and URLs."""
    site.__class__ = TwoFactorAdminSite
