"""The layout of the career path map: one column per career stage, one box per role and an
arrow for each usual move to a next role. The template only draws what this computes."""

import textwrap
from dataclasses import dataclass

from careers.models import Role
from careers.selectors import roles_by_stage
from core.templating import format_money

NODE_WIDTH = 170
NODE_HEIGHT = 110
COLUMN_GAP = 52
ROW_GAP = 24
MARGIN = 8
HEADER_HEIGHT = 64
LINE_HEIGHT = 19
TITLE_CHARACTERS = 16  # what fits on one line of a box at the map's font size
TITLE_LINES = 3
HEADING_CHARACTERS = 17
SAME_COLUMN_BULGE = 40  # how far an arrow between roles of one stage curves into the gap


LABELS = {"current": "Your role", "next": "Next step"}


@dataclass(frozen=True)
class TextLine:
    text: str
    y: int
    kind: str  # "label", "title" or "salary", for its style


@dataclass(frozen=True)
class Node:
    role: Role
    x: int
    y: int
    lines: list[TextLine]
    state: str  # "current", "next" or ""


@dataclass(frozen=True)
class Edge:
    path: str
    highlighted: bool


@dataclass(frozen=True)
class Heading:
    x: int
    lines: list[str]


@dataclass(frozen=True)
class PathMap:
    width: int
    height: int
    node_width: int
    node_height: int
    headings: list[Heading]
    nodes: list[Node]
    edges: list[Edge]


def layout(*, roles: list[Role], current: Role | None = None) -> PathMap:
    """Place every role (with `published_next_roles` loaded) in its stage's column."""
    groups = roles_by_stage(roles)
    tallest = max((len(group.roles) for group in groups), default=0)
    next_ids = {role.pk for role in current.published_next_roles} if current else set()
    nodes: dict[int, Node] = {}
    headings = []
    for column, group in enumerate(groups):
        x = MARGIN + column * (NODE_WIDTH + COLUMN_GAP)
        headings.append(Heading(x=x, lines=textwrap.wrap(group.stage.name, HEADING_CHARACTERS)))
        # Shorter columns sit in the middle, so arrows between stages stay short.
        top = HEADER_HEIGHT + (tallest - len(group.roles)) * (NODE_HEIGHT + ROW_GAP) // 2
        for row, role in enumerate(group.roles):
            y = top + row * (NODE_HEIGHT + ROW_GAP)
            state = _state(role, current, next_ids)
            nodes[role.pk] = Node(
                role=role, x=x, y=y, lines=_text_lines(role, y, state), state=state
            )
    edges = [
        Edge(path=_arrow(nodes[role.pk], nodes[target.pk]), highlighted=role == current)
        for role in roles
        for target in role.published_next_roles
        if target.pk in nodes
    ]
    # Highlighted arrows last, so they are drawn on top of the others.
    edges.sort(key=lambda edge: edge.highlighted)
    columns = len(groups)
    return PathMap(
        width=2 * MARGIN
        + columns * NODE_WIDTH
        + max(columns - 1, 0) * COLUMN_GAP
        + SAME_COLUMN_BULGE,
        height=HEADER_HEIGHT + tallest * (NODE_HEIGHT + ROW_GAP) - ROW_GAP + MARGIN,
        node_width=NODE_WIDTH,
        node_height=NODE_HEIGHT,
        headings=headings,
        nodes=list(nodes.values()),
        edges=edges,
    )


def _text_lines(role: Role, top: int, state: str) -> list[TextLine]:
    """The lines written in a role's box, top to bottom: a label when highlighted, the title
    on up to three lines, then the typical salary."""
    lines = []
    y = top + 6
    if state:
        y += 14
        lines.append(TextLine(text=LABELS[state], y=y, kind="label"))
    for text in textwrap.wrap(role.title, TITLE_CHARACTERS)[:TITLE_LINES]:
        y += LINE_HEIGHT + 1
        lines.append(TextLine(text=text, y=y, kind="title"))
    y += LINE_HEIGHT + 2
    salary = (
        f"{format_money(role.salary_from)} to {format_money(role.salary_to)}"
        if role.has_salary
        else "Pay not published"
    )
    lines.append(TextLine(text=salary, y=y, kind="salary"))
    return lines


def _state(role: Role, current: Role | None, next_ids: set[int]) -> str:
    if current is not None and role.pk == current.pk:
        return "current"
    if role.pk in next_ids:
        return "next"
    return ""


def _arrow(source: Node, target: Node) -> str:
    """An SVG path from one box to another: left to right between stages, or a curve out
    to the right between two roles in the same stage."""
    if source.x == target.x:
        # Leave from the upper part and arrive at the lower part, so arrows both ways between
        # the same two roles do not overlap.
        x = source.x + NODE_WIDTH
        y1 = source.y + NODE_HEIGHT * 3 // 8
        y2 = target.y + NODE_HEIGHT * 5 // 8
        bulge = x + SAME_COLUMN_BULGE
        return f"M{x},{y1} C{bulge},{y1} {bulge},{y2} {x + 2},{y2}"
    forwards = target.x > source.x
    x1 = source.x + NODE_WIDTH if forwards else source.x
    x2 = target.x if forwards else target.x + NODE_WIDTH
    y1 = source.y + NODE_HEIGHT // 2
    y2 = target.y + NODE_HEIGHT // 2
    middle = (x1 + x2) // 2
    return f"M{x1},{y1} C{middle},{y1} {middle},{y2} {x2 - 2 if forwards else x2 + 2},{y2}"
