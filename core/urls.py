from django.urls import path

from core import views

app_name = "core"

# The service's own pages sit at fixed addresses named in the footer.
CONTENT_PAGE_SLUGS = ["accessibility", "privacy", "terms-and-conditions"]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    *[
        path(slug, views.content_page, {"slug": slug}, name=slug.replace("-", "_"))
        for slug in CONTENT_PAGE_SLUGS
    ],
]
