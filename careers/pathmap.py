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
    lanes = _lanes(list(nodes.values()))
    edges = [
        Edge(path=_arrow(nodes[role.pk], nodes[target.pk], lanes), highlighted=role == current)
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


def _lanes(nodes: list[Node]) -> dict[int, list[int]]:
    """For each column (by its x), the heights at which a line can cross it without going
    through a box: above its first box, and in the gap below each box."""
    lanes: dict[int, list[int]] = {}
    for node in sorted(nodes, key=lambda node: node.y):
        column = lanes.setdefault(node.x, [node.y - ROW_GAP // 2])
        column.append(node.y + NODE_HEIGHT + ROW_GAP // 2)
    return lanes


def _crossing(source: Node, target: Node, lanes: dict[int, list[int]]) -> tuple[int, int, int]:
    """Where an arrow that skips a stage crosses the columns in between: the height of the
    free lane nearest its ends, and the lane's left and right ends."""
    left, right = sorted((source.x, target.x))
    between = [x for x in lanes if left < x < right]
    free = set.intersection(*(set(lanes[x]) for x in between))
    # Headings sit above the boxes, so the space just above the tallest column is always free.
    free.add(HEADER_HEIGHT - ROW_GAP // 2)
    middle = (source.y + target.y + NODE_HEIGHT) // 2
    y = min(free, key=lambda lane: (abs(lane - middle), lane))
    return y, min(between) - COLUMN_GAP // 4, max(between) + NODE_WIDTH + COLUMN_GAP // 4


def _arrow(source: Node, target: Node, lanes: dict[int, list[int]]) -> str:
    """An SVG path from one box to another: left to right between stages, or a curve out
    to the right between two roles in the same stage. An arrow that skips a stage runs along
    a gap between that stage's boxes, so it never crosses a box."""
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
    end = x2 - 2 if forwards else x2 + 2
    if abs(target.x - source.x) > NODE_WIDTH + COLUMN_GAP:
        lane, lane_left, lane_right = _crossing(source, target, lanes)
        start, finish = (lane_left, lane_right) if forwards else (lane_right, lane_left)
        into, out_of = (x1 + start) // 2, (finish + x2) // 2
        return (
            f"M{x1},{y1} C{into},{y1} {into},{lane} {start},{lane} L{finish},{lane} "
            f"C{out_of},{lane} {out_of},{y2} {end},{y2}"
        )
    middle = (x1 + x2) // 2
    return f"M{x1},{y1} C{middle},{y1} {middle},{y2} {end},{y2}"
