"""Admin for career stages, roles, areas of practice and guidance pages."""

from django.contrib import admin
from import_export.formats.base_formats import CSV, XLSX

from careers.models import AreaOfPractice, CareerStage, GuidancePage, Role
from careers.resources import RoleResource
from core.admin_base import ContentAdmin, ContentImportExportMixin, FactsCheckFilter


@admin.register(CareerStage)
class CareerStageAdmin(ContentAdmin):
    preview_renderer = "careers.views.render_stage"
    list_display = ["name", "order", "status", "updated_at", "page_links"]
    list_editable = ["order"]
    list_filter = ["status"]
    search_fields = ["name", "slug", "heading", "includes", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    # Listed, because fields shared with other models would otherwise come first.
    fields = [
        "status", "name", "slug", "heading", "includes", "summary", "order", "guidance",
        "see_also",
    ]  # fmt: skip


@admin.register(Role)
class RoleAdmin(ContentImportExportMixin, ContentAdmin):
    preview_renderer = "careers.views.render_role"
    resource_classes = [RoleResource]
    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]
    import_error_display = ("message",)
    list_display = [
        "title", "stage", "salary", "order", "status", "facts_checked_on", "updated_at",
        "page_links",
    ]  # fmt: skip
    list_editable = ["order"]
    list_filter = ["status", "stage", FactsCheckFilter]
    list_select_related = ["stage"]
    search_fields = ["title", "slug", "other_names", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["next_roles"]
    # Listed, because fields shared with other models would otherwise come first.
    fields = [
        "status", "title", "slug", "stage", "other_names", "summary", "salary_from",
        "salary_to", "salary_source", "salary_source_url", "salary_source_year", "salary_note",
        "experience", "tasks", "skills", "how_to_get", "working_with", "next_roles", "jobs",
        "see_also", "order", "facts_checked_on", "facts_source_url",
    ]  # fmt: skip

    @admin.display(description="Typical salary")
    def salary(self, obj: Role) -> str:
        return f"£{obj.salary_from:,} to £{obj.salary_to:,}" if obj.has_salary else "Not published"


@admin.register(AreaOfPractice)
class AreaOfPracticeAdmin(ContentAdmin):
    preview_renderer = "careers.views.render_area"
    list_display = ["name", "order", "status", "updated_at", "page_links"]
    list_editable = ["order"]
    list_filter = ["status"]
    search_fields = ["name", "slug", "other_names", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["related_roles"]


@admin.register(GuidancePage)
class GuidancePageAdmin(ContentAdmin):
    preview_renderer = "careers.views.render_guidance_page"
    list_display = ["title", "slug", "status", "updated_at", "page_links"]
    list_filter = ["status"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
