"""Loading the content files bundled with the site into the database."""

import datetime
from pathlib import Path

import yaml
from django.db import models


def read_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def as_lines(items: list[str] | None) -> str:
    """Lists in the content files become the one-item-per-line text editors work with."""
    return "\n".join(items or [])


def as_date(value) -> datetime.date | None:
    """Dates in the content files, written 2027-09-01."""
    return datetime.date.fromisoformat(str(value)) if value else None


def overwrite_for_revision(*, name: str, content: dict, overwrite: bool) -> bool:
    """Whether to replace existing items with the bundled ones: when asked to, or once when
    a release ships the file with a higher `revision` than this database last loaded, so
    facts that went out of date are put right in place (same addresses, history kept)."""
    from core.models import BundledContentRevision

    revision = int(content.get("revision") or 0)
    stored, _ = BundledContentRevision.objects.get_or_create(name=name)
    if revision <= stored.revision:
        return overwrite
    stored.revision = revision
    stored.save(update_fields=["revision"])
    return True


def save_by_slug(
    model: type[models.Model], *, slug: str, fields: dict, overwrite: bool
) -> tuple[models.Model, bool]:
    """Create the object if it is missing. Existing objects keep editors' changes unless
    overwrite is set. Returns the object and whether it was written."""
    obj = model.objects.filter(slug=slug).first()
    if obj is not None and not overwrite:
        return obj, False
    obj = obj or model(slug=slug)
    for name, value in fields.items():
        setattr(obj, name, value)
    # Shown in the item's history, so editors can tell a release's update from a colleague's.
    obj._change_reason = "Bundled content loaded"
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save()
    return obj, True
