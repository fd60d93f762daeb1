"""Preview: staff see any object as the public page renders it, drafts included."""

import pytest

from careers.models import AreaOfPractice, CareerStage, GuidancePage, Role
from core.models import ContentPage, Status
from programmes.models import Programme
from tests.admin.conftest import ADMIN, change_url, form_data

BANNER = "Preview - this page is not published"
CONTENT_MODELS = [ContentPage, CareerStage, Role, AreaOfPractice, GuidancePage, Programme]


def preview_url(obj) -> str:
    return f"{ADMIN}/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/preview/"


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda m: m.__name__)
def test_every_content_model_previews_a_draft_with_the_banner(editor_client, site_content, model):
    obj = model.objects.first()
    model.objects.filter(pk=obj.pk).update(status=Status.DRAFT)
    response = editor_client.get(preview_url(obj))
    html = response.content.decode()
    assert response.status_code == 200
    assert BANNER in html
    assert str(obj) in html
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-cache" in response["Cache-Control"]


def test_drafts_are_hidden_from_the_public(client, draft_programme):
    assert client.get(draft_programme.get_absolute_url()).status_code == 404
    html = client.get("/development-programmes/").content.decode()
    assert draft_programme.name not in html


def test_public_page_has_no_preview_banner(client, programme):
    assert BANNER not in client.get(programme.get_absolute_url()).content.decode()


def test_preview_needs_a_staff_sign_in(client, draft_programme):
    response = client.get(preview_url(draft_programme))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_preview_of_a_missing_object_is_not_found(editor_client, site_content):
    assert editor_client.get(f"{ADMIN}/programmes/programme/99999/preview/").status_code in (
        302,
        404,
    )


def test_change_page_links_to_preview_and_public_page(editor_client, programme):
    html = editor_client.get(change_url(programme)).content.decode()
    assert preview_url(programme) in html
    assert programme.get_absolute_url() in html
    assert 'name="_preview"' in html


def test_preview_unsaved_changes_renders_them_and_saves_nothing(editor_client, programme):
    versions = programme.history.count()
    data = form_data(editor_client, programme)
    data.update(eligibility="Only people who read previews.", _preview="Preview")
    response = editor_client.post(change_url(programme), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Only people who read previews." in html
    assert BANNER in html
    programme.refresh_from_db()
    assert programme.eligibility != "Only people who read previews."
    assert programme.history.count() == versions


def test_preview_of_a_new_unsaved_programme(editor_client, programme):
    data = form_data(editor_client, programme)
    data.update(name="A brand new programme", slug="brand-new", _preview="Preview")
    for key in [k for k in data if k.startswith("windows-")]:
        del data[key]
    data.update({"windows-TOTAL_FORMS": "0", "windows-INITIAL_FORMS": "0"})
    response = editor_client.post(f"{ADMIN}/programmes/programme/add/", data)
    assert response.status_code == 200
    assert "A brand new programme" in response.content.decode()
    assert not Programme.objects.filter(slug="brand-new").exists()


def test_preview_with_errors_shows_the_form_again(editor_client, programme):
    data = form_data(editor_client, programme)
    data.update(sign_up_url="http://insecure.example", _preview="Preview")
    response = editor_client.post(change_url(programme), data)
    assert response.status_code == 200
    assert "must start with https://" in response.content.decode()
