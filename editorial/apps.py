"""The editorial app, and the other apps' configurations named in INSTALLED_APPS: Django's
admin with the two-factor site, and plain-English names for the apps the admin lists (Django's
documented way to rename an app is a subclass of its AppConfig with a new verbose_name).

Modules are imported here, not their classes: Django takes the one AppConfig class in this
module without `default = False` as editorial's own, EditorialConfig."""

from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.contrib.auth import apps as auth_apps
from django_otp.plugins.otp_static import apps as otp_static_apps
from django_otp.plugins.otp_totp import apps as otp_totp_apps


class EditorialConfig(AppConfig):
    default = True
    name = "editorial"
    verbose_name = "Editing and publishing"

    def ready(self) -> None:
        from editorial import attention
        from editorial.admin import broken_links, changes_waiting

        attention.register(changes_waiting)
        attention.register(broken_links)


class TwoFactorAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the two-factor admin site (editorial.two_factor) as `admin.site`,
    as Django's documentation describes for overriding the default admin site."""

    # Named in INSTALLED_APPS in place of django.contrib.admin; EditorialConfig stays the
    # default.
    default = False
    default_site = "editorial.two_factor.TwoFactorAdminSite"


class StaffAccountsConfig(auth_apps.AuthConfig):
    default = False
    verbose_name = "Staff accounts and groups"


class SignInLockoutsConfig(axes_apps.AppConfig):
    default = False
    verbose_name = "Sign-in lockouts"


class TwoFactorConfig(AppConfig):
    default = False
    name = "django_otp"
    verbose_name = "Two-factor sign-in"


class AuthenticatorAppsConfig(otp_totp_apps.DefaultConfig):
    default = False
    verbose_name = "Two-factor sign-in: authenticator apps"


class BackupCodesConfig(otp_static_apps.DefaultConfig):
    default = False
    verbose_name = "Two-factor sign-in: backup codes"


class HistoryConfig(AppConfig):
    default = False
    name = "simple_history"
    verbose_name = "Content history"


class SpreadsheetsConfig(AppConfig):
    default = False
    name = "import_export"
    verbose_name = "Spreadsheet import and export"
