"""The insight dashboard, shown in the admin to staff with "View sign-up insight", and the
answers to "Is this page useful?" (read, filter, search and export)."""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import Truncator

from core.csv_export import csv_response
from insight import selectors, services
from insight.chart import bar_chart
from insight.forms import PeriodForm
from insight.models import PageFeedback, SignUpInsight
from insight.plans import plan_demand

PERMISSION = "insight.view_signup_insight"


def csv_rows(data: selectors.Insight) -> list[list]:
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
    rows += [["Career stage", "Sign-up clicks"]]
    rows += [[r["label"], r["clicks"]] for r in data.stages]
    rows += [[], ["Page the click came from", "Sign-up clicks"]]
    rows += [[r["source_path"], r["clicks"]] for r in data.sources]
    rows += [[], ["Date", "Programme page views", "Sign-up clicks"]]
    rows += [[f"{d['date']:%Y-%m-%d}", d["views"], d["clicks"]] for d in data.days]
    rows += [[], ["Page", "Type", "Page views"]]
    rows += [[r["title"], r["kind"], r["views"]] for r in data.pages]
    return rows


@admin.register(SignUpInsight)
class SignUpInsightAdmin(admin.ModelAdmin):
    """No records to edit: the list page is the dashboard."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PERMISSION)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm(PERMISSION)

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
                import_string(name)(period=data.period)
                for name in settings.INSIGHT_DASHBOARD_SECTIONS
            ]
        status = 400 if data is None else 200
        return TemplateResponse(request, "admin/insight/dashboard.html", context, status=status)

    def export_view(self, request: HttpRequest) -> HttpResponse:
        form, data = self._insight(request)
        if data is None:
            return self.changelist_view(request)
        return csv_response(f"sign-up-insight-{timezone.localdate()}.csv", csv_rows(data))


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "path", "useful", "short_comment"]
    list_filter = ["useful", ("created_at", admin.DateFieldListFilter), "path"]
    search_fields = ["path", "comment"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "path", "useful", "comment"]
    actions = ["export_csv"]
    list_per_page = 50

    @admin.display(description="comment")
    def short_comment(self, obj: PageFeedback) -> str:
        # Returned as text: the admin escapes it, so a comment can never inject HTML.
        return Truncator(obj.comment).chars(120)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

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
