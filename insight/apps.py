from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "insight"
    verbose_name = "Insight"

    def ready(self) -> None:
        from editorial import attention
        from insight.admin import feedback_not_read

        attention.register(feedback_not_read)
