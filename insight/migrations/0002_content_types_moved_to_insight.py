"""The moved models' content types follow them to this app, so the permissions attached to
them (view_signup_insight, view_pagefeedback, ...) keep their ids, and staff and groups that
held them still do. Admin history that points at the content types follows too."""

from django.contrib.contenttypes.models import ContentType as LiveContentType
from django.db import migrations

MOVED = [
    ("core", "pageview"),
    ("core", "pagefeedback"),
    ("programmes", "signupinsight"),
    ("programmes", "clickdaysummary"),
    ("programmes", "programmedaysummary"),
    ("programmes", "clickroutesummary"),
]


def _move(apps, moves):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for old_app, new_app, model in moves:
        old = ContentType.objects.filter(app_label=old_app, model=model).first()
        if old is None:
            continue  # a new database: Django makes the content type after migrating
        new = ContentType.objects.filter(app_label=new_app, model=model).first()
        if new is None:
            old.app_label = new_app
            old.save(update_fields=["app_label"])
            continue
        # Both exist (Django made the new one before this ran): keep the new one and give its
        # permissions to everyone who held the old ones.
        for permission in Permission.objects.filter(content_type=old):
            target = Permission.objects.filter(content_type=new, codename=permission.codename).first()
            if target is None:
                permission.content_type = new
                permission.save(update_fields=["content_type"])
                continue
            for group in permission.group_set.all():
                group.permissions.add(target)
            for user in permission.user_set.all():
                user.user_permissions.add(target)
            permission.delete()
        old.delete()
    LiveContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _move(apps, [(app, "insight", model) for app, model in MOVED])


def backwards(apps, schema_editor):
    _move(apps, [("insight", app, model) for app, model in MOVED])


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("insight", "0001_moved_models"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
