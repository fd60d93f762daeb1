"""The email alerts section of the insight dashboard (registered in
settings.INSIGHT_DASHBOARD_SECTIONS, so insight knows nothing of alerts): how many people wait
for each programme and stage, how many confirmed each day, and after each opening the emails
sent and the sign-up clicks that came from them. The page and its CSV download show the same
figures."""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from alerts import selectors
from insight.chart import bar_chart
from insight.selectors import Period


def figures(*, period: Period) -> dict:
    per_day = selectors.new_per_day(start=period.start, end=period.end)
    return {
        "programmes": selectors.waiting_per_programme(start=period.start, end=period.end),
        "stages": selectors.waiting_per_stage(start=period.start, end=period.end),
        "days": [{"date": day, "waiting": per_day.get(day, 0)} for day in period.dates()],
        "by_subject": selectors.new_per_day_by_subject(start=period.start, end=period.end),
        "openings": selectors.openings_with_results(start=period.start, end=period.end),
    }


def html(*, period: Period) -> SafeString:
    context = figures(period=period)
    context["chart"] = bar_chart(context["days"], "waiting")
    return render_to_string("admin/alerts/_dashboard.html", context)


WAITING_COLUMNS = ["Confirmed", "New in this period", "Not confirmed yet"]
OPENING_COLUMNS = ["Opening", "What happened", "Career stage", "Date", "Campaign tag"]
OPENING_COLUMNS += ["Emails sent", "Sign-up clicks from the email"]


def csv_rows(*, period: Period) -> list[list]:
    data = figures(period=period)
    rows: list[list] = [["Email alerts: waiting for a programme to open", *WAITING_COLUMNS]]
    rows += [[r["name"], r["confirmed"], r["new"], r["pending"]] for r in data["programmes"]]
    rows += [[], ["Email alerts: waiting for a new programme for a stage", *WAITING_COLUMNS]]
    rows += [[r["name"], r["confirmed"], r["new"], r["pending"]] for r in data["stages"]]
    rows += [[], ["Date", "Email alerts confirmed"]]
    rows += [[f"{d['date']:%Y-%m-%d}", d["waiting"]] for d in data["days"]]
    rows += [[], ["Date", "Alert for", "Programme or career stage", "Email alerts confirmed"]]
    rows += [
        [f"{r['date']:%Y-%m-%d}", r["kind"], r["name"], r["confirmed"]] for r in data["by_subject"]
    ]
    rows += [[], OPENING_COLUMNS]
    rows += [
        [o["programme"], o["kind"], o["stage"], f"{o['opened_on']:%Y-%m-%d}", o["campaign"]]
        + [o["sent"], o["clicks"]]
        for o in data["openings"]
    ]
    return rows
