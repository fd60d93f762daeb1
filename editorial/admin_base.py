"""What every content admin shares: plain-English help, page-address rules, link checks,
history and revert, and, for content that can be a draft, preview, publishing and the
review of editors' changes to published content."""

from functools import partialmethod

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.forms.formsets import all_valid
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from core.cache import forget
from core.markdown import render_markdown
from core.models import MarkdownBody, Status
from core.validators import validate_lowercase_slug
from editorial import attention, fact_checks, linkcheck, publishing, review
from editorial.history import ReadableDiff, record_version, relations_in_version
from editorial.models import PendingChange

PREVIEW_BUTTON = "_preview"
MARKDOWN_PREVIEW_BUTTON = "_markdown_preview"


class FactsCheckFilter(admin.SimpleListFilter):
    """'Needs checking': items whose facts were never checked or are older than the allowed
    age (FACTS_CHECK_MAX_AGE_DAYS)."""

    title = "facts checked"
    parameter_name = "facts"

    def lookups(self, request, model_admin):
        return [("due", "Needs checking")]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return fact_checks.needs_checking(queryset)
        return queryset


def facts_due_attention(model: type[models.Model], plural: str):
    """An admin home page entry: how many of this model's items need their facts checking,
    linking to that list. Shown only to staff who can see the items."""
    opts = model._meta

    def source(request: HttpRequest) -> list[attention.AttentionItem]:
        return attention.admin_list(
            request,
            fact_checks.needs_checking(model.objects.all()),
            query="facts=due",
            one=f"1 {opts.verbose_name} needs its facts checking",
            many=f"{{count}} {plural} need their facts checking",
        )

    return source


class MarkdownTextarea(forms.Textarea):
    """A Markdown text box with a Preview button beside it. The button posts the form, which
    comes back unsaved with the text drawn by the site's own renderer next to the box
    (EditorForm); static/js/admin-editing.js does the same without leaving the page."""

    template_name = "editorial/widgets/markdown_textarea.html"
    show_preview = False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["guide_url"] = reverse("admin:guide")
        context["preview_button"] = MARKDOWN_PREVIEW_BUTTON
        # Sanitised by render_markdown: raw HTML in the text is shown as text.
        rendered = mark_safe(render_markdown(value or "")) if self.show_preview else None  # noqa: S308
        context["preview_html"] = rendered
        return context


class EditorForm(forms.ModelForm):
    """Admin form rules shared by every content model."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.previewing_markdown = self.is_bound and MARKDOWN_PREVIEW_BUTTON in self.data
        for field in self.fields.values():
            if isinstance(field.widget, MarkdownTextarea):
                field.widget.show_preview = self.previewing_markdown

    def is_valid(self) -> bool:
        # Previewing Markdown shows the form again as it was posted, saving nothing; any
        # mistakes in it are shown as usual.
        return super().is_valid() and not self.previewing_markdown

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        validate_lowercase_slug(slug)
        return slug


class ListRowForm(forms.ModelForm):
    """A row of a list whose boxes can be changed in place (`list_editable`). Django gives
    those boxes no label, so each is named by its column and its row: "Order, ASYE"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{field.label}, {self.instance}"


class PreviewReady(Exception):  # noqa: N818 - a signal, not an error
    """Carries a rendered preview out of the admin's save transaction, which then rolls
    back: the editor sees the unsaved changes and nothing is stored."""

    def __init__(self, response: HttpResponse):
        super().__init__("preview")
        self.response = response


class ChangeHeld(Exception):  # noqa: N818 - a signal, not an error
    """Carries an editor's change to published content out of the admin's save transaction,
    which then rolls back: the public page keeps the published version, and the change waits
    for a publisher."""

    def __init__(self, request: HttpRequest, obj):
        super().__init__("held for review")
        self.request = request
        self.obj = obj


UNREADABLE = (
    "The waiting change cannot be read, so it cannot be shown or applied. Reject it and ask "
    "the editor to make the change again."
)


def recheck_button(url: str):
    """'Check this link again' for one address. It belongs to the one form on the page that
    posts to LinkCheckAdmin.check_again_view (admin/editorial/recheck_form.html), which sits
    outside any other form."""
    return format_html(
        '<button type="submit" class="button app-recheck" form="link-recheck" name="url" '
        'value="{}">Check this link again<span class="visually-hidden">: {}</span></button>',
        url,
        url,
    )


