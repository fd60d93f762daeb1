from django.urls import path

from core import cookie_views, feedback_views, views
from core.models import CONTENT_PAGE_SLUGS

app_name = "core"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("cookies", cookie_views.cookies, name="cookies"),
    path("cookies/consent", cookie_views.cookie_consent, name="cookie_consent"),
    path("page-feedback", feedback_views.feedback, name="feedback"),
    path("page-feedback/thank-you", feedback_views.feedback_thanks, name="feedback_thanks"),
    *[
        path(slug, views.content_page, {"slug": slug}, name=slug.replace("-", "_"))
        for slug in CONTENT_PAGE_SLUGS
    ],
]
