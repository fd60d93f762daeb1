"""Every app's addresses, assembled. Each app owns its own urls.py."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("", include("careers.urls")),
    path("", include("programmes.urls")),
    path("", include("search.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
