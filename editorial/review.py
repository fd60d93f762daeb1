"""Changes to published content that wait for a publisher before the public sees them."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import QueryDict

from editorial.models import PendingChange

# Parts of a posted change form that are buttons or protection, not content.
NOT_CONTENT = {"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_saveasnew", "_preview"}


class UnreadableChange(ValueError):
    """The stored form data is not a mapping of field names to lists of text."""


def waiting_change(obj: models.Model) -> PendingChange | None:
    return (
        PendingChange.objects.select_related("author")
        .filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
        .first()
    )


def hold(*, obj: models.Model, posted: QueryDict, author) -> PendingChange:
    """Keep an editor's change to `obj` for a publisher. It replaces any change already
    waiting for `obj`, so there is only ever one to review."""
    form_data = {name: posted.getlist(name) for name in posted if name not in NOT_CONTENT}
    change, _ = PendingChange.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        defaults={"form_data": form_data, "author": author},
    )
    return change


def form_data(change: PendingChange) -> QueryDict:
    """The change as the editor posted it, ready to bind to the admin form again."""
    stored = change.form_data
    if not isinstance(stored, dict) or not all(
        isinstance(values, list) and all(isinstance(value, str) for value in values)
        for values in stored.values()
    ):
        raise UnreadableChange("The waiting change is not in the form the admin saves.")
    data = QueryDict(mutable=True)
    for name, values in stored.items():
        data.setlist(name, values)
    return data


def readable(change: PendingChange) -> bool:
    try:
        form_data(change)
    except UnreadableChange:
        return False
    return True
