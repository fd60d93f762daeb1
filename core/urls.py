from django.urls import path

from core import views
from core.models import CONTENT_PAGE_SLUGS

app_name = "core"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    *[
        path(slug, views.content_page, {"slug": slug}, name=slug.replace("-", "_"))
        for slug in CONTENT_PAGE_SLUGS
    ],
]
