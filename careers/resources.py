"""Roles as a spreadsheet (CSV or Excel), for export and import in the admin."""

from import_export import fields

from careers.models import CareerStage, Role
from editorial.resources import ContentResource, SlugsWidget, SlugWidget


class RoleResource(ContentResource):
    stage = fields.Field(attribute="stage", column_name="stage", widget=SlugWidget(CareerStage))
    next_roles = fields.Field(
        attribute="next_roles", column_name="next_roles", widget=SlugsWidget(Role)
    )

    class Meta:
        model = Role
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        # The confirm page lists only the rows the import changes.
        report_skipped = False
        fields = [
            "slug", "title", "status", "stage", "other_names", "summary", "salary_from",
            "salary_to", "experience", "tasks", "skills", "how_to_get", "working_with",
            "next_roles", "jobs", "order", "salary_source", "salary_source_url",
            "salary_source_year", "salary_note", "facts_checked_on", "facts_source_url",
        ]  # fmt: skip
        export_order = fields
