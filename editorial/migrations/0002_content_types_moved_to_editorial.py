"""The moved models' content types follow them to this app (core.moving_models)."""

from django.db import migrations

from core.moving_models import move_content_types

MOVED = ["pendingchange", "linkcheck"]


def forwards(apps, schema_editor):
    move_content_types(apps, [("core", "editorial", model) for model in MOVED])


def backwards(apps, schema_editor):
    move_content_types(apps, [("editorial", "core", model) for model in MOVED])


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0001_moved_models"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
