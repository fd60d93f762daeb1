"""The insight dashboard, shown in the admin to staff with "View sign-up insight", and the
answers to "Is this page useful?" (read, filter, search, export and mark read)."""

from importlib import import_module
from types import ModuleType

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.text import Truncator

from core.csv_export import csv_response
from editorial import attention
from insight import selectors, services
from insight.chart import bar_chart
from insight.forms import DEFAULT_PRESET, PRESETS, PeriodForm
from insight.models import PageFeedback, SignUpInsight
from insight.plans import PlanDemand, plan_demand

PERMISSION = "insight.view_signup_insight"
# Feedback is never changed: "change" on it means only marking it read or not read.
MARK_READ_PERMISSION = "insight.change_pagefeedback"


def csv_rows(data: selectors.Insight, plans: PlanDemand) -> list[list]:
    period = data.period
    rows: list[list] = [
        ["Sign-up insight", f"{period.start:%Y-%m-%d}", f"{period.end:%Y-%m-%d}"],
        [],
        ["Programme", "Page views", "Sign-up clicks", "Unique clickers", "Click-through rate %"],
    ]
    rows += [
        [r["name"], r["views"], r["clicks"], r["unique_clickers"], r["ctr"]]
        for r in data.programmes
    ]
    t = data.totals
    rows += [["Total", t["views"], t["clicks"], t["unique_clickers"], t["ctr"]], []]
    rows += [["Step on the route to a sign-up", "Number", "Share of the step before %"]]
    rows += [[r["step"], r["count"], r["share"]] for r in data.route]
    rows += [[], STAGE_COLUMNS]
    rows += [
        [r["label"], r["stage_views"], r["programme_views"], r["clicks"], r["ctr"]]
        for r in data.stages
    ]
    rows += [[], ["Page the click came from", "Sign-up clicks"]]
    rows += [[r["source_path"], r["clicks"]] for r in data.sources]
    rows += [[], ["Date", "Programme page views", "Sign-up clicks"]]
    rows += [[f"{d['date']:%Y-%m-%d}", d["views"], d["clicks"]] for d in data.days]
    rows += [[], ["Page", "Type", "Page views"]]
    rows += [[r["title"], r["kind"], r["views"]] for r in data.pages]
    rows += [[], ["Plan your next step: plans made", plans.total]]
    rows += [[], ["What they want next", "Plans"], *plans.by_aim]
    rows += [[], ["Suggested role", "Plans", "Programmes people can join today"]]
    rows += [[r.title, r.plans, ", ".join(r.programmes) or "None"] for r in plans.suggested]
    rows += [[], ["Current role", "Plans"], *plans.by_role]
    rows += [[], ["Current role", "What they want next", "Suggested roles", "Plans"]]
    rows += [[r["role"], r["aim"], r["suggested"], r["plans"]] for r in plans.combinations]
    rows += [[], ["Date", "Plans made"]]
    rows += [[f"{d['date']:%Y-%m-%d}", d["plans"]] for d in plans.days]
    return rows


STAGE_COLUMNS = [
    "Career stage",
    "Stage page views",
    "Views of the programme pages it lists",
    "Sign-up clicks through the stage",
    "Click-through rate %",
]


