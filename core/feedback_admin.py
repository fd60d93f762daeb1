"""Answers to "Is this page useful?" in the admin: read, filter, search and export."""

from django.contrib import admin
from django.utils import timezone
from django.utils.text import Truncator

from core.csv_export import csv_response
from core.models import PageFeedback


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "path", "useful", "short_comment"]
    list_filter = ["useful", ("created_at", admin.DateFieldListFilter), "path"]
    search_fields = ["path", "comment"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "path", "useful", "comment"]
    actions = ["export_csv"]
    list_per_page = 50

    @admin.display(description="comment")
    def short_comment(self, obj: PageFeedback) -> str:
        # Returned as text: the admin escapes it, so a comment can never inject HTML.
        return Truncator(obj.comment).chars(120)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Download selected feedback as a CSV file", permissions=["view"])
    def export_csv(self, request, queryset):
        rows = [["Date", "Page", "Useful", "Comment"]]
        rows += [
            [f"{timezone.localtime(when):%Y-%m-%d %H:%M}", path, "Yes" if useful else "No", comment]
            for when, path, useful, comment in queryset.values_list(
                "created_at", "path", "useful", "comment"
            )
        ]
        return csv_response(f"page-feedback-{timezone.localdate()}.csv", rows)
