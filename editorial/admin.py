"""Admin for the site's own content pages, editors' changes waiting for a publisher and the
link checker's results."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.text import capfirst

from core.models import ContentPage
from editorial import attention, publishing
from editorial.admin_base import ContentAdmin
from editorial.models import LinkCheck, PendingChange

admin.site.site_header = "Develop your career in child and family social work: content admin"
admin.site.site_title = "Content admin"
admin.site.index_title = "Site content"
# The home page starts with what needs attention (editorial.attention).
admin.site.index_template = "admin/editorial/index.html"


@admin.register(ContentPage)
class ContentPageAdmin(ContentAdmin):
    preview_renderer = "core.views.render_content_page"
    list_display = ["title", "slug", "status", "updated_at", "page_links"]
    list_filter = ["status"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "body", "status"]


@admin.register(PendingChange)
class PendingChangeAdmin(admin.ModelAdmin):
    """Editors' changes to published content. Only publishers see them, and approving one puts
    it live; editors make them by saving on a published item's change page."""

    list_display = ["content", "kind", "author_name", "saved_at", "pages"]
    list_display_links = None
    list_select_related = ["content_type", "author"]
    actions = ["approve_selected", "reject_selected"]

    def has_module_permission(self, request):
        return publishing.can_publish(request.user)

    def has_view_permission(self, request, obj=None):
        return publishing.can_publish(request.user)

    def has_publish_permission(self, request):
        return publishing.can_publish(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # rejecting a change is the way to remove it

    @admin.display(description="Changed item")
    def content(self, change: PendingChange):
        target = change.content_object
        if target is None:
            return "(no longer exists)"
        return format_html(
            '<a href="{}">{}</a>', self._model_admin(change).change_url(target), target
        )

    @admin.display(description="Type")
    def kind(self, change: PendingChange) -> str:
        return capfirst(change.content_type.name)

    @admin.display(description="Changed by")
    def author_name(self, change: PendingChange) -> str:
        return change.author_name

    @admin.display(description="Pages")
    def pages(self, change: PendingChange):
        target = change.content_object
        if target is None:
            return ""
        preview = format_html(
            '<a href="{}">Preview with the change</a>',
            self._model_admin(change).waiting_preview_url(target),
        )
        if not target.is_public:
            return preview
        return format_html(
            '{} | <a href="{}">Public page now</a>', preview, target.get_absolute_url()
        )

    def _model_admin(self, change: PendingChange):
        return self.admin_site.get_model_admin(change.content_type.model_class())

    @admin.action(
        description="Approve selected changes (the public sees them at once)",
        permissions=["publish"],
    )
    def approve_selected(self, request, queryset):
        for change in queryset:
            what = f"{change.content_type.name} '{change.content_object or change.object_id}'"
            errors = self._model_admin(change).approve_change(request, change)
            if errors:
                self.message_user(
                    request,
                    f"The change to the {what} by {change.author_name} was not applied: "
                    + " ".join(errors)
                    + " It is still waiting.",
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request,
                    f"Approved the change to the {what} by {change.author_name}. "
                    "The public sees it now.",
                )

    @admin.action(
        description="Reject selected changes (the public page stays as it is)",
        permissions=["publish"],
    )
    def reject_selected(self, request, queryset):
        count = queryset.count()
        queryset.delete()
        noun = "change" if count == 1 else "changes"
        self.message_user(request, f"Rejected {count} {noun}. The public pages have not changed.")


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


# Entries on the admin home page (registered in core.apps).


def changes_waiting(request) -> list[attention.AttentionItem]:
    return attention.admin_list(
        request,
        PendingChange.objects.all(),
        query="",
        one="1 change is waiting for a publisher",
        many="{count} changes are waiting for a publisher",
    )


def broken_links(request) -> list[attention.AttentionItem]:
    return attention.admin_list(
        request,
        LinkCheck.objects.filter(is_broken=True),
        query="is_broken__exact=1",
        one="1 link in the content is broken",
        many="{count} links in the content are broken",
    )
