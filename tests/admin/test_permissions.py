"""Who may do what: editors write, publishers put content live, analysts look and download.

The table at the end says, for every page and action of every admin the site registers,
which groups may use it; the test finds the admins, their pages and their actions from the
admin site itself, so one added without a line in the table fails."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from core.models import Status
from programmes.models import Programme
from tests.admin import permission_pages
from tests.admin.conftest import ADMIN, change_url, form_data, make_user

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
    analyst = set(Group.objects.get(name="Analyst").permissions.values_list("codename", flat=True))
    assert {"view_signup_insight", "view_pagefeedback", "view_programme", "view_role"} <= analyst
    assert all(codename.startswith("view_") for codename in analyst)


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


# Every admin page and action, for each group.

EDITOR, PUBLISHER, ANALYST, NO_GROUP = "editor", "publisher", "analyst", "staff with no group"
GROUPS = {
    EDITOR: ["Content editor"],
    PUBLISHER: ["Content publisher"],
    ANALYST: ["Analyst"],
    NO_GROUP: [],
}
EVERYONE = frozenset({EDITOR, PUBLISHER, ANALYST})
WRITERS = frozenset({EDITOR, PUBLISHER})
ONLY_PUBLISHERS = frozenset({PUBLISHER})
SUPERUSERS_ONLY = frozenset()

# What a page answers those who may open it, where that is not 200: with no change waiting
# (as here), the waiting change's preview sends them back to the item; checking a link again
# (posted with no address) goes back to the list with a message.
OPENED = {"waiting_preview": 302, "check_again": 302}
# Those who may not open a page get 403, except an app's own page, which does not exist for
# staff who can see nothing in it.
REFUSED = {"app": 404}

# The pages of a model admin, then its actions ("action:<name>").
READ_ONLY = {"changelist": EVERYONE, "change": EVERYONE, "history": EVERYONE}
NO_EDITING = {"add": SUPERUSERS_ONLY, "delete": SUPERUSERS_ONLY}
CONTENT_WITH_HISTORY = {
    **READ_ONLY,
    "add": WRITERS,
    "delete": ONLY_PUBLISHERS,
    "simple_history": EVERYONE,
    "action:delete_selected": ONLY_PUBLISHERS,
}
DRAFT_OR_PUBLISHED = {
    **CONTENT_WITH_HISTORY,
    "preview": EVERYONE,
    "waiting_preview": EVERYONE,
    "action:publish_selected": ONLY_PUBLISHERS,
    "action:unpublish_selected": ONLY_PUBLISHERS,
}
SPREADSHEETS = {"export": EVERYONE, "import": ONLY_PUBLISHERS, "process_import": ONLY_PUBLISHERS}
SUPERUSERS_ONLY_ADMIN = {
    page: SUPERUSERS_ONLY
    for page in ("changelist", "add", "change", "delete", "history", "action:delete_selected")
}

EXPECTED = {
    "core.contentpage": DRAFT_OR_PUBLISHED,
    "editorial.pendingchange": {
        "changelist": ONLY_PUBLISHERS,
        "change": ONLY_PUBLISHERS,
        "history": ONLY_PUBLISHERS,
        **NO_EDITING,
        "action:approve_selected": ONLY_PUBLISHERS,
        "action:reject_selected": ONLY_PUBLISHERS,
    },
    "editorial.linkcheck": {**READ_ONLY, **NO_EDITING, "check_again": WRITERS},
    "careers.careerstage": DRAFT_OR_PUBLISHED,
    "careers.role": {**DRAFT_OR_PUBLISHED, **SPREADSHEETS},
    "careers.areaofpractice": DRAFT_OR_PUBLISHED,
    "careers.guidancepage": DRAFT_OR_PUBLISHED,
    "careers.standard": DRAFT_OR_PUBLISHED,
    # Editors delete only draft roles' requirements; the list offers them the action, and it
    # asks for permission for each requirement (tests/admin/test_requirements_admin.py).
    "careers.requirement": {**CONTENT_WITH_HISTORY, "action:delete_selected": WRITERS},
    "programmes.provider": CONTENT_WITH_HISTORY,
    "programmes.programmefamily": CONTENT_WITH_HISTORY,
    "programmes.programme": {**DRAFT_OR_PUBLISHED, **SPREADSHEETS},
    "programmes.applicationwindow": CONTENT_WITH_HISTORY,
    # The list page is the dashboard, and "export" its CSV file. A click has no page.
    "insight.signupinsight": {
        "changelist": EVERYONE,
        "export": EVERYONE,
        "change": SUPERUSERS_ONLY,
        "history": SUPERUSERS_ONLY,
        **NO_EDITING,
    },
    "insight.pagefeedback": {
        **READ_ONLY,
        **NO_EDITING,
        "action:export_csv": EVERYONE,
        "action:mark_read": WRITERS,
        "action:mark_not_read": WRITERS,
        "action:delete_selected": SUPERUSERS_ONLY,
    },
    # The list page is the counts, never an address; "export" the addresses, for superusers.
    "alerts.alert": {
        "changelist": EVERYONE,
        "export": SUPERUSERS_ONLY,
        "change": SUPERUSERS_ONLY,
        "history": SUPERUSERS_ONLY,
        **NO_EDITING,
    },
    "alerts.email": {**READ_ONLY, **NO_EDITING},
    "auth.user": {**SUPERUSERS_ONLY_ADMIN, "password_change": SUPERUSERS_ONLY},
    "auth.group": SUPERUSERS_ONLY_ADMIN,
    "axes.accessattempt": {
        **SUPERUSERS_ONLY_ADMIN,
        "action:cleanup_expired_attempts": SUPERUSERS_ONLY,
    },
    "axes.accesslog": SUPERUSERS_ONLY_ADMIN,
    "axes.accessfailurelog": SUPERUSERS_ONLY_ADMIN,
    "otp_totp.totpdevice": {
        **SUPERUSERS_ONLY_ADMIN,
        "config": SUPERUSERS_ONLY,
        "qrcode": SUPERUSERS_ONLY,
    },
    "otp_static.staticdevice": SUPERUSERS_ONLY_ADMIN,
}

# The site's own pages, and each app's page listing its models.
SITE_PAGES = {
    "index": EVERYONE | {NO_GROUP},
    "two_factor_backup_codes": EVERYONE | {NO_GROUP},
    "two_factor_reset": ONLY_PUBLISHERS,
}
APP_PAGES = {
    "core": EVERYONE,
    "editorial": EVERYONE,
    "careers": EVERYONE,
    "programmes": EVERYONE,
    "insight": EVERYONE,
    "alerts": EVERYONE,
    "auth": SUPERUSERS_ONLY,
    "axes": SUPERUSERS_ONLY,
    "otp_totp": SUPERUSERS_ONLY,
    "otp_static": SUPERUSERS_ONLY,
}


def _expected(page: str, allowed: frozenset, group: str):
    if page.startswith("action:"):
        return "done" if group in allowed else "refused"
    return OPENED.get(page, 200) if group in allowed else REFUSED.get(page, 403)


def test_every_admin_page_and_action_is_in_the_table():
    found = {
        name: permission_pages.pages(model_admin)
        | {f"action:{action}" for action in permission_pages.actions(model_admin)}
        for name, model_admin in permission_pages.registered().items()
    }
    assert {name: set(pages) for name, pages in EXPECTED.items()} == found
    apps = {name.split(".")[0] for name in found}
    assert set(APP_PAGES) == apps


@pytest.fixture
def signed_in(request, site_content):
    permission_pages.make_one_of_each()
    client = Client()
    client.force_login(make_user("member-of-staff", *GROUPS[request.param]))
    return request.param, client


@pytest.mark.parametrize("signed_in", list(GROUPS), indirect=True)
@pytest.mark.parametrize("name", sorted(permission_pages.registered()))
def test_who_may_open_each_admin_page_and_use_each_action(signed_in, name):
    group, client = signed_in
    model_admin = permission_pages.registered()[name]
    assert name in EXPECTED, f"Say in EXPECTED who may use the {name} admin"
    seen, expected = {}, {}
    for page, allowed in EXPECTED[name].items():
        expected[page] = _expected(page, allowed, group)
        if page.startswith("action:"):
            action = page.removeprefix("action:")
            seen[page] = permission_pages.action_result(client, model_admin, action)
        else:
            seen[page] = permission_pages.status(client, model_admin, page)
    assert seen == expected


@pytest.mark.parametrize("signed_in", list(GROUPS), indirect=True)
def test_who_may_open_the_site_pages_and_each_apps_page(signed_in):
    group, client = signed_in
    seen, expected = {}, {}
    for page, allowed in SITE_PAGES.items():
        expected[page] = _expected(page, allowed, group)
        seen[page] = client.get(reverse(f"admin:{page}")).status_code
    for app_label, allowed in APP_PAGES.items():
        expected[app_label] = _expected("app", allowed, group)
        seen[app_label] = client.get(reverse("admin:app_list", args=[app_label])).status_code
    assert seen == expected


def test_analysts_change_nothing_by_posting_forms(analyst_client, site_content):
    programme = Programme.objects.order_by("pk").first()
    data = form_data(analyst_client, programme) | {"name": "Changed by an analyst"}
    for url in (
        change_url(programme),
        f"{ADMIN}/programmes/programme/add/",
        change_url(programme).replace("/change/", "/delete/"),
    ):
        assert analyst_client.post(url, data).status_code == 403, url
    programme.refresh_from_db()
    assert programme.name != "Changed by an analyst"


def test_analysts_cannot_revert_to_an_earlier_version(analyst_client, site_content):
    """django-simple-history takes a posted revert form from staff who may only look, and
    would save it if it were valid; editorial.admin_base.EditorAdmin refuses them outright."""
    provider = Programme.objects.order_by("pk").first().provider
    first = provider.history.order_by("history_id").first()
    provider.name = "The name now"
    provider.save()
    revert = f"{change_url(provider).removesuffix('change/')}history/{first.history_id}/"
    assert analyst_client.get(revert).status_code == 200  # they may look at it
    assert analyst_client.post(revert, {}).status_code == 403
    provider.refresh_from_db()
    assert provider.name == "The name now"
