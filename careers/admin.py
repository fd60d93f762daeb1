"""Admin for career stages, roles, areas of practice and guidance pages."""

from django.contrib import admin
from import_export.formats.base_formats import CSV, XLSX

from careers.models import AreaOfPractice, CareerStage, GuidancePage, Requirement, Role, Standard
from careers.resources import RoleResource
from core.models import Status
from editorial.admin_base import (
    ContentAdmin,
    ContentImportExportMixin,
    EditorAdmin,
    FactsCheckFilter,
)
from editorial.publishing import can_publish


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


class RequirementInline(admin.StackedInline):
    """What a person in the role must show. Saved with the role, so an editor's change to a
    published role's requirements waits for a publisher with the rest of the change."""

    model = Requirement
    extra = 1
    fields = ["statement", "standard", "standard_reference", "how_to_show", "order"]
    verbose_name = "requirement (what you need to show)"
    verbose_name_plural = "requirements (what you need to show)"


@admin.register(Requirement)
class RequirementAdmin(EditorAdmin):
    """Every requirement in one list, with each one's history. Requirements of a published
    role change on the role's own page, where an editor's change waits for a publisher, so
    here editors may only change those of draft roles."""

    list_display = ["statement", "role", "standard", "order"]
    list_filter = ["standard", "role__stage"]
    list_select_related = ["role", "standard"]
    search_fields = ["statement", "how_to_show", "role__title"]
    fields = ["role", "statement", "standard", "standard_reference", "how_to_show", "order"]

    def _published_role_for_editor(self, request, obj) -> bool:
        return obj is not None and obj.role.is_published and not can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        if self._published_role_for_editor(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._published_role_for_editor(request, obj):
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "role" and not can_publish(request.user):
            kwargs["queryset"] = Role.objects.filter(status=Status.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Standard)
class StandardAdmin(ContentAdmin):
    preview_renderer = "careers.views.render_standard"
    list_display = ["name", "order", "status", "updated_at"]
    list_editable = ["order"]
    list_filter = ["status"]
    search_fields = ["name", "slug", "summary", "url"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["status", "name", "slug", "url", "summary", "order"]


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
    inlines = [RequirementInline]
    # Listed, because fields shared with other models would otherwise come first.
    fields = [
        "status", "title", "slug", "stage", "other_names", "summary", "salary_from",
        "salary_to", "salary_source", "salary_source_url", "salary_source_year", "salary_note",
        "experience", "tasks", "skills", "how_to_get", "working_with", "next_roles", "path",
        "jobs", "interview_questions", "questions_to_ask", "see_also", "order",
        "facts_checked_on", "facts_source_url",
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


@admin.register(GuidancePage)
class GuidancePageAdmin(ContentAdmin):
    preview_renderer = "careers.views.render_guidance_page"
    list_display = ["title", "slug", "status", "updated_at", "page_links"]
    list_filter = ["status"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
