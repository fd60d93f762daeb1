from django.urls import path

from programmes import views

app_name = "programmes"

urlpatterns = [
    path("development-programmes/", views.programme_list, name="list"),
    path("development-programmes/<slug:slug>/", views.programme_detail, name="detail"),
    path("development-programmes/<slug:slug>/sign-up/", views.sign_up, name="sign_up"),
]
