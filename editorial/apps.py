from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class EditorialConfig(AppConfig):
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
