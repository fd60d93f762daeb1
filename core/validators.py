"""Rules for content that the admin and the importer both apply."""

from django.core.exceptions import ValidationError


def validate_lowercase_slug(value: str) -> None:
    if value != value.lower():
        raise ValidationError(
            "The page address must be in lower case, for example 'practice-supervisor'."
        )
