from django.urls import path

from insight import views

app_name = "insight"

urlpatterns = [
    path("cookies", views.cookies, name="cookies"),
    path("cookies/consent", views.cookie_consent, name="cookie_consent"),
    path("page-feedback", views.feedback, name="feedback"),
    path("page-feedback/thank-you", views.feedback_thanks, name="feedback_thanks"),
]
