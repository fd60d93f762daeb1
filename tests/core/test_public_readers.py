"""Every reader of public content agrees on what is public: a page, the open data API,
sitemap.xml, search, the programme filters and every related list hide the same things, and
show them once they are published. Each case builds one hidden item; each reader says whether
it shows that item. To cover a new reader, add it to READERS with the kinds it lists."""

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from careers.models import AreaOfPractice, CareerStage, Role
from core.models import Publishable, Status
from programmes.models import Programme
from tests.careers.factories import make_area, make_guidance_page, make_role, make_stage
from tests.programmes.factories import make_programme
from tests.search.factories import make_content_page


@dataclass
class World:
    """Public content the hidden item is linked to, so related lists can show it."""

    stage: CareerStage
    role: Role
    area: AreaOfPractice
    programme: Programme


@dataclass
class Case:
    hidden: Publishable
    word: str  # in the hidden item's title, and nowhere else, so search finds only it
    reveal: Callable[[], None]


def publish(obj: Publishable) -> Callable[[], None]:
    def reveal() -> None:
        obj.status = Status.PUBLISHED
        obj.save()

    return reveal


def role_in_draft_stage(world: World) -> Case:
    stage = make_stage(name="Quillwort stage", status=Status.DRAFT)
    role = make_role(title="Bramblewick role", stage=stage)
    world.role.next_roles.add(role)
    world.area.related_roles.add(role)
    world.programme.roles.add(role)
    return Case(role, "Bramblewick", publish(stage))


def draft_role(world: World) -> Case:
    role = make_role(title="Marshwort role", stage=world.stage, status=Status.DRAFT)
    world.role.next_roles.add(role)
    world.area.related_roles.add(role)
    world.programme.roles.add(role)
    return Case(role, "Marshwort", publish(role))


def draft_stage(world: World) -> Case:
    stage = make_stage(name="Fennelgate stage", status=Status.DRAFT)
    world.programme.stages.add(stage)
    return Case(stage, "Fennelgate", publish(stage))


def draft_programme(world: World) -> Case:
    programme = make_programme(
        name="Thistledown programme",
        status=Status.DRAFT,
        stages=[world.stage],
        roles=[world.role],
    )
    return Case(programme, "Thistledown", publish(programme))


def draft_area(world: World) -> Case:
    area = make_area(name="Larkspur area", status=Status.DRAFT, related_roles=[world.role])
    return Case(area, "Larkspur", publish(area))


def draft_guidance(world: World) -> Case:
    page = make_guidance_page(title="Sorrelmead guidance", status=Status.DRAFT)
    world.stage.guidance = world.role.see_also = page
    world.stage.save()
    world.role.save()
    return Case(page, "Sorrelmead", publish(page))


def draft_content_page(world: World) -> Case:
    page = make_content_page(title="Nettlecombe privacy", slug="privacy", status=Status.DRAFT)
    return Case(page, "Nettlecombe", publish(page))


def content_page_without_an_address(world: World) -> Case:
    page = make_content_page(title="Hollowmere terms", slug="our-terms")

    def give_it_an_address() -> None:
        page.slug = "terms-and-conditions"
        page.save()

    return Case(page, "Hollowmere", give_it_an_address)


# Each case, and the kind of item it hides.
CASES = {
    role_in_draft_stage: "role",
    draft_role: "role",
    draft_stage: "stage",
    draft_programme: "programme",
    draft_area: "area",
    draft_guidance: "guidance",
    draft_content_page: "page",
    content_page_without_an_address: "page",
}


# Readers: each answers whether it shows the hidden item, through the public surface.


def links_to(client, path: str, obj) -> bool:
    """Whether the page's main content links to the item (the footer links to some pages
    whatever their state)."""
    response = client.get(path)
    assert response.status_code == 200, path
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    return f'href="{obj.get_absolute_url()}' in main


def own_page(client, world, case) -> bool:
    status = client.get(case.hidden.get_absolute_url()).status_code
    assert status in (200, 404)
    return status == 200


def sitemap(client, world, case) -> bool:
    xml = client.get("/sitemap.xml").content.decode()
    return f"<loc>http://testserver{case.hidden.get_absolute_url()}</loc>" in xml


def html_sitemap(client, world, case) -> bool:
    return links_to(client, reverse("sitemap"), case.hidden)


def search(client, world, case) -> bool:
    return links_to(client, f"{reverse('search:search')}?q={case.word}", case.hidden)


def api(path: str, key: str, client) -> list[dict]:
    return json.loads(client.get(path).content)[key]


def roles_api(client, world, case) -> bool:
    return case.hidden.slug in [role["slug"] for role in api("/api/v1/roles", "roles", client)]


def roles_api_next_roles(client, world, case) -> bool:
    (entry,) = [r for r in api("/api/v1/roles", "roles", client) if r["slug"] == world.role.slug]
    return case.hidden.slug in entry["next_roles"]


