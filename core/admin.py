"""Admin for the site's own content pages and the link checker's results."""

from django.contrib import admin

from core.admin_base import ContentAdmin
from core.models import ContentPage, LinkCheck

admin.site.site_header = "Develop your career in child and family social work: content admin"
admin.site.site_title = "Content admin"
admin.site.index_title = "Site content"


@admin.register(ContentPage)
class ContentPageAdmin(ContentAdmin):
    preview_renderer = "core.views.render_content_page"
    list_display = ["title", "slug", "status", "updated_at", "page_links"]
    list_filter = ["status"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "body", "status"]
    help_texts = {
        "title": "The page heading, for example 'Privacy notice'. Keep it short.",
        "slug": (
            "The page address after the site name, for example 'privacy'. The footer links "
            "to 'accessibility', 'privacy' and 'terms-and-conditions'."
        ),
        "summary": "One sentence describing the page. Search engines show it under the title.",
    }


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    """Read-only: `manage.py check_links` writes these, on a schedule."""

    list_display = ["url", "is_broken", "status_code", "error", "found_in", "checked_at"]
    list_filter = ["is_broken"]
    search_fields = ["url", "found_in"]
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# "Is this page useful?" answers: their ModelAdmin lives in its own module.
from core import feedback_admin  # noqa: E402, F401
