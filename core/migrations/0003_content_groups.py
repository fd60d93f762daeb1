"""The two groups policy staff belong to: editors write content, publishers put it live."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Content editor"
PUBLISHER = "Content publisher"

CONTENT_MODELS = [
    ("core", "contentpage"),
    ("careers", "careerstage"),
    ("careers", "role"),
    ("careers", "areaofpractice"),
    ("careers", "guidancepage"),
    ("programmes", "provider"),
    ("programmes", "programmefamily"),
    ("programmes", "programme"),
    ("programmes", "applicationwindow"),
]


def _create_all_permissions(apps):
    # Permissions are normally made after every migration has run; make them now so the
    # groups can be given them in this migration.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permissions(apps, actions):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, model in CONTENT_MODELS:
        for action in actions:
            found.append(
                Permission.objects.get(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=f"{action}_{model}",
                )
            )
    return found


def create_groups(apps, schema_editor):
    _create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.set(_permissions(apps, ["add", "change", "view"]))
    publisher, _ = Group.objects.get_or_create(name=PUBLISHER)
    publish = Permission.objects.get(
        content_type__app_label="core", codename="publish_content"
    )
    publisher.permissions.set([*_permissions(apps, ["add", "change", "delete", "view"]), publish])


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, PUBLISHER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_publish_permission"),
        ("careers", "0001_initial"),
        ("programmes", "0002_link_checks_and_history"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
