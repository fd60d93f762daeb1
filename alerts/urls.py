from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("email-alerts/programme/<slug:slug>/", views.subscribe_programme, name="programme"),
    path("email-alerts/career-stage/<slug:slug>/", views.subscribe_stage, name="stage"),
    path("email-alerts/check-your-email/", views.check_your_email, name="check_email"),
    path("email-alerts/confirm/<str:token>/", views.confirm, name="confirm"),
    path("email-alerts/stop/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("email-alerts/manage/", views.manage_request, name="manage_request"),
    path("email-alerts/manage/<str:token>/", views.manage, name="manage"),
]
