from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = "Development programmes"

    def ready(self) -> None:
        from core import cache
        from programmes.models import ApplicationWindow, ProgrammeFamily, Provider

        # Not drafts or published themselves, but shown on public programme pages.
        cache.watch(Provider, ProgrammeFamily, ApplicationWindow)

        from editorial import attention
        from editorial.admin_base import facts_due_attention
        from programmes.models import Programme

        attention.register(facts_due_attention(Programme, "programmes"))
