from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Careers"

    def ready(self) -> None:
        from careers.models import Role
        from core import attention
        from core.admin_base import facts_due_attention

        attention.register(facts_due_attention(Role, "roles"))
