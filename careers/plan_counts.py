"""Counting plans for DfE: how many plans were drawn each day for each current role, aim and
set of suggested roles. Nothing about the person is stored, and no cookie is set: the count
is one number per combination and day.

A plan is counted once each time its page is drawn with complete answers, except for
automated visitors and for the reloads that save ticks (their address has `done` or `saved`).
Plan pages have a query string, so the page cache never keeps them and every view reaches the
view function that counts it."""

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import DatabaseError
from django.db.models import Sum
from django.http import HttpRequest

from careers.models import PlanCount
from core.counters import add_to_count
from edge.bots import is_bot

logger = logging.getLogger(__name__)

TICKS = "done"
SAVED = "saved"


def should_count(request: HttpRequest) -> bool:
    if request.method != "GET" or is_bot(request.headers.get("User-Agent")):
        return False
    return TICKS not in request.GET and SAVED not in request.GET


def record_plan(*, day: datetime.date, role: str, aim: str, suggested: Sequence[str]) -> None:
    """Add one to the day's count for this combination: two processes counting the same
    combination at once both count. A database error is logged, never
    shown: the plan matters more than its count."""
    keys = {"day": day, "role": role, "aim": aim, "suggested": ",".join(suggested)}
    try:
        add_to_count(PlanCount, keys=keys, field="count")
    except DatabaseError:
        logger.exception("Plan not counted")


@dataclass(frozen=True)
class PlanTotal:
    role: str
    aim: str
    suggested: tuple[str, ...]
    plans: int


def plan_totals(*, start: datetime.date, end: datetime.date) -> list[PlanTotal]:
    """Plans per current role, aim and suggested roles between two days (both included),
    most plans first. One query, whatever the period."""
    rows = (
        PlanCount.objects.filter(day__range=(start, end))
        .values("role", "aim", "suggested")
        .annotate(plans=Sum("count"))
        .order_by("-plans", "role", "aim", "suggested")
    )
    return [
        PlanTotal(
            role=row["role"],
            aim=row["aim"],
            suggested=tuple(filter(None, row["suggested"].split(","))),
            plans=row["plans"],
        )
        for row in rows
    ]


def plans_per_day(*, start: datetime.date, end: datetime.date) -> dict[datetime.date, int]:
    """Plans drawn on each day between two days that had any. One query."""
    rows = (
        PlanCount.objects.filter(day__range=(start, end))
        .values("day")
        .annotate(plans=Sum("count"))
        .values_list("day", "plans")
    )
    return dict(rows)
