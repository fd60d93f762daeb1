"""Editors' changes to published content wait for a publisher; drafts and publishers' own
changes do not."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType

from careers.models import CareerStage
from core.cache import content_version
from editorial.models import PendingChange
from programmes.models import ApplicationWindow, Programme
from tests.admin.conftest import ADMIN, change_url, form_data

WAITING = "These changes are waiting for a publisher. The public page has not changed."
BANNER = "Preview - this page is not published"
NEW_TEXT = "Anyone who has finished their first year in a council children and families team."
WAITING_LIST = f"{ADMIN}/editorial/pendingchange/"


def waiting_preview_url(obj) -> str:
    return f"{change_url(obj)[: -len('change/')]}preview-waiting-change/"


def save(client, obj, **changes):
    data = form_data(client, obj)
    data.update(changes)
    return client.post(change_url(obj), data, follow=True)


def public_html(client, obj) -> str:
    response = client.get(obj.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def approve(client, *changes):
    return client.post(
        WAITING_LIST,
        {"action": "approve_selected", "_selected_action": [c.pk for c in changes]},
        follow=True,
    )


def waiting_for(obj) -> PendingChange:
    return PendingChange.objects.get(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )


@pytest.fixture
def held(editor_client, editor, programme) -> PendingChange:
    """An editor's change to the published ASYE programme's eligibility, waiting."""
    response = save(editor_client, programme, eligibility=NEW_TEXT)
    assert response.status_code == 200
    return waiting_for(programme)


def test_an_editors_change_to_published_content_waits(editor_client, editor, client, programme):
    versions = programme.history.count()
    response = save(editor_client, programme, eligibility=NEW_TEXT)
    assert WAITING in response.content.decode()
    programme.refresh_from_db()
    assert programme.eligibility != NEW_TEXT
    assert programme.history.count() == versions
    assert NEW_TEXT not in public_html(client, programme)
    change = waiting_for(programme)
    assert change.author == editor
    assert change.form_data["eligibility"] == [NEW_TEXT]
    assert "csrfmiddlewaretoken" not in change.form_data
    assert "windows-TOTAL_FORMS" in change.form_data  # inline rows are kept too


def test_an_editors_change_to_a_draft_saves_at_once(editor_client, draft_programme):
    save(editor_client, draft_programme, eligibility=NEW_TEXT)
    draft_programme.refresh_from_db()
    assert draft_programme.eligibility == NEW_TEXT
    assert not PendingChange.objects.exists()


def test_a_publishers_change_goes_live_at_once(publisher_client, client, programme):
    save(publisher_client, programme, eligibility=NEW_TEXT)
    assert NEW_TEXT in public_html(client, programme)
    assert not PendingChange.objects.exists()


def test_the_change_form_shows_the_waiting_change_to_editors(editor_client, held, programme):
    response = editor_client.get(change_url(programme))
    html = response.content.decode()
    assert WAITING in html
    assert waiting_preview_url(programme) in html
    assert response.context["adminform"].form["eligibility"].value() == NEW_TEXT


def test_the_change_form_tells_publishers_a_change_is_waiting(publisher_client, held, programme):
    response = publisher_client.get(change_url(programme))
    html = response.content.decode()
    assert "Changes to this programme are waiting for a publisher." in html
    assert "The public page has not changed." in html
    assert waiting_preview_url(programme) in html and WAITING_LIST in html
    # Publishers edit the published version.
    assert response.context["adminform"].form["eligibility"].value() == programme.eligibility


def test_saving_again_replaces_the_waiting_change(editor_client, held, programme):
    save(editor_client, programme, summary="A new summary.")
    assert PendingChange.objects.count() == 1
    change = waiting_for(programme)
    # The editor started from the waiting change, so the earlier edit is kept.
    assert change.form_data["summary"] == ["A new summary."]
    assert change.form_data["eligibility"] == [NEW_TEXT]


@pytest.mark.parametrize("who", ["editor_client", "publisher_client"])
def test_preview_shows_the_page_with_the_waiting_change(request, who, held, programme, client):
    staff = request.getfixturevalue(who)
    response = staff.get(waiting_preview_url(programme))
    html = response.content.decode()
    assert response.status_code == 200
    assert BANNER in html and NEW_TEXT in html
    assert "noindex" in response["X-Robots-Tag"]
    programme.refresh_from_db()
    assert programme.eligibility != NEW_TEXT
    assert NEW_TEXT not in public_html(client, programme)


def test_preview_when_nothing_is_waiting_says_so(editor_client, programme):
    response = editor_client.get(waiting_preview_url(programme), follow=True)
    assert "No changes are waiting for this page." in response.content.decode()


def test_editors_cannot_see_or_approve_waiting_changes(editor_client, held, programme, client):
    assert editor_client.get(WAITING_LIST).status_code == 403
    assert approve(editor_client, held).status_code == 403
    assert PendingChange.objects.filter(pk=held.pk).exists()
    assert NEW_TEXT not in public_html(client, programme)
    assert WAITING_LIST not in editor_client.get(change_url(programme)).content.decode()
    assert "editorial/pendingchange" not in editor_client.get(f"{ADMIN}/").content.decode()


def test_publishers_see_the_waiting_changes(publisher_client, held, programme):
    html = publisher_client.get(WAITING_LIST).content.decode()
    assert programme.name in html
    assert "editor" in html
    assert waiting_preview_url(programme) in html
    assert "approve_selected" in html and "reject_selected" in html


def test_approving_puts_the_change_live(publisher_client, publisher, held, programme, client):
    assert NEW_TEXT not in public_html(client, programme)
    before = content_version()
    response = approve(publisher_client, held)
    assert "Approved the change to the programme" in response.content.decode()
    assert content_version() > before
    assert NEW_TEXT in public_html(client, programme)
    assert not PendingChange.objects.exists()
    latest = programme.history.first()
    assert latest.history_user == publisher
    assert latest.history_change_reason == "Approved a change by editor"
    assert latest.eligibility == NEW_TEXT


def test_approving_applies_related_items_and_application_windows(
    editor_client, publisher_client, programme
):
    stage = CareerStage.objects.exclude(programmes=programme).first()
    data = form_data(editor_client, programme)
    data["stages"] = [str(stage.pk)]
    row = int(data["windows-TOTAL_FORMS"]) - 1  # the empty extra row
    data.update({f"windows-{row}-opens_on": "2031-01-05", f"windows-{row}-closes_on": "2031-02-05"})
    editor_client.post(change_url(programme), data)
    assert list(programme.stages.all()) != [stage]
    assert not ApplicationWindow.objects.filter(opens_on="2031-01-05").exists()

    approve(publisher_client, waiting_for(programme))
    assert list(programme.stages.all()) == [stage]
    assert ApplicationWindow.objects.filter(programme=programme, opens_on="2031-01-05").exists()


def test_rejecting_discards_the_change(publisher_client, held, programme, client):
    response = publisher_client.post(
        WAITING_LIST, {"action": "reject_selected", "_selected_action": [held.pk]}, follow=True
    )
    assert "Rejected 1 change." in response.content.decode()
    assert not PendingChange.objects.exists()
    programme.refresh_from_db()
    assert programme.eligibility != NEW_TEXT
    assert NEW_TEXT not in public_html(client, programme)


def test_editors_cannot_reject(editor_client, held):
    editor_client.post(WAITING_LIST, {"action": "reject_selected", "_selected_action": [held.pk]})
    assert PendingChange.objects.filter(pk=held.pk).exists()


@pytest.mark.parametrize("stored", ["not a form", ["a", "list"], {"eligibility": "not a list"}])
def test_unreadable_waiting_data_gives_a_clear_message(
    publisher_client, editor_client, held, programme, stored
):
    PendingChange.objects.filter(pk=held.pk).update(form_data=stored)
    response = approve(publisher_client, held)
    assert response.status_code == 200
    assert "The waiting change cannot be read" in response.content.decode()
    assert PendingChange.objects.filter(pk=held.pk).exists()  # still there to reject

    preview = editor_client.get(waiting_preview_url(programme), follow=True)
    assert preview.status_code == 200
    assert "The waiting change cannot be read" in preview.content.decode()
    form_page = editor_client.get(change_url(programme))
    assert form_page.status_code == 200
    assert "The waiting changes cannot be read" in form_page.content.decode()


def test_invalid_waiting_data_names_what_is_wrong(publisher_client, held, programme, client):
    data = {**held.form_data, "sign_up_url": ["http://insecure.example"], "windows-TOTAL_FORMS": []}
    PendingChange.objects.filter(pk=held.pk).update(form_data=data)
    response = approve(publisher_client, held)
    html = response.content.decode()
    assert "was not applied" in html and "Sign-up address" in html
    assert "It is still waiting." in html
    programme.refresh_from_db()
    assert "insecure" not in programme.sign_up_url
    assert NEW_TEXT not in public_html(client, programme)


def test_a_change_made_before_the_live_page_changed_is_checked_again(
    editor_client, publisher_client, programme
):
    window = ApplicationWindow.objects.create(
        programme=programme, opens_on="2031-01-05", closes_on="2031-02-05"
    )
    save(editor_client, programme, eligibility=NEW_TEXT)
    # A publisher deletes the window the waiting change still lists.
    window.delete()
    response = approve(publisher_client, waiting_for(programme))
    assert "was not applied" in response.content.decode()
    programme.refresh_from_db()
    assert programme.eligibility != NEW_TEXT


def test_approving_a_change_to_deleted_content_says_so(publisher_client, held, programme):
    Programme.objects.filter(pk=programme.pk).delete()
    response = approve(publisher_client, held)
    assert "The programme no longer exists." in response.content.decode()


def test_an_editor_reverting_published_content_waits_for_a_publisher(
    editor_client, publisher_client, programme, client
):
    original = programme.eligibility
    save(publisher_client, programme, eligibility=NEW_TEXT)
    earlier = programme.history.filter(eligibility=original).first()
    revert = f"{change_url(programme)[: -len('change/')]}history/{earlier.history_id}/"
    editor_client.post(revert, form_data(editor_client, programme, revert), follow=True)
    assert NEW_TEXT in public_html(client, programme)
    change = waiting_for(programme)
    assert change.form_data["eligibility"] == [original]

    response = approve(publisher_client, change)
    assert "Approved the change" in response.content.decode()
    assert NEW_TEXT not in public_html(client, programme)
    programme.refresh_from_db()
    assert programme.eligibility == original


def test_editors_cannot_reorder_from_the_list(editor_client, publisher_client, programme):
    changelist = f"{ADMIN}/programmes/programme/"
    assert 'name="form-0-order"' not in editor_client.get(changelist).content.decode()
    assert 'name="form-0-order"' in publisher_client.get(changelist).content.decode()
    order = programme.order
    editor_client.post(
        changelist,
        {
            "_save": "Save",
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(programme.pk),
            "form-0-order": str(order + 50),
        },
    )
    programme.refresh_from_db()
    assert programme.order == order


def test_editors_change_windows_of_published_programmes_only_on_the_programme_page(
    editor_client, publisher_client, programme, draft_programme_of_another
):
    window = ApplicationWindow.objects.create(
        programme=programme, opens_on="2031-01-05", closes_on="2031-02-05"
    )
    url = f"{ADMIN}/programmes/applicationwindow/{window.pk}/change/"
    data = {"programme": str(programme.pk), "opens_on": "2031-01-01", "closes_on": "2031-03-01"}
    editor_client.post(url, data)
    window.refresh_from_db()
    assert str(window.opens_on) == "2031-01-05"
    assert 'name="opens_on"' not in editor_client.get(url).content.decode()

    add = editor_client.get(f"{ADMIN}/programmes/applicationwindow/add/")
    choices = [str(value) for value, _ in add.context["adminform"].form["programme"].field.choices]
    assert str(draft_programme_of_another.pk) in choices
    assert str(programme.pk) not in choices

    publisher_client.post(url, data)
    window.refresh_from_db()
    assert str(window.opens_on) == "2031-01-01"


@pytest.fixture
def draft_programme_of_another(programme) -> Programme:
    other = Programme.objects.exclude(pk=programme.pk).first()
    Programme.objects.filter(pk=other.pk).update(status="draft")
    return other


@pytest.mark.parametrize(
    "hour, minute, expected",
    [(17, 35, "25 November 2026 at 5:35pm"), (0, 5, "25 November 2026 at 12:05am")],
)
def test_the_time_a_change_was_saved_reads_plainly(hour, minute, expected):
    saved_at = datetime(2026, 11, 25, hour, minute, tzinfo=ZoneInfo("Europe/London"))
    assert PendingChange(saved_at=saved_at).saved_when == expected