class EditorAdmin(SimpleHistoryAdmin):
    """History (who changed what, a diff per version, revert). Help text for editors comes
    from each model's fields."""

    form = EditorForm
    change_form_template = "admin/editorial/editor_change_form.html"
    view_on_site = False
    # Enter in a field presses the form's first submit button. With the save buttons on top
    # too, that is Save, not the Preview button of a Markdown box further down the form.
    save_on_top = True
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        # Tick boxes, each with its own label, in place of the admin's two-list chooser, whose
        # script adds controls screen readers cannot use.
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, **{"form": ListRowForm, **kwargs})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if issubclass(self.model, MarkdownBody) and db_field.name in MarkdownBody.markdown_fields:
            kwargs["widget"] = MarkdownTextarea
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableDiff(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        self._require_well_formed_ids(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_well_formed_ids(object_id, version_id)
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            # django-simple-history takes a posted revert from staff who may only look, and
            # would save it if valid: refuse it here rather than rely on the form.
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _require_well_formed_ids(self, object_id: str, version_id: str | None = None) -> None:
        """A mistyped history address is a page that does not exist, not a server error:
        django-simple-history hands the ids straight to the database."""
        try:
            self.model._meta.pk.to_python(unquote(object_id))
            if version_id is not None:
                self.model.history.model._meta.pk.to_python(version_id)
        except ValidationError:
            raise Http404 from None

    def get_form(self, request, obj=None, change=False, **kwargs):
        slugs = [field for field in self.opts.fields if field.name == "slug"]
        if slugs:
            taken = f"Another {self.opts.verbose_name} already uses this {slugs[0].verbose_name}."
            kwargs.setdefault("error_messages", {"slug": {"unique": f"{taken} Choose another."}})
        return super().get_form(request, obj, change, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **self.editor_context(request, object_id)}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def editor_context(self, request: HttpRequest, object_id: str | None) -> dict:
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if obj is None:
            return {}
        may_check = linkcheck.may_check_again(request.user)
        return {
            "link_checks": [
                (url, label, check, recheck_button(url) if may_check else "")
                for url, label, check in linkcheck.checks_for(obj)
            ],
            "recheck_next": request.get_full_path(),
        }


class ContentAdmin(EditorAdmin):
    """Content that is a draft or published: preview for staff, publishing for publishers."""

    #: Dotted path of the public view's render_<thing>(request, obj, *, preview) function.
    preview_renderer = ""
    actions = ["publish_selected", "unpublish_selected"]
    history_list_display = ["status"]

    # Permissions

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return publishing.can_publish(request.user)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if not self.has_publish_permission(request):
            # Editors change the order on each item's page instead, where a change to
            # published content waits for a publisher rather than going live from the list.
            changelist.list_editable = ()
        return changelist

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly.append("status")
        return readonly

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            # Editors never change the status: not through a crafted form, and not by
            # reverting to a version that was published.
            stored = publishing.stored_status(obj)
            if obj.status != stored:
                self.message_user(
                    request,
                    f"Only content publishers can change the status. It stays "
                    f"'{Status(stored).label}'.",
                    messages.WARNING,
                )
                obj.status = stored
        # One version per save, written by log_addition or log_change once the stages, roles
        # and other related items are saved too. Otherwise every related item added or removed
        # would make a version of its own.
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def log_addition(self, request, obj, message):
        self._write_version(obj, created=True)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._write_version(obj, created=False)
        return super().log_change(request, obj, message)

    def _write_version(self, obj, *, created: bool) -> None:
        if hasattr(obj, "skip_history_when_saving"):
            del obj.skip_history_when_saving
            record_version(obj, created=created)

    # Publishing

    @admin.action(description="Publish selected %(verbose_name_plural)s", permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = publishing.publish(objects=queryset, user=request.user)
        self.message_user(
            request, f"Published {count} {self._plural(count)}. The public sees them now."
        )

    @admin.action(
        description="Unpublish selected %(verbose_name_plural)s (back to draft)",
        permissions=["publish"],
    )
    def unpublish_selected(self, request, queryset):
        count = publishing.unpublish(objects=queryset, user=request.user)
        self.message_user(
            request, f"Unpublished {count} {self._plural(count)}. They are drafts now."
        )

    def _plural(self, count: int) -> str:
        return str(self.opts.verbose_name if count == 1 else self.opts.verbose_name_plural)

    # Preview

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        preview = path(
            "<path:object_id>/preview/",
            self.admin_site.admin_view(self.preview_view),
            name=f"{name}_preview",
        )
        waiting = path(
            "<path:object_id>/preview-waiting-change/",
            self.admin_site.admin_view(self.waiting_preview_view),
            name=f"{name}_waiting_preview",
        )
        return [preview, waiting, *super().get_urls()]

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        return self.render_preview(request, self._viewable(request, object_id), changes=False)

    def _viewable(self, request: HttpRequest, object_id: str):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def render_preview(self, request: HttpRequest, obj, *, changes: bool) -> HttpResponse:
        """The public page for `obj`, under a banner saying what staff are looking at.
        `changes`: it shows changes the public page does not have yet."""
        notice = preview_notice(obj, changes=changes)
        response = import_string(self.preview_renderer)(request, obj, preview=notice)
        # Previews may show drafts: keep them out of shared caches and search engines.
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    # Saving, previewing, and holding editors' changes to published content

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "GET" and object_id and not self.has_publish_permission(request):
            self._show_waiting_change(request, object_id)
        return self._saving(
            lambda: super(ContentAdmin, self).changeform_view(
                request, object_id, form_url, extra_context
            )
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        record = self._version(object_id, version_id)
        if record is not None:
            # simple-history's revert form shows the related items as they are now: show
            # them as they were in this version, so reverting restores them too.
            request.historic_relations = relations_in_version(record)
        return self._saving(
            lambda: super(ContentAdmin, self).history_form_view(
                request, object_id, version_id, extra_context
            )
        )

    def _version(self, object_id: str, version_id: str):
        try:
            return self.model.history.filter(id=unquote(object_id), history_id=version_id).first()
        except (ValueError, ValidationError):
            return None

    def _saving(self, view) -> HttpResponse:
        try:
            with transaction.atomic():
                return view()
        except PreviewReady as ready:
            response = ready.response
        except ChangeHeld as held:
            response = self.response_held(held.request, held.obj)
        # The rolled-back save moved this process's content version on; read it again.
        forget()
        return response

    def response_add(self, request, obj, post_url_continue=None):
        if PREVIEW_BUTTON in request.POST:
            raise PreviewReady(self.render_preview(request, obj, changes=True))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if PREVIEW_BUTTON in request.POST:
            raise PreviewReady(self.render_preview(request, obj, changes=True))
        if self.needs_review(request, obj):
            raise ChangeHeld(request, obj)
        return super().response_change(request, obj)

    def needs_review(self, request: HttpRequest, obj) -> bool:
        # save_model keeps an editor's status as stored, so this is the published status.
        return obj.is_published and not self.has_publish_permission(request)

    def response_held(self, request: HttpRequest, obj) -> HttpResponse:
        review.hold(obj=obj, posted=request.POST, author=request.user)
        self.message_user(
            request,
            "These changes are waiting for a publisher. The public page has not changed.",
            messages.WARNING,
        )
        return HttpResponseRedirect(self.change_url(obj))

    def _show_waiting_change(self, request: HttpRequest, object_id: str) -> None:
        """Editors continue from the change that is waiting, so saving again replaces it with
        their new version rather than losing it."""
        obj = self.get_object(request, unquote(object_id))
        change = review.waiting_change(obj) if obj is not None else None
        if change is None:
            return
        if review.readable(change):
            request.waiting_data = review.form_data(change)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        relations = getattr(request, "historic_relations", None)
        if relations is not None:
            form = type(form.__name__, (form,), {})
            form.__init__ = partialmethod(form.__init__, initial=relations)
        if request.method == "GET" and getattr(request, "waiting_data", None) is not None:
            form = type(form.__name__, (form,), {})
            form.__init__ = partialmethod(form.__init__, request.waiting_data)
        return form

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        data = getattr(request, "waiting_data", None)
        if data is None:
            return kwargs
        for posted in ("data", "files", "save_as_new"):
            kwargs.pop(posted, None)
        # A change made by reverting has no inline rows: it leaves them as they are.
        if f"{prefix}-TOTAL_FORMS" in data:
            kwargs["data"] = data
        return kwargs

    def apply_change(self, request: HttpRequest, obj, data: QueryDict, reason: str = "") -> list:
        """Save a stored change form to `obj` through this admin's own form and inline
        formsets, as if it were posted to the change page now. Returns what is wrong with
        it, having saved nothing, when it is no longer valid."""
        data = data.copy()
        data["status"] = obj.status  # a waiting change never publishes or unpublishes
        request.waiting_data = data
        try:
            form = self.get_form(request, obj, change=True)(data, instance=obj)
            formsets = self._create_formsets(request, obj, change=True)[0]
            formsets = [formset for formset in formsets if formset.is_bound]
            valid = form.is_valid()
            if not (all_valid(formsets) and valid):
                return _error_messages(form, formsets)
            obj = self.save_form(request, form, change=True)
            obj._change_reason = reason or None
            self.save_model(request, obj, form, change=True)
            self.save_related(request, form, formsets, change=True)
            self.log_change(request, obj, self.construct_change_message(request, form, formsets))
            return []
        finally:
            del request.waiting_data

    def approve_change(self, request: HttpRequest, change: PendingChange) -> list:
        """Put a waiting change live. Returns why not, changing nothing, if it cannot be."""
        if not self.has_publish_permission(request):
            raise PermissionDenied("Only content publishers can approve changes.")
        obj = self.get_object(request, str(change.object_id))
        if obj is None:
            return [f"The {self.opts.verbose_name} no longer exists."]
        try:
            data = review.form_data(change)
        except review.UnreadableChange:
            return [UNREADABLE]
        with transaction.atomic():
            errors = self.apply_change(
                request, obj, data, reason=f"Approved a change by {change.author_name}"
            )
            if not errors:
                change.delete()
        return errors

    def waiting_preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The page as it will look if a publisher approves the change waiting for it."""
        obj = self._viewable(request, object_id)
        change = review.waiting_change(obj)
        if change is None:
            self.message_user(request, "No changes are waiting for this page.", messages.INFO)
            return HttpResponseRedirect(self.change_url(obj))
        try:
            data = review.form_data(change)
            with transaction.atomic():
                errors = self.apply_change(request, obj, data)
                if not errors:
                    raise PreviewReady(self.render_preview(request, obj, changes=True))
        except PreviewReady as ready:
            forget()
            return ready.response
        except review.UnreadableChange:
            errors = [UNREADABLE]
        self.message_user(
            request,
            "The waiting change cannot be shown: " + " ".join(errors),
            messages.ERROR,
        )
        return HttpResponseRedirect(self.change_url(obj))

    def editor_context(self, request, object_id):
        context = super().editor_context(request, object_id)
        context["can_preview_changes"] = True
        if object_id:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                context["preview_url"] = self.preview_url(obj)
                context["public_url"] = obj.get_absolute_url() if obj.is_public else ""
                context["waiting_change"] = change = review.waiting_change(obj)
                context["waiting_change_unreadable"] = change is not None and not review.readable(
                    change
                )
                context["waiting_preview_url"] = self.waiting_preview_url(obj)
                context["can_publish"] = self.has_publish_permission(request)
        return context

    def change_url(self, obj) -> str:
        return self._url("change", obj)

    def preview_url(self, obj) -> str:
        return self._url("preview", obj)

    def waiting_preview_url(self, obj) -> str:
        return self._url("waiting_preview", obj)

    def _url(self, view: str, obj) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}",
            args=[obj.pk],
            current_app=self.admin_site.name,
        )

    @admin.display(description="Pages")
    def page_links(self, obj):
        preview = format_html('<a href="{}">Preview</a>', self.preview_url(obj))
        if not obj.is_public:
            return preview
        return format_html('{} | <a href="{}">Public page</a>', preview, obj.get_absolute_url())


def preview_notice(obj, *, changes: bool) -> str:
    """What the preview banner says: whether the public can see the page, and whether what
    is shown is already on it."""
    if obj.status != Status.PUBLISHED:
        return "This page is not published."
    if not obj.is_public:
        # For example a published role in a career stage that is still a draft.
        return "This page is published, but the public cannot see it yet."
    if changes:
        return "You are previewing your changes. The published page has not changed yet."
    return "This is the published page, as the public sees it."


def _error_messages(form, formsets) -> list[str]:
    found = []
    for name, errors in form.errors.items():
        label = f"{form[name].label}: " if name in form.fields else ""
        found += [f"{label}{error}" for error in errors]
    for formset in formsets:
        found += list(formset.non_form_errors())
        name = capfirst(formset.model._meta.verbose_name)
        for number, errors in enumerate(formset.errors, start=1):
            for field, messages_ in errors.items():
                found += [f"{name} {number}, {field}: {error}" for error in messages_]
    return found


class ContentImportExportMixin(ImportExportMixin):
    """Spreadsheet import and export for content. An import can change any field of many
    rows at once, sign-up addresses included, so only publishers may run one; an export
    holds drafts, so only staff who can see the content may take one."""

    def has_import_permission(self, request: HttpRequest) -> bool:
        return publishing.can_publish(request.user)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)
