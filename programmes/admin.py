"""Admin for providers, programme families, programmes and their application windows."""

from django.contrib import admin
from import_export.formats.base_formats import CSV, XLSX

from core.models import Status
from editorial.admin_base import (
    ContentAdmin,
    ContentImportExportMixin,
    EditorAdmin,
    FactsCheckFilter,
)
from editorial.publishing import can_publish
from programmes.models import ApplicationWindow, Programme, ProgrammeFamily, Provider
from programmes.resources import ProgrammeResource


@admin.register(Provider)
class ProviderAdmin(EditorAdmin):
    list_display = ["name", "website"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ProgrammeFamily)
class ProgrammeFamilyAdmin(EditorAdmin):
    list_display = ["name", "provider", "order"]
    list_editable = ["order"]
    list_filter = ["provider"]
    search_fields = ["name", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}


class ApplicationWindowInline(admin.StackedInline):
    # Stacked, so that each date box has a label of its own, not only a column heading.
    model = ApplicationWindow
    extra = 1
    verbose_name = "application window (intake)"
    verbose_name_plural = "application windows (intakes)"


@admin.register(Programme)
class ProgrammeAdmin(ContentImportExportMixin, ContentAdmin):
    preview_renderer = "programmes.views.render_programme"
    resource_classes = [ProgrammeResource]
    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]
    import_error_display = ("message",)
    inlines = [ApplicationWindowInline]
    list_display = [
        "name", "family", "order", "status", "lifecycle", "facts_checked_on", "updated_at",
        "page_links",
    ]  # fmt: skip
    list_editable = ["order"]
    list_filter = ["status", "lifecycle", FactsCheckFilter, "family", "stages", "provider"]
    list_select_related = ["family", "provider"]
    search_fields = ["name", "slug", "summary", "audience", "eligibility"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "family", "provider", "order"]}),
        (
            "Who it's for",
            {"fields": ["summary", "audience", "eligibility", "stages", "roles"]},
        ),
        (
            "What it involves",
            {
                "fields": [
                    "duration",
                    "time_commitment",
                    "format",
                    "location",
                    "cost",
                    "delivered_by",
                    "intakes",
                    "outcomes",
                    "body",
                ]
            },
        ),  # fmt: skip
        (
            "Status and how people join",
            {
                "description": (
                    "Pages work out the status people see (for example 'Applications open "
                    "until 31 January 2027' or 'Ended in July 2024') from these fields and "
                    "the application windows below. When a programme ends, give the date "
                    "it ended and say what people can do instead."
                ),
                "fields": [
                    "lifecycle",
                    "starts_on",
                    "ended_on",
                    "how_to_join",
                    "replaced_by",
                    "what_to_do_instead",
                ],
            },
        ),
        (
            "How to apply",
            {"fields": ["how_to_apply", "sign_up_url", "cta_text", "next_programme"]},
        ),
        ("Fact check", {"fields": ["facts_checked_on", "facts_source_url"]}),
    ]


@admin.register(ApplicationWindow)
class ApplicationWindowAdmin(EditorAdmin):
    list_display = ["programme", "opens_on", "closes_on"]
    list_filter = ["programme"]
    date_hierarchy = "opens_on"

    # Windows of a published programme change on the programme's own page, where an editor's
    # change waits for a publisher. Here editors may only change windows of drafts.

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.programme.is_published and not can_publish(request.user):
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "programme" and not can_publish(request.user):
            kwargs["queryset"] = Programme.objects.filter(status=Status.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
