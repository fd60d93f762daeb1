"""Every app's addresses, assembled. Each app owns its own urls.py."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import RedirectView

from careers import api as careers_api
from careers.sitemaps import SITEMAPS as CAREERS_SITEMAPS
from core import old_addresses, opendata
from core.seo import robots_txt
from core.sitemaps import SITEMAPS as CORE_SITEMAPS
from programmes import api as programmes_api
from programmes.sitemaps import SITEMAPS as PROGRAMMES_SITEMAPS
from search.views import sitemap_page

# Every app's sitemap sections, in the order the HTML sitemap page lists them.
SITEMAPS = {**CAREERS_SITEMAPS, **PROGRAMMES_SITEMAPS, **CORE_SITEMAPS}

# The open data API's OpenAPI description: the shared parts and each app's endpoints.
OPEN_DATA_API = opendata.api_description(
    opendata.OPENAPI, careers_api.OPENAPI, programmes_api.OPENAPI
)

urlpatterns = [
    path("", include("core.urls")),
    path("", include("careers.urls")),
    path("", include("programmes.urls")),
    path("", include("search.urls")),
    path("", include("insight.urls")),
    path("", include("alerts.urls")),
    path("api/v1/", include("careers.api_urls")),
    path("api/v1/", include("programmes.api_urls")),
    path("api/v1/openapi.json", opendata.openapi, {"document": OPEN_DATA_API}, name="openapi"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_xml"),
    path("sitemap", sitemap_page, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Where the insight dashboard used to be, for staff who bookmarked it.
    path(
        f"{settings.ADMIN_URL}programmes/signupinsight/",
        RedirectView.as_view(
            pattern_name="admin:insight_signupinsight_changelist", query_string=True
        ),
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    # Last, so an old address can never hide one of ours.
    *old_addresses.urlpatterns(),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
