"""The one rule per content model for what the public may see (Publishable.public_q): the
queryset (`objects.public()`) and the loaded item (`is_public`) always agree."""

import re
from pathlib import Path

import pytest

from careers.models import Role
from core.models import Status
from programmes.models import Programme
from tests.careers.factories import make_area, make_guidance_page, make_role, make_stage
from tests.programmes.factories import make_programme
from tests.search.factories import make_content_page

DRAFT, PUBLISHED = Status.DRAFT, Status.PUBLISHED
APPS = ["core", "careers", "programmes", "search", "insight", "editorial", "config"]


def content_page(status, slug="privacy"):
    return make_content_page(slug=slug, status=status)


# (what is built, whether the public may see it)
RULES = {
    "published stage": (lambda: make_stage(status=PUBLISHED), True),
    "draft stage": (lambda: make_stage(status=DRAFT), False),
    "published role in a published stage": (lambda: make_role(status=PUBLISHED), True),
    "published role in a draft stage": (
        lambda: make_role(status=PUBLISHED, stage=make_stage(status=DRAFT)),
        False,
    ),
    "draft role in a published stage": (lambda: make_role(status=DRAFT), False),
    "published area": (lambda: make_area(status=PUBLISHED), True),
    "draft area": (lambda: make_area(status=DRAFT), False),
    "published guidance page": (lambda: make_guidance_page(status=PUBLISHED), True),
    "draft guidance page": (lambda: make_guidance_page(status=DRAFT), False),
    "published programme": (lambda: make_programme(status=PUBLISHED), True),
    "draft programme": (lambda: make_programme(status=DRAFT), False),
    # A programme is shown whatever the state of the stages and roles it lists: those lists
    # show only their public members.
    "published programme for a draft stage": (
        lambda: make_programme(status=PUBLISHED, stages=[make_stage(status=DRAFT)]),
        True,
    ),
    "published content page at its address": (lambda: content_page(PUBLISHED), True),
    "draft content page": (lambda: content_page(DRAFT), False),
    "published content page with no address on the site": (
        lambda: content_page(PUBLISHED, slug="our-terms"),
        False,
    ),
}


@pytest.mark.parametrize(("build", "public"), RULES.values(), ids=RULES.keys())
def test_queryset_and_item_agree_on_what_is_public(db, build, public):
    item = build()
    model = type(item)
    assert model.objects.public().filter(pk=item.pk).exists() is public
    assert model.objects.get(pk=item.pk).is_public is public


def test_a_related_list_reads_the_same_rule_through_a_prefix(db):
    hidden = make_role(stage=make_stage(status=DRAFT))
    shown = make_role()
    programme = make_programme(roles=[hidden, shown])
    with_public_roles = Programme.objects.filter(Role.public_q("roles__"))
    assert list(with_public_roles.values_list("roles", flat=True)) == [shown.pk]
    assert with_public_roles.get() == programme


def test_a_preview_can_assume_a_draft_stage_is_published(db):
    stage = make_stage(status=DRAFT)
    role = make_role(stage=stage)
    make_role(stage=stage, status=DRAFT)
    assert not Role.objects.public().filter(stage=stage).exists()
    assert list(Role.objects.public(assuming=["stage"]).filter(stage=stage)) == [role]


def test_publishing_a_stage_makes_its_published_roles_public(db):
    stage = make_stage(status=DRAFT)
    role = make_role(stage=stage)
    stage.status = PUBLISHED
    stage.save()
    assert Role.objects.public().get() == role


def test_no_reader_writes_its_own_copy_of_the_rule():
    # Readers ask the model (objects.public(), public_q, is_public); a filter on the status
    # somewhere else is the drift this rule replaced. The admin's workflow reads the status
    # itself, which is about publishing, not about what the public sees.
    copies = re.compile(r"(filter|exclude)\([^)]*status=Status\.PUBLISHED|\w__status\b")
    root = Path(__file__).resolve().parents[2]
    found = [
        f"{path.relative_to(root)}:{number}"
        for app in APPS
        for path in (root / app).rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if copies.search(line)
    ]
    assert found == []
