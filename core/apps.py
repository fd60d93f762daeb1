from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site content and settings"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from core import attention, cache
        from core.admin import broken_links, changes_waiting

        # The one place that notices content changes, however they happen: admin edits,
        # publishing, imports, reverts and load_content all save through the models.
        post_save.connect(cache.on_content_saved_or_deleted, dispatch_uid="content-saved")
        post_delete.connect(cache.on_content_saved_or_deleted, dispatch_uid="content-deleted")
        m2m_changed.connect(cache.on_content_relations_changed, dispatch_uid="content-m2m")
        attention.register(changes_waiting)
        attention.register(broken_links)


class TwoFactorAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the two-factor admin site (core.two_factor) as `admin.site`, as
    Django's documentation describes for overriding the default admin site."""

    # Named in INSTALLED_APPS in place of django.contrib.admin; CoreConfig stays the default.
    default = False
    default_site = "core.two_factor.TwoFactorAdminSite"
