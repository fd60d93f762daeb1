"""Rules behind the pages: choosing roles, salary changes and the map's layout."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careers import pathmap, selectors
from careers.forms import ChoiceError, current_role, roles_to_compare
from careers.models import Role
from tests.careers.factories import make_role, make_stage


def unsaved_roles(*slugs: str) -> list[Role]:
    return [Role(slug=slug, title=slug.title()) for slug in slugs]


ROLES = unsaved_roles("a", "b", "c", "d")


def test_roles_to_compare_keeps_the_visitors_order():
    assert [role.slug for role in roles_to_compare(slugs=["c", "a"], roles=ROLES)] == ["c", "a"]


@pytest.mark.parametrize(
    ("slugs", "message"),
    [
        ([], "at least 2"),
        (["a"], "at least 2"),
        (["a", " "], "at least 2"),
        (["a", "a"], "different roles"),
        (["a", "b", "c", "d"], "no more than 3"),
        (["a", "x"], "not on this site"),
        # An unknown role is the first thing to put right, whatever else is wrong.
        (["a", "a", "x", "b", "c"], "not on this site"),
    ],
)
def test_roles_to_compare_rejects_bad_choices(slugs, message):
    with pytest.raises(ChoiceError, match=message):
        roles_to_compare(slugs=slugs, roles=ROLES)


@given(st.lists(st.text(max_size=5), max_size=6))
def test_roles_to_compare_returns_two_or_three_different_roles_or_explains(slugs):
    try:
        chosen = roles_to_compare(slugs=slugs, roles=ROLES)
    except ChoiceError as error:
        assert str(error).startswith("Select")
    else:
        assert 2 <= len(chosen) <= 3
        assert len({role.slug for role in chosen}) == len(chosen)


def test_current_role():
    assert current_role(slug=" b ", roles=ROLES).slug == "b"
    with pytest.raises(ChoiceError, match="Select your current role$"):
        current_role(slug="", roles=ROLES)
    with pytest.raises(ChoiceError, match="from the list"):
        current_role(slug="z", roles=ROLES)


@pytest.mark.parametrize(
    ("amount", "words"), [(7000, "£7,000 more"), (-500, "£500 less"), (0, "the same")]
)
def test_describe_change(amount, words):
    assert selectors.describe_change(amount) == words


def test_salary_change_wording():
    same = selectors.NextStep(role=Role(), start_change=2000, top_change=2000)
    assert same.salary_change == "£2,000 more across the typical range"
    mixed = selectors.NextStep(role=Role(), start_change=-1000, top_change=5000)
    assert mixed.salary_change == (
        "£1,000 less at the start of the typical range, £5,000 more at the top"
    )


@pytest.fixture
def small_graph(db):
    """Two stages: a and b in the first (a leads to b and c, b leads back to a), c next."""
    first, second = make_stage(order=1), make_stage(order=2)
    c = make_role(slug="c", title="Role c", stage=second)
    b = make_role(slug="b", title="A role with a rather long title indeed", stage=first)
    a = make_role(slug="a", title="Role a", stage=first, order=0, next_roles=[b, c])
    b.next_roles.set([a])
    return selectors.career_map_roles()


def test_layout_puts_each_stage_in_a_column(small_graph):
    layout = pathmap.layout(roles=small_graph)
    by_slug = {node.role.slug: node for node in layout.nodes}
    assert by_slug["a"].x == by_slug["b"].x < by_slug["c"].x
    assert by_slug["a"].y < by_slug["b"].y
    assert len(layout.headings) == 2
    # Every box lies inside the drawing.
    for node in layout.nodes:
        assert node.x >= 0 and node.x + layout.node_width <= layout.width
        assert node.y >= 0 and node.y + layout.node_height <= layout.height
        assert all(node.y < line.y < node.y + layout.node_height for line in node.lines)


def test_layout_wraps_long_titles_within_three_lines(small_graph):
    layout = pathmap.layout(roles=small_graph)
    node = next(node for node in layout.nodes if node.role.slug == "b")
    titles = [line.text for line in node.lines if line.kind == "title"]
    assert 1 < len(titles) <= pathmap.TITLE_LINES
    assert all(len(text) <= pathmap.TITLE_CHARACTERS for text in titles)
    assert node.lines[-1].kind == "salary" and node.lines[-1].text == "£30,000 to £40,000"


def test_layout_draws_an_arrow_for_each_next_role(small_graph):
    layout = pathmap.layout(roles=small_graph)
    assert len(layout.edges) == 3
    assert not any(edge.highlighted for edge in layout.edges)
    # The two arrows between a and b, one each way, do not overlap.
    assert len({edge.path for edge in layout.edges}) == 3


def test_layout_highlights_the_current_role_and_its_next_steps(small_graph):
    current = next(role for role in small_graph if role.slug == "a")
    layout = pathmap.layout(roles=small_graph, current=current)
    states = {node.role.slug: node.state for node in layout.nodes}
    assert states == {"a": "current", "b": "next", "c": "next"}
    labels = {node.role.slug: node.lines[0].text for node in layout.nodes}
    assert labels == {"a": "Your role", "b": "Next step", "c": "Next step"}
    assert [edge.highlighted for edge in layout.edges] == [False, True, True]


def test_empty_map(db):
    layout = pathmap.layout(roles=[])
    assert layout.nodes == [] and layout.edges == []
