import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.test import Client

from core.models import Status
from programmes.models import Programme

ADMIN = "/admin"


def _group_permissions() -> set[tuple[str, str, str]]:
    return set(
        Group.permissions.through.objects.values_list(
            "group__name", "permission__content_type__app_label", "permission__codename"
        )
    )


# The groups and their permissions as the migrations made them, once seen.
_as_migrated: set[tuple[str, str, str]] = set()


def ensure_groups() -> None:
    """The groups the data migrations make. Tests with a live server empty the database when
    they finish, so make them again (the same way) for whatever test comes next; one query
    finds them intact otherwise, which is cheaper than running the migrations' code."""
    if _as_migrated and _group_permissions() == _as_migrated:
        return
    # The migrations switch each app's models_module while making permissions; put the real
    # registry's values back afterwards.
    modules = {config: config.models_module for config in apps.get_app_configs()}
    try:
        importlib.import_module("core.migrations.0003_content_groups").create_groups(apps, None)
        importlib.import_module("core.migrations.0005_link_checks").let_groups_see_link_checks(
            apps, None
        )
        importlib.import_module(
            "core.migrations.0008_shared_details_changed_by_publishers"
        ).leave_to_publishers(apps, None)
        importlib.import_module(
            "careers.migrations.0008_requirements_permissions"
        ).give_permissions(apps, None)
        importlib.import_module(
            "core.migrations.0011_reset_two_factor_permission"
        ).let_publishers_reset_two_factor(apps, None)
        importlib.import_module("insight.migrations.0006_staff_groups").give_permissions(apps, None)
    finally:
        for config, module in modules.items():
            config.models_module = module
    _as_migrated.clear()
    _as_migrated.update(_group_permissions())


@pytest.fixture(autouse=True)
def _groups(db):
    ensure_groups()


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
