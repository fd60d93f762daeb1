"""What people aim for in "Plan your next step", for the insight dashboard: how many plans
were made, by aim and current role, which roles they were pointed to, and which of those
roles no programme people can join today prepares for (demand nothing meets yet).

Kept apart from the sign-up numbers (insight.selectors) so the section can move with the
dashboard as one piece. The counts are read through careers.plan_counts."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from careers import plan_counts
from careers.models import Role
from careers.plan import AIMS
from insight.selectors import Period
from programmes.lifecycle import State
from programmes.models import Programme

# Ways in that people can use today, by applying themselves or through their employer.
JOINABLE = {State.OPEN, State.ANY_TIME, State.EMPLOYER_REGISTERS, State.EMPLOYER_NOMINATES}
TOP_COMBINATIONS = 50


@dataclass(frozen=True)
class SuggestedRole:
    title: str
    plans: int
    programmes: list[str]  # programmes people can join today that prepare for the role


@dataclass(frozen=True)
class PlanDemand:
    total: int
    by_aim: list[tuple[str, int]]
    by_role: list[tuple[str, int]]
    suggested: list[SuggestedRole]
    combinations: list[dict]
    days: list[dict]

    @property
    def unmet(self) -> list[SuggestedRole]:
        return [role for role in self.suggested if not role.programmes]


def plan_demand(*, period: Period, today: datetime.date | None = None) -> PlanDemand:
    """A fixed number of queries, whatever the period or the number of combinations."""
    today = today or timezone.localdate()
    totals = plan_counts.plan_totals(start=period.start, end=period.end)
    aims = {aim.value: aim.text for aim in AIMS}
    programmes = Programme.objects.public().prefetch_related("windows")
    roles = {
        role.slug: role
        for role in Role.objects.prefetch_related(
            Prefetch("programmes", queryset=programmes, to_attr="insight_programmes")
        )
    }

    def title(slug: str) -> str:
        # A role deleted since keeps its address in the counts.
        return roles[slug].title if slug in roles else slug

    by_aim, by_role, suggested = Counter(), Counter(), Counter()
    for row in totals:
        by_aim[row.aim] += row.plans
        by_role[row.role] += row.plans
        for slug in row.suggested:
            suggested[slug] += row.plans
    per_day = plan_counts.plans_per_day(start=period.start, end=period.end)
    return PlanDemand(
        total=sum(by_aim.values()),
        by_aim=[(aims.get(aim, aim), plans) for aim, plans in by_aim.most_common()],
        by_role=[(title(slug), plans) for slug, plans in by_role.most_common()],
        suggested=[
            SuggestedRole(
                title=title(slug),
                plans=plans,
                programmes=[
                    programme.name
                    for programme in getattr(roles.get(slug), "insight_programmes", [])
                    if programme.status_on(today).state in JOINABLE
                ],
            )
            for slug, plans in suggested.most_common()
        ],
        combinations=[
            {
                "role": title(row.role),
                "aim": aims.get(row.aim, row.aim),
                "suggested": ", ".join(title(slug) for slug in row.suggested),
                "plans": row.plans,
            }
            for row in totals[:TOP_COMBINATIONS]
        ],
        days=[{"date": day, "plans": per_day.get(day, 0)} for day in period.dates()],
    )
