"""Preview: staff see any object as the public page renders it, drafts included."""

import pytest

from careers.models import AreaOfPractice, CareerStage, GuidancePage, Role
from core.models import ContentPage, Status
from programmes.models import Programme
from tests.admin.conftest import ADMIN, change_url, form_data

DRAFT = "This page is not published."
CHANGES = "You are previewing your changes. The published page has not changed yet."
PUBLISHED = "This is the published page, as the public sees it."
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
    assert DRAFT in html
    assert str(obj) in html
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-cache" in response["Cache-Control"]


def test_drafts_are_hidden_from_the_public(client, draft_programme):
    assert client.get(draft_programme.get_absolute_url()).status_code == 404
    html = client.get("/development-programmes/").content.decode()
    assert draft_programme.name not in html


def test_public_page_has_no_preview_banner(client, programme):
    html = client.get(programme.get_absolute_url()).content.decode()
    assert "app-preview-banner" not in html
    assert PUBLISHED not in html


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
    assert CHANGES in html
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


def banners(html: str) -> int:
    return html.count('class="govuk-notification-banner__header"')


def test_the_saved_version_of_a_published_page_says_it_is_the_published_page(
    editor_client, programme
):
    html = editor_client.get(preview_url(programme)).content.decode()
    assert PUBLISHED in html and DRAFT not in html and CHANGES not in html


def test_a_programme_preview_has_one_banner_saying_everything(editor_client, draft_programme):
    html = editor_client.get(preview_url(draft_programme)).content.decode()
    assert banners(html) == 1
    assert DRAFT in html
    assert "The apply button goes straight to the provider and is not counted." in html


def test_unsaved_changes_to_a_draft_say_it_is_not_published(editor_client, draft_programme):
    data = form_data(editor_client, draft_programme)
    data.update(eligibility="New eligibility for the draft.", _preview="Preview")
    html = editor_client.post(change_url(draft_programme), data).content.decode()
    assert "New eligibility for the draft." in html
    assert DRAFT in html and banners(html) == 1


def test_a_published_role_in_a_draft_stage_says_the_public_cannot_see_it(
    editor_client, site_content
):
    role = Role.objects.filter(status=Status.PUBLISHED).select_related("stage").first()
    CareerStage.objects.filter(pk=role.stage_id).update(status=Status.DRAFT)
    html = editor_client.get(preview_url(role)).content.decode()
    assert "This page is published, but the public cannot see it yet." in html
