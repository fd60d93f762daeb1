import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from core.models import Status
from programmes.models import Programme
from tests import groups as staff_groups

ADMIN = "/admin"


@pytest.fixture(autouse=True)
def _groups(db):
    staff_groups.ensure()


def make_user(username: str, *groups: str) -> User:
    user = User.objects.create_user(username, password="a-long-test-password", is_staff=True)
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def editor(db):
    return make_user("editor", "Content editor")


@pytest.fixture
def publisher(db):
    return make_user("publisher", "Content publisher")


@pytest.fixture
def analyst(db):
    return make_user("analyst", "Analyst")


@pytest.fixture
def editor_client(editor):
    """Each member of staff has a client of their own, and `client` stays signed out."""
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(publisher):
    client = Client()
    client.force_login(publisher)
    return client


@pytest.fixture
def analyst_client(analyst):
    client = Client()
    client.force_login(analyst)
    return client


@pytest.fixture
def programme(site_content) -> Programme:
    return Programme.objects.get(slug="asye")


@pytest.fixture
def draft_programme(programme) -> Programme:
    Programme.objects.filter(pk=programme.pk).update(status=Status.DRAFT)
    programme.refresh_from_db()
    return programme


def change_url(obj) -> str:
    return f"{ADMIN}/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def form_data(client, obj, url: str = "") -> dict:
    """The change form's current values (or another form's: a revert form at `url`), as the
    browser would post them back."""
    response = client.get(url or change_url(obj))
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = value
    for formset in response.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is not None:
                    data[f"{inline_form.prefix}-{name}"] = value
    return data
