"""The site's own app, and the other apps' configurations named in INSTALLED_APPS: the
admin, and plain-English names for the apps the admin lists (Django's documented way to
rename an app is a subclass of its AppConfig with a new verbose_name).

Modules are imported here, not their classes: Django takes the one AppConfig class in this
module without `default = False` as core's own, CoreConfig."""

from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.contrib.auth import apps as auth_apps
from django_otp.plugins.otp_static import apps as otp_static_apps
from django_otp.plugins.otp_totp import apps as otp_totp_apps


class CoreConfig(AppConfig):
    default = True
    name = "core"
    verbose_name = "Site content and settings"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from core import cache

        # The one place that notices content changes, however they happen: admin edits,
        # publishing, imports, reverts and load_content all save through the models.
        post_save.connect(cache.on_content_saved_or_deleted, dispatch_uid="content-saved")
        post_delete.connect(cache.on_content_saved_or_deleted, dispatch_uid="content-deleted")
        m2m_changed.connect(cache.on_content_relations_changed, dispatch_uid="content-m2m")


class TwoFactorAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the two-factor admin site (core.two_factor) as `admin.site`, as
    Django's documentation describes for overriding the default admin site."""

    # Named in INSTALLED_APPS in place of django.contrib.admin; CoreConfig stays the default.
    default = False
    default_site = "core.two_factor.TwoFactorAdminSite"


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
