"""A database made before the insight app existed moves over with all its rows: page views,
feedback, click summaries, and the staff who could see the dashboard."""

import datetime

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
