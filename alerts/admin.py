"""Email alerts in the admin: the emails queued for Notify (with Notify's errors), and how many
people wait for each programme and stage. Staff never see an address; only a superuser can
export them, for a data protection request, and each export goes in the audit log."""

from django.contrib import admin
from django.http import HttpRequest

from alerts.models import Email
from alerts.sending import uses_notify


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    """Read only. Without a Notify key (development) each email's text is shown, links and
    all, so the whole journey can be tried locally."""

    list_display = ["created_at", "kind", "status", "attempts", "next_attempt_at", "short_error"]
    list_filter = ["status", "kind"]
    date_hierarchy = "created_at"
    list_per_page = 50

    def get_fields(self, request: HttpRequest, obj=None):
        fields = [
            "kind",
            "status",
            "attempts",
            "next_attempt_at",
            "last_error",
            "notify_id",
            "idempotency_key",
            "opening",
            "created_at",
            "sent_at",
        ]
        return fields if uses_notify() else [*fields, "logged_text"]

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return self.get_fields(request, obj)

    @admin.display(description="error")
    def short_error(self, obj: Email) -> str:
        return obj.last_error[:120]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
