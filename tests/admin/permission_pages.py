"""Every page and action of the admin, found from the admin site's own registry, and a way
to open each as a member of staff (tests/admin/test_permissions.py)."""

from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.db import transaction
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from alerts.models import Alert
from alerts.services import queue_email
from editorial import review
from editorial.models import LinkCheck
from insight.models import PageFeedback
from programmes.models import ApplicationWindow, Programme, SignUpClick

# Pages that take the item's id, and those that take a version of it too.
ABOUT_ONE_ITEM = {
    "change",
    "delete",
    "history",
    "preview",
    "waiting_preview",
    "password_change",
    "config",
    "qrcode",
}
ABOUT_ONE_VERSION = {"simple_history"}
# Posted to, not opened: the admin refuses to show it.
POSTED = {"process_import", "check_again"}
REFUSED = "No action selected."


def label(model) -> str:
    return model._meta.label_lower


def registered() -> dict[str, admin.ModelAdmin]:
    return {label(model): model_admin for model, model_admin in admin.site._registry.items()}


def pages(model_admin: admin.ModelAdmin) -> set[str]:
    """The model admin's named addresses, each by what follows "<app>_<model>_" in its name
    (the dashboard's CSV, "insight_signupinsight_export", is "export")."""
    prefix = f"{model_admin.opts.app_label}_{model_admin.opts.model_name}_"
    return {url.name.removeprefix(prefix) for url in model_admin.get_urls() if url.name}


def actions(model_admin: admin.ModelAdmin) -> set[str]:
    """Every action the model admin has, as a superuser sees them."""
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return set(model_admin.get_actions(request))


def make_one_of_each() -> None:
    """With the bundled content loaded, one item for each admin that has none."""
    colleague = User.objects.create_user("colleague", is_staff=True)
    programme = Programme.objects.order_by("pk").first()
    # Waiting for another programme than the one whose pages are opened, so the page that
    # previews a waiting change sends everyone who may see it back to the programme (302).
    last = Programme.objects.order_by("pk").last()
    review.hold(obj=last, posted=QueryDict("title=Changed"), author=colleague)
    LinkCheck.objects.create(url="https://a.example/", is_broken=True, checked_at=timezone.now())
    SignUpClick.objects.create(programme=programme)
    today = timezone.localdate()
    ApplicationWindow.objects.create(programme=programme, opens_on=today, closes_on=today)
    PageFeedback.objects.create(path="/", useful=False, comment="Unclear")
    Alert.objects.create(email="a@example.com", programme=programme, confirmed_at=timezone.now())
    queue_email(kind="opened", to="a@example.com", personalisation={}, key="one")
    Group.objects.get_or_create(name="Content editor")
    attempt = {"username": "x", "ip_address": "127.0.0.1", "user_agent": "", "path_info": "/"}
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    AccessAttempt.objects.create(**attempt, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**attempt)
    AccessFailureLog.objects.create(**attempt)
    TOTPDevice.objects.create(user=colleague, name="Phone", confirmed=True)
    StaticDevice.objects.create(user=colleague, name="Backup codes", confirmed=True)


def one_item(model_admin: admin.ModelAdmin):
    item = model_admin.model._default_manager.order_by("pk").first()
    assert item is not None, f"Make a {label(model_admin.model)} in make_one_of_each()"
    return item


def address(model_admin: admin.ModelAdmin, page: str) -> str:
    opts = model_admin.opts
    name = f"admin:{opts.app_label}_{opts.model_name}_{page}"
    if page == "export" and opts.model_name == "signupinsight":
        name = "admin:insight_signupinsight_export"
    if page in ABOUT_ONE_ITEM:
        return reverse(name, args=[one_item(model_admin).pk])
    if page in ABOUT_ONE_VERSION:
        item = one_item(model_admin)
        version = item.history.order_by("history_id").first()
        if version is None:
            item.save()
            version = item.history.get()
        return reverse(name, args=[item.pk, version.history_id])
    return reverse(name)


def status(client, model_admin: admin.ModelAdmin, page: str) -> int:
    url = address(model_admin, page)
    response = client.post(url) if page in POSTED else client.get(url)
    return response.status_code


def action_result(client, model_admin: admin.ModelAdmin, action: str) -> str:
    """ "done" when the action ran (or asked to confirm), "refused" when it was not offered
    or the list itself is closed to them. Whatever it did is rolled back."""
    changelist = address(model_admin, "changelist")
    # As the list's form sends it.
    data = {
        "action": action,
        "index": 0,
        "select_across": 0,
        "_selected_action": [one_item(model_admin).pk],
    }
    client.cookies.pop("messages", None)  # only what this request says
    with transaction.atomic():
        response = client.post(changelist, data)
        transaction.set_rollback(True)
    if response.status_code == 403:
        return "refused"
    # Staff with no actions at all on the list get the list again; staff with other actions
    # are told none was chosen.
    list_again = response.status_code == 200 and "cl" in (response.context or {})
    told = [str(message) for message in get_messages(response.wsgi_request)]
    return "refused" if list_again or REFUSED in told else "done"
