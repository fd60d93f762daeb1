"""A database made before the editorial app existed keeps its changes waiting for a publisher,
its link checks, and the staff who could see them."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.models import ContentPage
from editorial.models import LinkCheck, PendingChange
from tests.migrating import migrate

BEFORE_THE_MOVE = [("core", "0012_help_text_on_the_model")]
OLD_LAYOUT = [*BEFORE_THE_MOVE, ("editorial", None)]


@pytest.mark.django_db(transaction=True)
def test_a_database_in_the_old_layout_keeps_its_rows_and_permissions():
    executor = migrate(OLD_LAYOUT)
    old = executor.loader.project_state(BEFORE_THE_MOVE).apps
    page = old.get_model("core", "ContentPage").objects.create(
        slug="accessibility", title="Accessibility", summary="s", body="b"
    )
    page_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="core", model="contentpage"
    )
    editor = old.get_model("auth", "User").objects.create(username="editor", is_staff=True)
    old.get_model("core", "PendingChange").objects.create(
        content_type=page_type, object_id=page.pk, form_data={"title": ["New"]}, author=editor
    )
    checked = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)
    old.get_model("core", "LinkCheck").objects.create(
        url="https://example.org/gone", is_broken=True, status_code=404, checked_at=checked
    )
    permission = old.get_model("auth", "Permission").objects.get(
        content_type__app_label="core", codename="view_linkcheck"
    )
    editor.user_permissions.add(permission)

    migrate(executor.loader.graph.leaf_nodes())

    change = PendingChange.objects.get()
    assert change.content_object == ContentPage.objects.get(slug="accessibility")
    assert change.form_data == {"title": ["New"]}
    assert change.author.username == "editor"
    link = LinkCheck.objects.get()
    assert (link.url, link.is_broken, link.status_code) == ("https://example.org/gone", True, 404)
    assert timezone.localtime(link.checked_at) == checked
    assert get_user_model().objects.get(username="editor").has_perm("editorial.view_linkcheck")
    assert not ContentType.objects.filter(app_label="core", model="linkcheck").exists()
