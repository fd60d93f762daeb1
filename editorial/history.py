"""Versions of content for the admin's history page: readable differences between them, one
version per admin save, and the related items (stages, roles) each version had."""

import difflib

from django.db import models
from django.utils.html import format_html, format_html_join
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_field_name, get_m2m_reverse_field_name

from core.models import HISTORY

SHORT_TEXT = 120


class ReadableDiff(HistoricalRecordContextHelper):
    """Short values show as 'old -> new'. Long or multi-line text shows only the lines that
    changed: the removed lines on the left of the arrow, the added lines on the right. Lists of
    related items (stages, roles) show as names in alphabetical order."""

    def stringify_delta_change_values(self, change, old, new):
        if isinstance(old, list) and isinstance(new, list):
            return _names(old), _names(new)
        if not (isinstance(old, str) and isinstance(new, str)) or _is_short(old, new):
            return super().stringify_delta_change_values(change, old, new)
        removed, added = changed_lines(old, new)
        return _lines_html(removed), _lines_html(added)


def _is_short(old: str, new: str) -> bool:
    return "\n" not in old + new and max(len(old), len(new)) <= SHORT_TEXT


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("- ") and line[2:].strip():
            removed.append(line[2:])
        elif line.startswith("+ ") and line[2:].strip():
            added.append(line[2:])
    return removed, added


def _lines_html(lines: list[str]):
    if not lines:
        return format_html("<em>{}</em>", "(nothing)")
    return format_html_join("", "<div>{}</div>", ((line,) for line in lines))


def _names(items: list):
    if not items:
        return format_html("<em>{}</em>", "(none)")
    return ", ".join(sorted(str(item) for item in items))


def relation_fields(model: type[models.Model]) -> list[models.ManyToManyField]:
    """The many-to-many fields whose choices history keeps, for example a programme's stages."""
    return [model._meta.get_field(name) for name in getattr(model, "_history_m2m_fields", [])]


def record_version(obj: models.Model, *, created: bool) -> None:
    """Write one version of a piece of content, with its related items as they are now."""
    HISTORY.create_historical_record(obj, "+" if created else "~")


def relations_in_version(record) -> dict[str, list[int]]:
    """The ids of the related items a version had, by field name."""
    relations = {}
    for field in relation_fields(record.instance_type):
        target = f"{get_m2m_reverse_field_name(field)}_id"
        relations[field.name] = list(getattr(record, field.name).values_list(target, flat=True))
    return relations


def fill_relation_history(apps, app_label: str, model_name: str, field_name: str) -> None:
    """For a data migration: give every version saved before history kept `field_name` the
    related items the content has now. Nothing is known about them before, and a revert to an
    older version then leaves them as they are, as it did before."""
    model = apps.get_model(app_label, model_name)
    through = getattr(model, field_name).through
    field = model._meta.get_field(field_name)
    source = f"{get_m2m_field_name(field)}_id"
    target = f"{get_m2m_reverse_field_name(field)}_id"
    current: dict[int, list[tuple[int, int]]] = {}
    for row_id, source_id, target_id in through.objects.values_list("id", source, target):
        current.setdefault(source_id, []).append((row_id, target_id))
    versions = apps.get_model(app_label, f"Historical{model_name}")
    kept = apps.get_model(app_label, f"Historical{model_name}_{field_name}")
    rows = [
        kept(id=row_id, history_id=history_id, **{source: object_id, target: target_id})
        for history_id, object_id in versions.objects.values_list("history_id", "id")
        for row_id, target_id in current.get(object_id, [])
    ]
    kept.objects.bulk_create(rows, batch_size=1000)
