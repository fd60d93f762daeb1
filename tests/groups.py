"""The staff groups and their permissions as the data migrations made them.

Tests with a live server empty the database when they finish. Django makes the models'
permissions again, but not the groups, nor permissions a migration made itself (such as
resetting a colleague's two-factor sign-in). So the groups are noted once, right after the
test database is migrated, and made again from that note for whatever test needs them next."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

# (group, app label, model, permission codename, permission name), as migrated.
_as_migrated: set[tuple[str, str, str, str, str]] = set()


def _group_permissions() -> set[tuple[str, str, str, str, str]]:
    return set(
        Group.permissions.through.objects.values_list(
            "group__name",
            "permission__content_type__app_label",
            "permission__content_type__model",
            "permission__codename",
            "permission__name",
        )
    )


def remember() -> None:
    _as_migrated.clear()
    _as_migrated.update(_group_permissions())


def ensure() -> None:
    """One query when the groups are intact, which is cheaper than making them again."""
    if _group_permissions() == _as_migrated:
        return
    Group.objects.all().delete()
    groups = {name: Group.objects.create(name=name) for name in {row[0] for row in _as_migrated}}
    for name, app_label, model, codename, permission_name in _as_migrated:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": permission_name}
        )
        groups[name].permissions.add(permission)
