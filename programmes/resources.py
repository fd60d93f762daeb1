"""Programmes as a spreadsheet (CSV or Excel), for export and import in the admin."""

from import_export import fields

from careers.models import CareerStage, Role
from editorial.resources import ContentResource, SlugsWidget, SlugWidget
from programmes.models import Programme, ProgrammeFamily, Provider


class ProgrammeResource(ContentResource):
    provider = fields.Field(
        attribute="provider", column_name="provider", widget=SlugWidget(Provider)
    )
    family = fields.Field(
        attribute="family", column_name="family", widget=SlugWidget(ProgrammeFamily)
    )
    next_programme = fields.Field(
        attribute="next_programme", column_name="next_programme", widget=SlugWidget(Programme)
    )
    replaced_by = fields.Field(
        attribute="replaced_by", column_name="replaced_by", widget=SlugWidget(Programme)
    )
    stages = fields.Field(attribute="stages", column_name="stages", widget=SlugsWidget(CareerStage))
    roles = fields.Field(attribute="roles", column_name="roles", widget=SlugsWidget(Role))

    class Meta:
        model = Programme
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        # The confirm page lists only the rows the import changes.
        report_skipped = False
        fields = [
            "slug", "name", "status", "family", "provider", "summary", "audience", "eligibility",
            "duration", "time_commitment", "format", "location", "cost", "delivered_by",
            "intakes", "how_to_apply", "outcomes", "sign_up_url", "cta_text", "body",
            "next_programme", "stages", "roles", "order", "lifecycle", "starts_on", "ended_on",
            "how_to_join", "replaced_by", "what_to_do_instead", "facts_checked_on",
            "facts_source_url",
        ]  # fmt: skip
        export_order = fields
