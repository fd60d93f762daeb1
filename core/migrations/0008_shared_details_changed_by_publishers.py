"""Providers and programme families appear on every programme page that names them, and have
no draft of their own, so a change to one goes live at once: only publishers make those.
Editors can still add new ones (nothing shows them until a programme uses them)."""

from django.db import migrations

EDITOR = "Content editor"
LIVE_AT_ONCE = [("programmes", "provider"), ("programmes", "programmefamily")]


def _change_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="programmes",
        codename__in=[f"change_{model}" for _, model in LIVE_AT_ONCE],
    )


def leave_to_publishers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for editor in Group.objects.filter(name=EDITOR):
        editor.permissions.remove(*_change_permissions(apps))


def give_back_to_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for editor in Group.objects.filter(name=EDITOR):
        editor.permissions.add(*_change_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_pendingchange"),
        ("programmes", "0008_merge_20261125_1755"),
    ]

    operations = [migrations.RunPython(leave_to_publishers, give_back_to_editors)]
