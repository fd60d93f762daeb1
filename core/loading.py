"""Loading the content files bundled with the site into the database."""

from pathlib import Path

import yaml
from django.db import models


def read_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def as_lines(items: list[str] | None) -> str:
    """Lists in the content files become the one-item-per-line text editors work with."""
    return "\n".join(items or [])


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
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save()
    return obj, True
