"""Policy staff run the service themselves: editors and publishers see the insight dashboard
and page feedback (and mark feedback read), and a new "Analyst" group sees the dashboard,
the feedback and all the content, and downloads them, but changes nothing.

Groups may have been changed by hand since they were made, so this only adds: a permission
a superuser gave or took away stays as it is, except those named here, which are given.
Going back takes away only what is named here and removes the Analyst group."""

import importlib

from django.db import migrations

EDITOR = "Content editor"
PUBLISHER = "Content publisher"
ANALYST = "Analyst"

# (app label, codename). "change_pagefeedback" only marks feedback read: the answers
# themselves are never changed (insight.admin.PageFeedbackAdmin).
INSIGHT = [
    ("insight", "view_signup_insight"),
    ("insight", "view_pagefeedback"),
    ("insight", "change_pagefeedback"),
]

# What an analyst sees. Seeing content is what lets them download it: a content export is
# allowed to whoever may see the list (editorial.admin_base.ContentImportExportMixin).
ANALYST_VIEWS = [
    ("insight", "view_signup_insight"),
    ("insight", "view_pagefeedback"),
    ("core", "view_contentpage"),
    ("editorial", "view_linkcheck"),
    ("careers", "view_careerstage"),
    ("careers", "view_role"),
    ("careers", "view_requirement"),
    ("careers", "view_standard"),
    ("careers", "view_areaofpractice"),
    ("careers", "view_guidancepage"),
    ("programmes", "view_provider"),
    ("programmes", "view_programmefamily"),
    ("programmes", "view_programme"),
    ("programmes", "view_applicationwindow"),
]

GIVEN = {EDITOR: INSIGHT, PUBLISHER: INSIGHT, ANALYST: ANALYST_VIEWS}


def _permissions(apps, pairs) -> list[int]:
    # Ids, not objects: while migrating backwards the state can hold more than one
    # Permission class, and a group's permissions take only their own.
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.values_list("pk", flat=True).get(
            content_type__app_label=app_label, codename=codename
        )
        for app_label, codename in pairs
    ]


def give_permissions(apps, schema_editor):
    # Permissions are normally made after every migration has run; make them now.
    importlib.import_module("core.migrations.0003_content_groups")._create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    for name, pairs in GIVEN.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, pairs))


def take_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=ANALYST).delete()
    for group in Group.objects.filter(name__in=[EDITOR, PUBLISHER]):
        group.permissions.remove(*_permissions(apps, INSIGHT))


class Migration(migrations.Migration):
    dependencies = [
        ("insight", "0005_feedback_read"),
        ("core", "0011_reset_two_factor_permission"),
        ("editorial", "0002_content_types_moved_to_editorial"),
        ("careers", "0008_requirements_permissions"),
        ("programmes", "0010_insight_models_moved_to_insight"),
    ]

    operations = [migrations.RunPython(give_permissions, take_permissions)]
