"""Who may do what: editors write, publishers put content live."""

import pytest
from django.contrib.auth.models import Group

from core.models import Status
from programmes.models import Programme
from tests.admin.conftest import ADMIN, change_url, form_data

CHANGELIST = f"{ADMIN}/programmes/programme/"


@pytest.mark.django_db
def test_groups_are_created_with_the_right_permissions():
    editor = set(
        Group.objects.get(name="Content editor").permissions.values_list("codename", flat=True)
    )
    publisher = set(
        Group.objects.get(name="Content publisher").permissions.values_list("codename", flat=True)
    )
    assert {"add_programme", "change_programme", "view_role", "view_linkcheck"} <= editor
    assert "publish_content" not in editor and "delete_programme" not in editor
    assert {"add_provider", "view_provider", "add_programmefamily"} <= editor
    assert not {"change_provider", "change_programmefamily"} & editor
    assert {"publish_content", "delete_programme", "change_role"} <= publisher


def test_editor_has_no_publish_action(editor_client, programme):
    html = editor_client.get(CHANGELIST).content.decode()
    assert "publish_selected" not in html


def test_publisher_has_publish_actions(publisher_client, programme):
    html = publisher_client.get(CHANGELIST).content.decode()
    assert "publish_selected" in html and "unpublish_selected" in html


def test_editor_cannot_publish_through_the_action(editor_client, draft_programme):
    editor_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [draft_programme.pk]}
    )
    draft_programme.refresh_from_db()
    assert draft_programme.status == Status.DRAFT


def test_editor_sees_status_but_cannot_change_it(editor_client, draft_programme):
    response = editor_client.get(change_url(draft_programme))
    assert "status" not in response.context["adminform"].form.fields
    data = form_data(editor_client, draft_programme)
    data.update(status="published", eligibility="Changed by an editor.")
    response = editor_client.post(change_url(draft_programme), data)
    assert response.status_code == 302
    draft_programme.refresh_from_db()
    assert draft_programme.eligibility == "Changed by an editor."
    assert draft_programme.status == Status.DRAFT


def test_editor_cannot_delete(editor_client, programme):
    response = editor_client.get(f"{ADMIN}/programmes/programme/{programme.pk}/delete/")
    assert response.status_code == 403
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_editor_cannot_manage_users(editor_client):
    assert editor_client.get(f"{ADMIN}/auth/user/").status_code == 403


def test_publisher_publishes_and_the_public_sees_it_at_once(publisher_client, draft_programme):
    public = draft_programme.get_absolute_url()
    assert publisher_client.get(public).status_code == 404
    publisher_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [draft_programme.pk]}
    )
    assert publisher_client.get(public).status_code == 200
    publisher_client.post(
        CHANGELIST, {"action": "unpublish_selected", "_selected_action": [draft_programme.pk]}
    )
    assert publisher_client.get(public).status_code == 404


def test_publisher_can_publish_from_the_change_form(publisher_client, draft_programme):
    data = form_data(publisher_client, draft_programme)
    data["status"] = "published"
    assert publisher_client.post(change_url(draft_programme), data).status_code == 302
    draft_programme.refresh_from_db()
    assert draft_programme.status == Status.PUBLISHED


def test_signed_out_visitors_are_sent_to_sign_in(client, programme):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("name", ["provider", "family"])
def test_only_publishers_change_providers_and_families(
    editor_client, publisher_client, programme, name
):
    """They have no draft: a change shows on every programme page that names them at once."""
    shared = getattr(programme, name)
    url = change_url(shared)
    assert editor_client.get(url).status_code == 200  # editors may still look
    html = editor_client.get(url).content.decode()
    assert 'name="_save"' not in html
    data = form_data(publisher_client, shared)
    data["name"] = "Renamed by an editor"
    assert editor_client.post(url, data).status_code == 403
    shared.refresh_from_db()
    assert shared.name != "Renamed by an editor"

    data["name"] = "Renamed by a publisher"
    assert publisher_client.post(url, data).status_code == 302
    shared.refresh_from_db()
    assert shared.name == "Renamed by a publisher"
    page = publisher_client.get(programme.get_absolute_url()).content.decode()
    assert "Renamed by a publisher" in page


def test_editors_can_still_add_providers(editor_client):
    assert editor_client.get(f"{ADMIN}/programmes/provider/add/").status_code == 200