@admin.register(SignUpInsight)
class SignUpInsightAdmin(admin.ModelAdmin):
    """No records to edit: the list page is the dashboard."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PERMISSION)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        # The dashboard only: never one click's own page or history.
        return obj is None and request.user.has_perm(PERMISSION)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [
            path("export.csv", export, name="insight_signupinsight_export"),
            *super().get_urls(),
        ]

    def _insight(self, request: HttpRequest) -> tuple[PeriodForm, selectors.Insight | None]:
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        form = PeriodForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            return form, None
        # Views still waiting in the shared cache are written first, so today's are shown.
        services.flush_page_views()
        return form, selectors.insight(period=form.get_period())

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        form, data = self._insight(request)
        context = {
            **self.admin_site.each_context(request),
            "title": "Sign-up insight",
            "opts": self.model._meta,
            "form": form,
            "presets": _presets(form),
            "date_inputs": form.date_inputs(data and data.period),
            "error_summary": form.error_summary() if data is None else [],
            "data": data,
            "charts": data
            and [
                ("views", "Programme page views per day", bar_chart(data.days, "views")),
                ("clicks", "Sign-up clicks per day", bar_chart(data.days, "clicks")),
            ],
            "query": request.GET.urlencode(),
        }
        if data is not None:
            plans = plan_demand(period=data.period)
            context["plans"] = plans
            context["plan_chart"] = bar_chart(plans.days, "plans")
            # Sections the floors above add (settings.INSIGHT_DASHBOARD_SECTIONS), as HTML.
            context["more_sections"] = [
                section.html(period=data.period) for section in more_sections()
            ]
        # A GET form with errors: the same page, its error summary first, and a 400 as any
        # bad input to the site gets.
        status = 400 if data is None else 200
        return TemplateResponse(request, "admin/insight/dashboard.html", context, status=status)

    def export_view(self, request: HttpRequest) -> HttpResponse:
        form, data = self._insight(request)
        if data is None:
            return self.changelist_view(request)
        rows = csv_rows(data, plan_demand(period=data.period))
        for section in more_sections():
            rows += [[], *section.csv_rows(period=data.period)]
        return csv_response(f"sign-up-insight-{timezone.localdate()}.csv", rows)


def more_sections() -> list[ModuleType]:
    """The sections the floors above add (settings.INSIGHT_DASHBOARD_SECTIONS)."""
    return [import_module(name) for name in settings.INSIGHT_DASHBOARD_SECTIONS]


def _presets(form: PeriodForm) -> list[dict]:
    """The quick links to the last 7, 30 and 90 days, marking the one shown."""
    asked = form.data.get("period") if form.is_bound else None
    shown = asked or DEFAULT_PRESET
    return [
        {"value": value, "label": f"Last {days} days", "current": value == shown}
        for value, days in PRESETS.items()
    ]


class ReadFilter(admin.SimpleListFilter):
    title = "read"
    parameter_name = "read"

    def lookups(self, request, model_admin):
        return [("no", "Not read"), ("yes", "Read")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.not_read()
        if self.value() == "yes":
            return queryset.exclude(read_at=None)
        return queryset


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    """Opening an answer marks it read, for staff who deal with feedback (editors and
    publishers); analysts can read it without taking it off anyone's list."""

    list_display = ["created_at", "path", "useful", "short_comment", "is_read"]
    list_filter = [ReadFilter, "useful", ("created_at", admin.DateFieldListFilter), "path"]
    search_fields = ["path", "comment"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "path", "useful", "comment", "read_at"]
    actions = ["export_csv", "mark_read", "mark_not_read"]
    list_per_page = 50

    @admin.display(description="comment")
    def short_comment(self, obj: PageFeedback) -> str:
        # Returned as text: the admin escapes it, so a comment can never inject HTML.
        return Truncator(obj.comment).chars(120)

    @admin.display(description="read", boolean=True)
    def is_read(self, obj: PageFeedback) -> bool:
        return obj.read_at is not None

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_mark_read_permission(self, request) -> bool:
        return request.user.has_perm(MARK_READ_PERMISSION)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and self.has_mark_read_permission(request):
            feedback = self.get_object(request, unquote(object_id))
            if feedback is not None:
                services.mark_feedback_read(feedback=PageFeedback.objects.filter(pk=feedback.pk))
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description="Download selected feedback as a CSV file", permissions=["view"])
    def export_csv(self, request, queryset):
        rows = [["Date", "Page", "Useful", "Comment"]]
        rows += [
            [f"{timezone.localtime(when):%Y-%m-%d %H:%M}", path, "Yes" if useful else "No", comment]
            for when, path, useful, comment in queryset.values_list(
                "created_at", "path", "useful", "comment"
            )
        ]
        return csv_response(f"page-feedback-{timezone.localdate()}.csv", rows)

    @admin.action(description="Mark selected feedback as read", permissions=["mark_read"])
    def mark_read(self, request, queryset):
        count = services.mark_feedback_read(feedback=queryset)
        self.message_user(request, f"Marked {count} as read.")

    @admin.action(description="Mark selected feedback as not read", permissions=["mark_read"])
    def mark_not_read(self, request, queryset):
        count = services.mark_feedback_not_read(feedback=queryset)
        self.message_user(request, f"Marked {count} as not read.")


def feedback_not_read(request: HttpRequest) -> list[attention.AttentionItem]:
    """The admin home page's entry (registered in insight.apps)."""
    return attention.admin_list(
        request,
        PageFeedback.objects.not_read(),
        query="read=no",
        one='1 answer to "Is this page useful?" has not been read',
        many='{count} answers to "Is this page useful?" have not been read',
    )
