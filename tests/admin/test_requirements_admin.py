"""Editors manage standards, and each role's requirements on the role's own page: with
history, and waiting for a publisher when the role is published."""

import pytest

from careers.models import Requirement, Role, Standard
from core.models import Status
from editorial.models import PendingChange
from tests.admin.conftest import ADMIN, change_url, form_data
from tests.admin.test_review import WAITING, approve, public_html, save, waiting_for

NEW_STATEMENT = "Chair a meeting about a child's plan with the family there"


@pytest.fixture
def role(site_content) -> Role:
    return Role.objects.get(slug="team-manager")


def add_requirement(data: dict, **fields) -> dict:
    """Fill the inline's empty extra row with a new requirement."""
    row = int(data["requirements-TOTAL_FORMS"]) - 1
    data.update({f"requirements-{row}-{name}": value for name, value in fields.items()})
    return data


def test_requirements_are_edited_on_the_role_page_in_order(publisher_client, role):
    page = publisher_client.get(change_url(role)).content.decode()
    assert "Requirements (what you need to show)" in page
    data = form_data(publisher_client, role)
    statements = [data[f"requirements-{n}-statement"] for n in range(role.requirements.count())]
    assert statements == [r.statement for r in role.requirements.all()]
    assert "Questions you may be asked at interview" in page


def test_a_publishers_change_to_requirements_is_live_with_history(
    publisher_client, publisher, role, client
):
    standard = Standard.objects.get(slug="kss-practice-supervisors")
    data = add_requirement(
        form_data(publisher_client, role),
        statement=NEW_STATEMENT,
        standard=str(standard.pk),
        standard_reference="",
        how_to_show="a review you chaired\nfeedback from the family",
        order="9",
    )
    response = publisher_client.post(change_url(role), data, follow=True)
    assert response.status_code == 200
    added = role.requirements.get(statement=NEW_STATEMENT)
    assert added.how_to_show_list == ["a review you chaired", "feedback from the family"]
    version = added.history.first()
    assert version.history_type == "+" and version.history_user == publisher
    assert NEW_STATEMENT.replace("'", "&#39;") in public_html(client, role)


def test_an_editors_change_to_a_published_roles_requirements_waits(
    editor_client, publisher_client, role, client
):
    before = list(role.requirements.values_list("statement", flat=True))
    data = add_requirement(
        form_data(editor_client, role), statement=NEW_STATEMENT, how_to_show="a case you led"
    )
    response = editor_client.post(change_url(role), data, follow=True)
    assert WAITING in response.content.decode()
    assert list(role.requirements.values_list("statement", flat=True)) == before
    assert not Requirement.history.filter(statement=NEW_STATEMENT).exists()
    assert NEW_STATEMENT.replace("'", "&#39;") not in public_html(client, role)
    change = waiting_for(role)
    assert "requirements-TOTAL_FORMS" in change.form_data

    approve(publisher_client, change)
    assert role.requirements.filter(statement=NEW_STATEMENT).exists()
    assert not PendingChange.objects.exists()
    assert NEW_STATEMENT.replace("'", "&#39;") in public_html(client, role)


def test_an_editor_can_remove_a_requirement_but_it_waits_too(editor_client, role):
    first = role.requirements.first()
    data = form_data(editor_client, role)
    data["requirements-0-DELETE"] = "on"
    editor_client.post(change_url(role), data)
    assert Requirement.objects.filter(pk=first.pk).exists()
    assert waiting_for(role).form_data["requirements-0-DELETE"] == ["on"]


def test_a_requirement_over_the_length_limit_is_refused_with_a_message(publisher_client, role):
    data = add_requirement(form_data(publisher_client, role), statement="x" * 201)
    response = publisher_client.post(change_url(role), data)
    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters" in response.content.decode()
    assert not role.requirements.filter(statement="x" * 201).exists()


def test_standards_have_their_own_list_history_and_preview(publisher_client, site_content):
    listing = publisher_client.get(f"{ADMIN}/careers/standard/").content.decode()
    assert "Child and family social worker early career standards" in listing
    standard = Standard.objects.get(slug="kss-practice-supervisors")
    data = form_data(publisher_client, standard)
    data["summary"] = "Still in use."
    publisher_client.post(change_url(standard), data)
    standard.refresh_from_db()
    assert standard.summary == "Still in use."
    assert standard.history.first().summary == "Still in use."
    history = publisher_client.get(f"{change_url(standard)[: -len('change/')]}history/")
    assert history.status_code == 200
    preview = publisher_client.get(f"{change_url(standard)[: -len('change/')]}preview/")
    assert preview.status_code == 200
    words = preview.content.decode()
    assert "Preview - this page is not published" in words
    assert 'href="/explore-roles/practice-supervisor/"' in words


def test_an_editors_change_to_a_published_standard_waits(editor_client, client, site_content):
    standard = Standard.objects.get(slug="kss-practitioners")
    save(editor_client, standard, name="A renamed standard")
    standard.refresh_from_db()
    assert standard.name != "A renamed standard"
    assert "A renamed standard" not in public_html(client, Role.objects.get(slug="social-worker"))
    assert waiting_for(standard).form_data["name"] == ["A renamed standard"]


def test_editors_cannot_delete_standards(editor_client, site_content):
    standard = Standard.objects.get(slug="pcf")
    response = editor_client.post(
        f"{change_url(standard)[: -len('change/')]}delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert Standard.objects.filter(pk=standard.pk, status=Status.PUBLISHED).exists()


def requirement_url(requirement, view: str) -> str:
    return f"{ADMIN}/careers/requirement/{requirement.pk}/{view}/"


def test_each_requirement_has_a_history_page(publisher_client, publisher, role):
    requirement = role.requirements.first()
    data = form_data(publisher_client, requirement)
    data["statement"] = NEW_STATEMENT
    publisher_client.post(requirement_url(requirement, "change"), data)
    history = publisher_client.get(requirement_url(requirement, "history"))
    assert history.status_code == 200
    page = history.content.decode()
    assert "publisher" in page and "Bundled content loaded" in page
    assert requirement.history.first().statement == NEW_STATEMENT


def test_editors_change_requirements_of_published_roles_only_on_the_role_page(editor_client, role):
    requirement = role.requirements.first()
    data = form_data(editor_client, requirement)
    data["statement"] = NEW_STATEMENT
    editor_client.post(requirement_url(requirement, "change"), data)
    requirement.refresh_from_db()
    assert requirement.statement != NEW_STATEMENT
    response = editor_client.post(requirement_url(requirement, "delete"), {"post": "yes"})
    assert response.status_code == 403
    assert Requirement.objects.filter(pk=requirement.pk).exists()
    # New requirements from the list may only go on draft roles.
    add = editor_client.get(f"{ADMIN}/careers/requirement/add/")
    choices = add.context["adminform"].form.fields["role"].queryset
    assert role not in choices

    Role.objects.filter(pk=role.pk).update(status=Status.DRAFT)
    data = form_data(editor_client, requirement)
    data["statement"] = NEW_STATEMENT
    editor_client.post(requirement_url(requirement, "change"), data)
    requirement.refresh_from_db()
    assert requirement.statement == NEW_STATEMENT
