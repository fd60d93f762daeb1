"""Who may change standards and role requirements. Editors may remove a requirement from a
role, because the role's change waits for a publisher like any other; only publishers delete
standards, as many roles' pages name them."""

import importlib

from django.db import migrations

EDITOR = "Content editor"
PUBLISHER = "Content publisher"
MODELS = ["standard", "requirement"]
EDITOR_ACTIONS = [("standard", "add"), ("standard", "change"), ("standard", "view")] + [
    ("requirement", action) for action in ("add", "change", "delete", "view")
]

ALL_ACTIONS = [
    (model, action) for model in MODELS for action in ("add", "change", "delete", "view")
]


def _permissions(apps, pairs):
    # Permissions are normally made after every migration has run; make them now.
    groups = importlib.import_module("core.migrations.0003_content_groups")
    groups._create_all_permissions(apps)
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="careers",
        codename__in=[f"{action}_{model}" for model, action in pairs],
    )


def give_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for editor in Group.objects.filter(name=EDITOR):
        editor.permissions.add(*_permissions(apps, EDITOR_ACTIONS))
    for publisher in Group.objects.filter(name=PUBLISHER):
        publisher.permissions.add(*_permissions(apps, ALL_ACTIONS))


def take_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[EDITOR, PUBLISHER]):
        group.permissions.remove(*_permissions(apps, ALL_ACTIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0007_role_requirements"),
        ("core", "0008_shared_details_changed_by_publishers"),
    ]

    operations = [migrations.RunPython(give_permissions, take_permissions)]
