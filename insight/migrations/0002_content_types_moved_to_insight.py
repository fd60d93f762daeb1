"""The moved models' content types follow them to this app, so the permissions attached to
them (view_signup_insight, view_pagefeedback, ...) keep their ids, and staff and groups that
held them still do. Admin history that points at the content types follows too."""

from django.db import migrations

from core.moving_models import move_content_types

MOVED = [
    ("core", "pageview"),
    ("core", "pagefeedback"),
    ("programmes", "signupinsight"),
    ("programmes", "clickdaysummary"),
    ("programmes", "programmedaysummary"),
    ("programmes", "clickroutesummary"),
]


def forwards(apps, schema_editor):
    move_content_types(apps, [(app, "insight", model) for app, model in MOVED])


def backwards(apps, schema_editor):
    move_content_types(apps, [("insight", app, model) for app, model in MOVED])


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("insight", "0001_moved_models"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
