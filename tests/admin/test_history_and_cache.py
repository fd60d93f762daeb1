"""Every change is attributable and reversible; every change invalidates cached pages."""

from core.cache import content_version
from core.models import Status
from programmes.models import ApplicationWindow, Programme, Provider
from tests.admin.conftest import ADMIN, change_url, form_data


def edit_eligibility(client, programme, text):
    data = form_data(client, programme)
    data["eligibility"] = text
    response = client.post(change_url(programme), data)
    assert response.status_code == 302


def test_history_records_who_changed_what(editor_client, editor, draft_programme):
    programme = draft_programme
    edit_eligibility(editor_client, programme, "Anyone in a local authority.")
    latest = programme.history.first()
    assert latest.history_user == editor
    assert latest.eligibility == "Anyone in a local authority."
    html = editor_client.get(f"{change_url(programme)[:-7]}history/").content.decode()
    assert "editor" in html
    assert "Anyone in a local authority." in html  # the diff shows the new text


def test_history_page_shows_a_readable_diff(editor_client, draft_programme):
    programme = draft_programme
    old = programme.eligibility
    edit_eligibility(editor_client, programme, "Only practice supervisors.")
    html = editor_client.get(f"{change_url(programme)[:-7]}history/").content.decode()
    assert "Eligibility" in html or "eligibility" in html
    assert "Only practice supervisors." in html
    assert old[:30] in html


def test_revert_restores_an_earlier_version(publisher_client, programme):
    original = programme.eligibility
    edit_eligibility(publisher_client, programme, "A mistake.")
    earlier = programme.history.filter(eligibility=original).first()
    revert_url = f"{ADMIN}/programmes/programme/{programme.pk}/history/{earlier.history_id}/"
    data = form_data(publisher_client, programme)
    data["eligibility"] = original
    before = content_version()
    response = publisher_client.post(revert_url, data)
    assert response.status_code == 302
    assert content_version() > before
    programme.refresh_from_db()
    assert programme.eligibility == original
    assert (
        publisher_client.get(programme.get_absolute_url()).content.decode().count("A mistake.") == 0
    )


def test_an_editor_reverting_never_changes_the_status(editor_client, programme):
    published_version = programme.history.first()
    Programme.objects.filter(pk=programme.pk).update(status=Status.DRAFT)
    revert_url = (
        f"{ADMIN}/programmes/programme/{programme.pk}/history/{published_version.history_id}/"
    )
    page = editor_client.get(revert_url)
    assert page.status_code == 200
    data = form_data(editor_client, programme)
    editor_client.post(revert_url, data)
    programme.refresh_from_db()
    assert programme.status == Status.DRAFT


def test_providers_and_windows_have_history(publisher, programme):
    provider = programme.provider
    provider.description = "Changed."
    provider.save()
    assert provider.history.count() >= 2
    window = ApplicationWindow.objects.create(
        programme=programme, opens_on="2027-01-01", closes_on="2027-02-01"
    )
    assert window.history.count() == 1


def test_publishing_moves_the_content_version_on(publisher_client, draft_programme):
    before = content_version()
    publisher_client.post(
        f"{ADMIN}/programmes/programme/",
        {"action": "publish_selected", "_selected_action": [draft_programme.pk]},
    )
    assert content_version() > before


def test_saving_deleting_and_relating_content_move_the_version_on(programme):
    before = content_version()
    programme.save()
    after_save = content_version()
    assert after_save > before
    programme.stages.clear()
    after_m2m = content_version()
    assert after_m2m > after_save
    Provider.objects.create(name="New", slug="new", website="https://example.org/", description="x")
    assert content_version() > after_m2m
    before_delete = content_version()
    ApplicationWindow.objects.create(
        programme=programme, opens_on="2027-01-01", closes_on="2027-02-01"
    ).delete()
    assert content_version() > before_delete


def test_long_text_diffs_show_only_the_changed_lines(editor_client, draft_programme):
    programme = draft_programme
    data = form_data(editor_client, programme)
    data["body"] = data["body"] + "\n\n## A new closing section"
    editor_client.post(change_url(programme), data)
    html = editor_client.get(f"{change_url(programme)[:-7]}history/").content.decode()
    assert "<div>## A new closing section</div>" in html
    assert "(nothing)" in html  # no line was removed
    assert "chars]" not in html.split("A new closing section")[0][-400:]  # not abbreviated


def test_changed_lines():
    from editorial.history import changed_lines

    assert changed_lines("a\nb\nc", "a\nB\nc\nd") == (["b"], ["B", "d"])
