from django.urls import path

from careers import views

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
]
