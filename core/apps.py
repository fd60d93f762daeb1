from django.apps import AppConfig


class CoreConfig(AppConfig):
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
