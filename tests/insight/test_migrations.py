"""A database made before the insight app existed moves over with all its rows: page views,
feedback, click summaries, and the staff who could see the dashboard."""

import datetime
import importlib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from careers.models import CareerStage, Role
from insight.models import ClickDaySummary, PageFeedback, PageView, ProgrammeDaySummary
from programmes.models import Programme
from tests.migrating import migrate

# The last migrations before page views, feedback and the summaries moved.
BEFORE_THE_MOVE = [
    ("core", "0009_bundled_content_revision"),
    ("programmes", "0009_programme_lifecycle"),
]
OLD_LAYOUT = [*BEFORE_THE_MOVE, ("insight", None)]
DAY = datetime.date(2026, 6, 1)


@pytest.mark.django_db(transaction=True)
def test_a_database_in_the_old_layout_keeps_its_rows_and_permissions():
    call_command("load_content", verbosity=0)
    stage = CareerStage.objects.order_by("pk").first()
    role = Role.objects.order_by("pk").first()
    programme = Programme.objects.order_by("pk").first()
    executor = migrate(OLD_LAYOUT)
    old = executor.loader.project_state(BEFORE_THE_MOVE).apps

    views = {
        "/": 5,
        stage.get_absolute_url(): 4,
        role.get_absolute_url(): 3,
        programme.get_absolute_url(): 2,
        "/explore-roles/a-role-since-removed/": 1,
        "/an-address-no-longer-in-use/": 6,
    }
    for path, n in views.items():
        old.get_model("core", "PageView").objects.create(path=path, date=DAY, views=n)
    old.get_model("core", "PageFeedback").objects.create(path="/", useful=False, comment="Hm")
    old.get_model("programmes", "ClickDaySummary").objects.create(date=DAY, visitors=7)
    old.get_model("programmes", "ProgrammeDaySummary").objects.create(
        date=DAY, programme_id=programme.pk, clicks=9, visitors=7
    )
    permission = old.get_model("auth", "Permission").objects.get(
        content_type__app_label="programmes", codename="view_signup_insight"
    )
    analyst = old.get_model("auth", "User").objects.create(username="analyst", is_staff=True)
    analyst.user_permissions.add(permission)
    group = old.get_model("auth", "Group").objects.create(name="Insight readers")
    group.permissions.add(permission)
    reader = old.get_model("auth", "User").objects.create(username="reader", is_staff=True)
    reader.groups.add(group)

    migrate(executor.loader.graph.leaf_nodes())

    named = {
        row.path: (row.url_name, row.content_object, row.views)
        for row in PageView.objects.filter(date=DAY)
    }
    assert named == {
        "/": ("careers:home", None, 5),
        stage.get_absolute_url(): ("careers:stage", stage, 4),
        role.get_absolute_url(): ("careers:role", role, 3),
        programme.get_absolute_url(): ("programmes:detail", programme, 2),
        # The address still names a role page, but no such role exists to join it to.
        "/explore-roles/a-role-since-removed/": ("careers:role", None, 1),
        "/an-address-no-longer-in-use/": ("", None, 6),
    }
    assert PageFeedback.objects.get().comment == "Hm"
    assert ClickDaySummary.objects.get().visitors == 7
    assert ProgrammeDaySummary.objects.get().programme == programme
    for username in ("analyst", "reader"):
        user = get_user_model().objects.get(username=username)
        assert user.has_perm("insight.view_signup_insight"), username
    assert not ContentType.objects.filter(app_label="core", model="pageview").exists()


BEFORE_THE_GROUPS = [("insight", "0005_feedback_read")]


def _permissions(group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


@pytest.mark.django_db(transaction=True)
def test_the_staff_groups_migration_adds_to_groups_changed_by_hand_and_goes_back():
    executor = migrate(BEFORE_THE_GROUPS)
    old = executor.loader.project_state(BEFORE_THE_GROUPS).apps
    groups = importlib.import_module("core.migrations.0003_content_groups")
    groups.create_groups(old, None)  # as they were made; an earlier test may have emptied them
    Group = old.get_model("auth", "Group")
    Permission = old.get_model("auth", "Permission")
    # A superuser gave editors deleting programmes, took viewing roles away from them, and
    # made an "Analyst" group of their own that may see the list of users.
    editor = Group.objects.get(name="Content editor")
    editor.permissions.add(Permission.objects.get(codename="delete_programme"))
    editor.permissions.remove(Permission.objects.get(codename="view_role"))
    analyst = Group.objects.create(name="Analyst")
    analyst.permissions.add(Permission.objects.get(codename="view_user"))

    executor = migrate(executor.loader.graph.leaf_nodes())

    editor, publisher, analyst = (
        _permissions(Group.objects.get(name=name))
        for name in ("Content editor", "Content publisher", "Analyst")
    )
    insight = {"insight.view_signup_insight", "insight.view_pagefeedback"}
    assert insight | {"insight.change_pagefeedback", "programmes.delete_programme"} <= editor
    assert "careers.view_role" not in editor  # taken away by hand: left so
    assert insight | {"insight.change_pagefeedback", "core.publish_content"} <= publisher
    assert insight | {"careers.view_role", "programmes.view_programme", "auth.view_user"} <= (
        analyst
    )
    assert {p for p in analyst if not p.split(".")[1].startswith("view_")} == set()

    # Running it again changes nothing.
    importlib.import_module("insight.migrations.0006_staff_groups").give_permissions(old, None)
    assert _permissions(Group.objects.get(name="Analyst")) == analyst

    migrate(BEFORE_THE_GROUPS)
    assert not Group.objects.filter(name="Analyst").exists()
    editor_after = _permissions(Group.objects.get(name="Content editor"))
    assert "programmes.delete_programme" in editor_after
    assert not insight & editor_after
    migrate(executor.loader.graph.leaf_nodes())
