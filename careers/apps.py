from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Careers"

    def ready(self) -> None:
        from careers.models import Requirement, Role
        from core import cache
        from editorial import attention

        # Not a draft or published itself, but shown on public role pages.
        cache.watch(Requirement)
        from editorial.admin_base import facts_due_attention

        attention.register(facts_due_attention(Role, "roles"))
