import pytest
from django.core.management import call_command

from careers.models import AreaOfPractice, CareerStage, GuidancePage, Requirement, Role, Standard
from core.models import ContentPage
from programmes.models import Programme, ProgrammeFamily, Provider


@pytest.mark.django_db
def test_load_content_loads_everything_and_is_idempotent():
    call_command("load_content", verbosity=0)
    call_command("load_content", verbosity=0)
    assert CareerStage.objects.public().count() == 5
    assert Role.objects.public().count() == 17
    assert AreaOfPractice.objects.public().count() == 10
    assert GuidancePage.objects.public().count() == 4
    assert Standard.objects.public().count() == 7
    assert Requirement.objects.count() == 67
    assert ContentPage.objects.public().count() == 3
    assert Provider.objects.count() == 3
    assert ProgrammeFamily.objects.count() == 4
    assert Programme.objects.public().count() == 9


@pytest.mark.django_db
def test_load_content_keeps_editors_changes_unless_told_to_overwrite():
    call_command("load_content", verbosity=0)
    Role.objects.filter(slug="team-manager").update(summary="Edited by an editor")
    call_command("load_content", verbosity=0)
    assert Role.objects.get(slug="team-manager").summary == "Edited by an editor"
    call_command("load_content", "--overwrite", verbosity=0)
    assert Role.objects.get(slug="team-manager").summary != "Edited by an editor"


@pytest.mark.django_db
def test_progression_and_programme_links_are_loaded():
    call_command("load_content", verbosity=0)
    social_worker = Role.objects.get(slug="social-worker")
    assert set(social_worker.next_roles.values_list("slug", flat=True)) == {
        "senior-practitioner",
        "practice-supervisor",
        "lead-child-protection-practitioner",
    }
    aspirant = Programme.objects.get(slug="aspirant-directors-programme")
    assert aspirant.next_programme.slug == "new-directors-programme"
    stages = list(aspirant.stages.values_list("slug", flat=True))
    assert stages == ["senior-manager", "senior-leader"]
    pathway_1 = Programme.objects.get(slug="pathway-1")
    assert pathway_1.replaced_by.slug == "pathways-modules"
    assert list(pathway_1.stages.values_list("slug", flat=True)) == ["experienced-practitioner"]


@pytest.mark.django_db
def test_a_higher_bundled_revision_updates_existing_content_in_place(monkeypatch):
    from core.content_files import read_yaml
    from core.models import BundledContentRevision
    from programmes import content_loader

    call_command("load_content", verbosity=0)
    programme = Programme.objects.get(slug="asye")
    versions = programme.history.count()
    Programme.objects.filter(slug="asye").update(summary="Out of date")

    # The same revision again leaves editors' changes alone.
    call_command("load_content", verbosity=0)
    assert Programme.objects.get(slug="asye").summary == "Out of date"

    # A release whose file has a higher revision puts the bundled facts back, in place.
    content = read_yaml(content_loader.CONTENT_FILE)
    revision = BundledContentRevision.objects.get(name="programmes").revision
    assert revision == int(content.get("revision") or 0)
    monkeypatch.setattr(
        content_loader, "read_yaml", lambda path: {**content, "revision": revision + 1}
    )
    call_command("load_content", verbosity=0)
    updated = Programme.objects.get(slug="asye")
    assert updated.pk == programme.pk and updated.get_absolute_url() == programme.get_absolute_url()
    assert updated.summary != "Out of date"
    new_versions = list(updated.history.all()[: updated.history.count() - versions])
    assert new_versions, "the update is in the programme's history"
    assert "Bundled content loaded" in {v.history_change_reason for v in new_versions}
    assert BundledContentRevision.objects.get(name="programmes").revision == revision + 1
    # And only once: an editor's later change stays.
    Programme.objects.filter(slug="asye").update(summary="Edited after the release")
    call_command("load_content", verbosity=0)
    assert Programme.objects.get(slug="asye").summary == "Edited after the release"


@pytest.mark.django_db
def test_the_privacy_notice_is_brought_up_to_date_once_on_running_sites(client):
    from core.models import BundledContentRevision

    call_command("load_content", verbosity=0)
    # A site that loaded the pages before the notice said what plans count.
    BundledContentRevision.objects.filter(name="core").update(revision=1)
    ContentPage.objects.filter(slug="privacy").update(body="The old notice.")
    call_command("load_content", verbosity=0)
    page = client.get("/privacy").content.decode()
    assert "Plan your next step" in page and "We do not store them." in page
    assert "for 7 days while we wait for you to confirm the alert" in page
    # Once only: an editor's later change stays.
    ContentPage.objects.filter(slug="privacy").update(body="Edited after the release.")
    call_command("load_content", verbosity=0)
    assert ContentPage.objects.get(slug="privacy").body == "Edited after the release."
