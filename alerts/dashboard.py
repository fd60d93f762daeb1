"""The email alerts section of the insight dashboard (registered in
settings.INSIGHT_DASHBOARD_SECTIONS, so insight knows nothing of alerts): how many people wait
for each programme and stage, how many confirmed each day, and after each opening the emails
sent and the sign-up clicks that came from them."""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from alerts import selectors
from insight.chart import bar_chart
from insight.selectors import Period


def section(*, period: Period) -> SafeString:
    per_day = selectors.new_per_day(start=period.start, end=period.end)
    days = [{"date": day, "waiting": per_day.get(day, 0)} for day in period.dates()]
    context = {
        "programmes": selectors.waiting_per_programme(start=period.start, end=period.end),
        "stages": selectors.waiting_per_stage(start=period.start, end=period.end),
        "days": days,
        "chart": bar_chart(days, "waiting"),
        "openings": selectors.openings_with_results(start=period.start, end=period.end),
    }
    return render_to_string("admin/alerts/_dashboard.html", context)
