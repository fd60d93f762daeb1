"""Putting content live and taking it down. Only publishers may do either."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied

from core.models import Publishable, Status

PUBLISH_PERMISSION = "core.publish_content"


def can_publish(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


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
