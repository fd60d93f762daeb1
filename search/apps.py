from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Site search"

    def ready(self) -> None:
        # Keep the search index in step with published content as editors save it.
        from search import signals

        signals.connect()
