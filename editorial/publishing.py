"""Putting content live and taking it down. Only publishers may do either."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied

from core.models import Publishable, Status

PUBLISH_PERMISSION = "core.publish_content"


def can_publish(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def stored_status(obj: Publishable) -> str:
    """The status as saved, whatever a form or a file now says: what an editor, who may not
    change it, must leave it as. Something not saved yet is a draft."""
    if obj.pk is None:
        return Status.DRAFT
    stored = type(obj)._default_manager.filter(pk=obj.pk).values_list("status", flat=True)
    return stored.first() or Status.DRAFT


def set_status(*, objects: Iterable[Publishable], status: str, user) -> int:
    """Set the status of each object, one save each so history records who did it and the
    content version moves on. Returns how many objects changed."""
    if not can_publish(user):
        raise PermissionDenied("Only content publishers can publish or unpublish.")
    changed = 0
    for obj in objects:
        if obj.status == status:
            continue
        obj.status = status
        obj._history_user = user
        obj.save()
        changed += 1
    return changed


def publish(*, objects: Iterable[Publishable], user) -> int:
    return set_status(objects=objects, status=Status.PUBLISHED, user=user)


def unpublish(*, objects: Iterable[Publishable], user) -> int:
    return set_status(objects=objects, status=Status.DRAFT, user=user)
