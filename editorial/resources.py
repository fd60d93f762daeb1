"""Import and export rules shared by every content spreadsheet (django-import-export).

An import is checked in full first (a dry run): every change and every row error is listed
before anything is saved, and a file with any error saves nothing."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from import_export import resources, widgets

from core.csv_export import restored_cell, safe_cell
from core.models import Status
from core.validators import validate_lowercase_slug
from editorial import publishing


class SlugWidget(widgets.ForeignKeyWidget):
    """A related object named by its page address, with a plain message when it is missing."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ObjectDoesNotExist:
            name = self.model._meta.verbose_name
            raise ValueError(f"There is no {name} with the page address '{value}'.") from None


class SlugsWidget(widgets.ManyToManyWidget):
    """Several related objects, as page addresses separated by commas."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        objects = super().clean(value, row, **kwargs)
        wanted = {slug.strip() for slug in str(value or "").split(",") if slug.strip()}
        missing = wanted - {obj.slug for obj in objects}
        if missing:
            name = self.model._meta.verbose_name_plural
            raise ValueError(
                f"There are no {name} with the page addresses: {', '.join(sorted(missing))}."
            )
        return objects


class ContentResource(resources.ModelResource):
    """Rows are matched by page address (slug). Checks every row the same way the admin
    form does, plus rules only a file can break: unknown columns and repeated addresses."""

    # django-import-export reads an empty cell of an optional CharField as "", but of an
    # optional TextField as None, which the database refuses: read text fields alike.
    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, models.TextField):
            return widgets.CharWidget
        return super().widget_from_django_field(f, default)

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, models.TextField) and django_field.blank:
            kwargs.update({"coerce_to_string": True, "allow_blank": True})
        return kwargs

    def before_import(self, dataset, **kwargs):
        self._user = kwargs.get("user")
        self._seen_slugs: set[str] = set()
        known = {field.column_name for field in self.get_import_fields()}
        headers = [header.strip() for header in dataset.headers or [] if header]
        unknown = [header for header in headers if header not in known]
        if unknown:
            raise ValueError(
                f"The file has columns this import does not know: {', '.join(unknown)}. "
                f"The columns you can use are: {', '.join(sorted(known))}."
            )
        if "slug" not in headers:
            raise ValueError("The file needs a 'slug' column: the page address of each row.")

    def export_field(self, field, instance, **kwargs):
        # Text a spreadsheet would run as a formula gets a leading apostrophe, which the
        # spreadsheet hides and the import below removes, so a round trip changes nothing.
        value = super().export_field(field, instance, **kwargs)
        # None stays empty in whichever format the editor chose.
        return None if value is None else safe_cell(value)

    def before_import_row(self, row, **kwargs):
        for key, value in list(row.items()):
            row[key] = restored_cell(value)
        # Before the unchanged-row shortcut, so a repeated row is caught even if identical.
        slug = str(row.get("slug") or "").strip()
        if slug in self._seen_slugs:
            raise ValidationError(
                {"slug": f"The page address '{slug}' is in the file more than once."}
            )
        self._seen_slugs.add(slug)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        slug = instance.slug or ""
        try:
            validate_lowercase_slug(slug)
        except ValidationError as error:
            errors.setdefault("slug", error)
        self._check_status(instance, errors)
        super().validate_instance(instance, errors, validate_unique)

    def _check_status(self, instance, errors: dict) -> None:
        if self._user is not None and publishing.can_publish(self._user):
            return
        stored = publishing.stored_status(instance)
        if instance.status != stored:
            errors.setdefault(
                "status",
                ValidationError(
                    f"Only content publishers can change the status. Leave it as '{stored}'."
                ),
            )
        elif stored == Status.PUBLISHED:
            # Unchanged rows never get here. A changed published row would go live at once,
            # skipping the publisher who checks editors' changes on the item's own page.
            name = instance._meta.verbose_name
            errors.setdefault(
                "status",
                ValidationError(
                    f"This {name} is published, so only content publishers can change it by "
                    f"import. Change it on its page instead: a publisher checks the change "
                    f"before the public sees it."
                ),
            )
