from django.urls import path

from careers import plan_views, views

app_name = "careers"

urlpatterns = [
    path("", views.home, name="home"),
    path("career-stages/", views.stage_list, name="stages"),
    path("career-stages/<slug:slug>/", views.stage_detail, name="stage"),
    path("explore-roles/", views.role_list, name="roles"),
    # Before the role pattern, so "compare" is never read as a role's slug.
    path("explore-roles/compare/", views.compare_roles, name="compare"),
    path("explore-roles/<slug:slug>/", views.role_detail, name="role"),
    path("career-paths/", views.career_paths, name="career_paths"),
    path("explore-areas-of-practice/", views.area_list, name="areas"),
    path("explore-areas-of-practice/<slug:slug>/", views.area_detail, name="area"),
    path("guidance/<slug:slug>/", views.guidance_detail, name="guidance"),
    path("plan-your-next-step/", plan_views.start, name="plan_start"),
    path("plan-your-next-step/check-your-answers/", plan_views.check, name="plan_check"),
    path("plan-your-next-step/your-plan/", plan_views.plan, name="plan"),
    path("plan-your-next-step/your-plan/calendar.ics", plan_views.calendar, name="plan_calendar"),
    path("plan-your-next-step/<slug:slug>/", plan_views.question, name="plan_question"),
]