def programmes_api(client, world, case) -> bool:
    listed = api("/api/v1/programmes", "programmes", client)
    return case.hidden.slug in [programme["slug"] for programme in listed]


def programmes_api_relations(client, world, case) -> bool:
    listed = api("/api/v1/programmes", "programmes", client)
    (entry,) = [p for p in listed if p["slug"] == world.programme.slug]
    return case.hidden.slug in entry["roles"] + entry["career_stages"]


def programme_filters(client, world, case) -> bool:
    html = client.get(reverse("programmes:list")).content.decode()
    return f'value="{case.hidden.slug}"' in html


def programme_list(client, world, case) -> bool:
    return links_to(client, reverse("programmes:list"), case.hidden)


def programme_list_stage_names(client, world, case) -> bool:
    return case.hidden.name in client.get(reverse("programmes:list")).content.decode()


def programme_page_related(client, world, case) -> bool:
    return links_to(client, world.programme.get_absolute_url(), case.hidden)


def sign_up_link(client, world, case) -> bool:
    response = client.get(reverse("programmes:sign_up", args=[case.hidden.slug]))
    assert response.status_code in (302, 404)
    return response.status_code == 302


def stage_page(client, world, case) -> bool:
    return links_to(client, world.stage.get_absolute_url(), case.hidden)


def role_page(client, world, case) -> bool:
    return links_to(client, world.role.get_absolute_url(), case.hidden)


def area_page(client, world, case) -> bool:
    return links_to(client, world.area.get_absolute_url(), case.hidden)


def role_list(client, world, case) -> bool:
    return links_to(client, reverse("careers:roles"), case.hidden)


def stage_list(client, world, case) -> bool:
    return links_to(client, reverse("careers:stages"), case.hidden)


def area_list(client, world, case) -> bool:
    return links_to(client, reverse("careers:areas"), case.hidden)


def compare_choices(client, world, case) -> bool:
    html = client.get(reverse("careers:compare")).content.decode()
    return f'value="{case.hidden.slug}"' in html


def compared_programmes(client, world, case) -> bool:
    other = make_role(stage=world.stage)
    path = f"{reverse('careers:compare')}?role={world.role.slug}&role={other.slug}"
    return links_to(client, path, case.hidden)


def career_paths(client, world, case) -> bool:
    return links_to(client, reverse("careers:career_paths"), case.hidden)


def career_paths_next_steps(client, world, case) -> bool:
    path = f"{reverse('careers:career_paths')}?current={world.role.slug}"
    return links_to(client, path, case.hidden)


ALL = {"role", "stage", "programme", "area", "guidance", "page"}

# Each reader, and the kinds of item it lists.
READERS = {
    own_page: ALL,
    sitemap: ALL,
    html_sitemap: ALL,
    search: ALL,
    roles_api: {"role"},
    roles_api_next_roles: {"role"},
    programmes_api: {"programme"},
    programmes_api_relations: {"role", "stage"},
    programme_filters: {"role", "stage"},
    programme_list: {"programme"},
    programme_list_stage_names: {"stage"},
    sign_up_link: {"programme"},
    stage_page: {"role", "programme", "guidance"},
    role_page: {"role", "programme", "area", "guidance"},
    area_page: {"role"},
    role_list: {"role"},
    stage_list: {"stage"},
    area_list: {"area"},
    compare_choices: {"role"},
    compared_programmes: {"programme"},
    career_paths: {"role"},
    career_paths_next_steps: {"role"},
}

# A role in a draft stage is in no public stage's list, even once its stage is published.
NOT_LINKED = {(role_in_draft_stage, stage_page)}


def _world() -> World:
    stage = make_stage(name="Public stage")
    role = make_role(title="Public role", stage=stage)
    return World(
        stage=stage,
        role=role,
        area=make_area(name="Public area", related_roles=[role]),
        programme=make_programme(name="Public programme", stages=[stage], roles=[role]),
    )


@pytest.mark.parametrize(
    ("case", "reader"),
    [
        pytest.param(case, reader, id=f"{case.__name__}-{reader.__name__}")
        for case, kind in CASES.items()
        for reader, kinds in READERS.items()
        if kind in kinds and (case, reader) not in NOT_LINKED
    ],
)
def test_every_reader_hides_what_is_not_public_and_shows_it_once_it_is(client, db, case, reader):
    world = _world()
    found = case(world)
    assert not found.hidden.is_public
    assert not reader(client, world, found)
    found.reveal()
    found.hidden.refresh_from_db()
    assert found.hidden.is_public
    assert reader(client, world, found)


def test_every_case_is_read_by_every_reader_that_lists_its_kind():
    # Guards the table: a kind no reader lists, or a reader no case exercises, is a typo.
    assert set(CASES.values()) == ALL
    assert all(kinds & set(CASES.values()) for kinds in READERS.values())
