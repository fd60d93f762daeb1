"""History keeps the related items of each version (a programme's stages and roles, a role's
next roles, an area's related roles), shows how they changed and restores them on revert."""

from django.apps import apps

from careers.models import AreaOfPractice, CareerStage, Role
from editorial.history import fill_relation_history, relations_in_version
from tests.admin.conftest import change_url, form_data


def history_url(obj) -> str:
    return f"{change_url(obj)[: -len('change/')]}history/"


def save(client, obj, **changes):
    data = form_data(client, obj)
    data.update(changes)
    response = client.post(change_url(obj), data)
    assert response.status_code == 302


def ids(objects) -> list[str]:
    return [str(obj.pk) for obj in objects]


def test_changing_a_programmes_stages_makes_one_version_with_a_readable_diff(
    publisher_client, publisher, programme
):
    old = list(programme.stages.all())
    new = CareerStage.objects.exclude(pk__in=[s.pk for s in old]).order_by("name")[:2]
    versions = programme.history.count()
    save(publisher_client, programme, stages=ids(new))

    assert programme.history.count() == versions + 1  # not one per stage added or removed
    latest = programme.history.first()
    assert latest.history_user == publisher
    assert sorted(relations_in_version(latest)["stages"]) == sorted(s.pk for s in new)
    delta = latest.diff_against(latest.prev_record)
    assert "stages" in delta.changed_fields and "roles" not in delta.changed_fields

    html = publisher_client.get(history_url(programme)).content.decode()
    assert "Career stages" in html
    assert ", ".join(sorted(s.name for s in new)) in html
    assert ", ".join(sorted(s.name for s in old)) in html


def test_reverting_restores_a_programmes_stages_and_roles(publisher_client, programme):
    old_stages = set(programme.stages.all())
    old_roles = set(programme.roles.all())
    assert old_stages and old_roles
    earlier = programme.history.first()
    other = CareerStage.objects.exclude(pk__in=[s.pk for s in old_stages])[:1]
    save(publisher_client, programme, stages=ids(other), roles=[])
    assert set(programme.stages.all()) != old_stages and not programme.roles.exists()

    revert = f"{history_url(programme)}{earlier.history_id}/"
    form = publisher_client.get(revert).context["adminform"].form
    assert {str(v) for v in form["stages"].value()} == set(ids(old_stages))
    response = publisher_client.post(revert, form_data(publisher_client, programme, revert))
    assert response.status_code == 302
    assert set(programme.stages.all()) == old_stages
    assert set(programme.roles.all()) == old_roles


def test_a_roles_next_roles_and_an_areas_related_roles_are_in_history(
    publisher_client, site_content
):
    role = Role.objects.filter(next_roles__isnull=False).first()
    save(publisher_client, role, next_roles=[])
    latest = role.history.first()
    assert relations_in_version(latest) == {"next_roles": []}
    assert "next_roles" in latest.diff_against(latest.prev_record).changed_fields

    area = AreaOfPractice.objects.filter(related_roles__isnull=False).first()
    save(publisher_client, area, related_roles=[str(role.pk)])
    assert relations_in_version(area.history.first()) == {"related_roles": [role.pk]}


def test_versions_from_before_relations_were_kept_get_todays(programme):
    stages = sorted(programme.stages.values_list("pk", flat=True))
    version = programme.history.first()
    version.stages.all().delete()
    assert relations_in_version(version)["stages"] == []
    fill_relation_history(apps, "programmes", "Programme", "stages")
    assert sorted(relations_in_version(version)["stages"]) == stages
