"""Email alerts in the admin: the emails queued for Notify (with Notify's errors), and how many
people wait for each programme and stage. Staff never see an address; only a superuser can
export them, for a data protection request, and each export goes in the audit log."""

from django import forms
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from alerts import selectors, services
from alerts.models import Alert, Email
from alerts.sending import uses_notify
from core.csv_export import csv_response


class ExportForm(forms.Form):
    email = forms.EmailField(
        label="Email address (leave empty for every address)", required=False, max_length=254
    )


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


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    """No list of alerts: the list page shows how many people wait for each programme and
    career stage. Superusers can download the addresses, for a data protection request."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [path("export.csv", export, name="alerts_alert_export"), *super().get_urls()]

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        return self._counts(request, ExportForm())

    def _counts(self, request: HttpRequest, export_form, status: int = 200) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": "Email alerts",
            "opts": self.model._meta,
            "programmes": selectors.waiting_per_programme(),
            "stages": selectors.waiting_per_stage(),
            "can_export": request.user.is_superuser,
            "export_form": export_form,
        }
        return TemplateResponse(request, "admin/alerts/counts.html", context, status=status)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        raise PermissionDenied  # one alert would show its address

    def history_view(self, request, object_id, extra_context=None):
        raise PermissionDenied

    def export_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_superuser:
            raise PermissionDenied
        form = ExportForm(request.GET)
        if not form.is_valid():
            return self._counts(request, form, status=400)
        alerts = Alert.objects.select_related("programme", "stage").order_by("email", "pk")
        one = form.cleaned_data["email"]
        if one:
            alerts = alerts.filter(email=services.normalised_email(one))
        rows = [["Email address", "Alert for", "Asked on", "Confirmed on"]]
        rows += [
            [
                alert.email,
                alert.programme.name if alert.programme_id else f"Career stage: {alert.stage.name}",
                f"{timezone.localtime(alert.created_at):%Y-%m-%d %H:%M}",
                f"{timezone.localtime(alert.confirmed_at):%Y-%m-%d %H:%M}"
                if alert.confirmed_at
                else "Not confirmed",
            ]
            for alert in alerts
        ]
        count = len(rows) - 1
        # The audit log says who exported how many, never which addresses.
        LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=[request.user],
            action_flag=CHANGE,
            change_message=(
                f"Exported {count} email alert{'s' if count != 1 else ''} with their addresses"
                f"{' for one address' if one else ''}, for a data protection request."
            ),
            single_object=True,
        )
        return csv_response(f"email-alerts-{timezone.localdate()}.csv", rows)
