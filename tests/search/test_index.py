"""The index follows published content: loaded content, rebuilds and editors' changes."""

from django.core.management import call_command

from careers.models import AreaOfPractice, CareerStage, GuidancePage, Role
from core.models import ContentPage
from programmes.models import Programme
from search.documents import clean_text
from search.models import SearchDocument, SearchTerm
from tests.search.factories import make_guidance, make_role, make_stage

PUBLISHED_MODELS = [ContentPage, CareerStage, Role, AreaOfPractice, GuidancePage, Programme]


def published_count() -> int:
    return sum(model.objects.public().count() for model in PUBLISHED_MODELS)


def test_load_content_indexes_every_published_page(site_content):
    assert SearchDocument.objects.count() == published_count() > 30
    role = Role.objects.get(slug="practice-supervisor")
    document = SearchDocument.objects.get(kind="role", object_id=role.pk)
    assert document.url == "/explore-roles/practice-supervisor/"
    assert document.updated_at == role.updated_at


def test_rebuild_replaces_a_stale_index(site_content, capsys):
    SearchDocument.objects.all().delete()
    Role.objects.filter(slug="practice-supervisor").update(status="draft")
    call_command("rebuild_search_index")
    assert SearchDocument.objects.count() == published_count()
    assert not SearchDocument.objects.filter(title="Practice supervisor").exists()
    assert f"{published_count()} pages indexed" in capsys.readouterr().out


def test_editing_a_page_updates_its_document(db):
    page = make_guidance(title="Old title", body="Old words.")
    page.title, page.body = "New title", "Fresh **words** here."
    page.save()
    document = SearchDocument.objects.get(kind="guidance", object_id=page.pk)
    assert (document.title, document.body) == ("New title", "Fresh words here.")
    assert SearchTerm.objects.filter(word="fresh").exists()


def test_drafts_are_not_indexed(db):
    make_role(title="Draft role", status="draft")
    assert not SearchDocument.objects.filter(title="Draft role").exists()


def test_a_stage_taken_down_takes_its_roles_out_of_the_index_and_back(db):
    stage = make_stage(name="Senior leaders")
    make_role(title="Director", stage=stage)
    assert SearchDocument.objects.filter(title="Director").exists()
    stage.status = "draft"
    stage.save()
    assert not SearchDocument.objects.filter(title="Director").exists()
    stage.status, stage.name = "published", "Strategic leaders"
    stage.save()
    # The role's document names its stage, so a renamed stage is searchable from the role.
    assert SearchDocument.objects.get(title="Director").keywords.endswith("Strategic leaders")


def test_control_and_marker_characters_never_reach_the_index():
    assert clean_text("Tidy\x00 title\ue000", "", "second\x1f part") == "Tidy title\nsecond part"
