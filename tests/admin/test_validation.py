"""The admin explains what is wrong in plain words, and every field has help text, written
once on the model."""

import pytest

from careers.models import Role
from tests.admin.conftest import ADMIN, change_url, form_data

FORMS = [
    "core/contentpage",
    "careers/careerstage",
    "careers/role",
    "careers/areaofpractice",
    "careers/guidancepage",
    "programmes/provider",
    "programmes/programmefamily",
    "programmes/programme",
    "programmes/applicationwindow",
]


@pytest.mark.parametrize("model", FORMS)
def test_every_field_has_help_text(publisher_client, site_content, model):
    response = publisher_client.get(f"{ADMIN}/{model}/add/")
    form = response.context["adminform"].form
    missing = [name for name, field in form.fields.items() if not field.help_text]
    assert missing == []
    for formset in response.context["inline_admin_formsets"]:
        for name, field in formset.formset.form.base_fields.items():
            assert field.help_text or name in {"id", "programme", "DELETE"}, name


@pytest.mark.parametrize("model", FORMS)
def test_help_text_comes_from_the_model(publisher_client, db, model):
    # Written once, on the model's field: the admin adds none of its own.
    response = publisher_client.get(f"{ADMIN}/{model}/add/")
    forms = [response.context["adminform"].form]
    forms += [formset.formset.form for formset in response.context["inline_admin_formsets"]]
    for form in forms:
        for name, field in form.base_fields.items():
            if name in {"id", "DELETE"}:
                continue
            written = str(form._meta.model._meta.get_field(name).help_text)
            # Django adds how to choose several items to a many-to-many field's help.
            assert str(field.help_text).startswith(written), name


def test_editors_see_the_detailed_help(publisher_client, db):
    html = publisher_client.get(f"{ADMIN}/careers/role/add/").content.decode()
    assert "say why in the note about pay" in html
    assert "Changing it breaks links people have saved" in html
    assert "Only content publishers can publish" in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sign_up_url": "http://example.org/apply"}, "must start with https://"),
        ({"sign_up_url": "https://not a url"}, "Enter a valid URL"),
        ({"slug": "Capital-Letters"}, "must be in lower case"),
        ({"slug": "pathway-1"}, "Another programme already uses this web address"),
        ({"name": ""}, "This field is required"),
    ],
)
def test_programme_errors(editor_client, programme, changes, message):
    data = form_data(editor_client, programme)
    data.update(changes)
    response = editor_client.post(change_url(programme), data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_salary_from_must_not_be_more_than_salary_to(editor_client, site_content):
    role = Role.objects.first()
    data = form_data(editor_client, role)
    data.update(salary_from="50000", salary_to="40000")
    response = editor_client.post(change_url(role), data)
    assert "must be the same as or more than" in response.content.decode()


def test_window_must_open_before_it_closes(editor_client, programme):
    data = form_data(editor_client, programme)
    total = int(data["windows-TOTAL_FORMS"])
    data[f"windows-{total - 1}-opens_on"] = "2027-03-01"
    data[f"windows-{total - 1}-closes_on"] = "2027-02-01"
    response = editor_client.post(change_url(programme), data)
    assert response.status_code == 200
    assert "The closing date must be after the opening date." in response.content.decode()
    assert not programme.windows.filter(opens_on="2027-03-01").exists()
