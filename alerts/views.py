"""Asking for an email alert, confirming it, stopping it and managing alerts.

Every answer to a request is the same whether or not the address already had an alert, and
pages reached by a signed link are never kept in any cache (their address is the secret)."""

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from alerts import links, sending, services
from alerts.forms import EmailForm
from alerts.models import Alert, wanted
from careers.selectors import published_stage
from edge import ratelimit
from programmes.selectors import published_programme


class SeeOther(HttpResponseRedirect):
    status_code = 303


def _origin_only(response: HttpResponse) -> HttpResponse:
    # The address holds a signed link: pass on only the site's origin, never the path. (Not
    # "no-referrer": browsers then send "Origin: null" with the page's forms, which fail
    # Django's CSRF check.)
    response["Referrer-Policy"] = "strict-origin"
    return response


def _form_page(request, context: dict, form: EmailForm, *, status: int = 200) -> HttpResponse:
    context = {
        **context,
        "form": form,
        "error_in_title": bool(form.errors),
        "hide_feedback": True,
        "retention_days": settings.ALERTS_PENDING_DAYS,
    }
    return render(request, "alerts/subscribe.html", context, status=status)


def _address_allowed(email: str, scope: str) -> bool:
    """Requests per address, whoever sends them: over the limit, nothing more is sent, and
    the visitor is told the same as anyone else."""
    limit, window = ratelimit.LIMITS[scope]
    key = ratelimit.value_key(services.normalised_email(email), scope)
    return ratelimit.allow_key(key, limit=limit, window_seconds=window)


def _send_after_commit(key: str | None) -> None:
    if key:
        transaction.on_commit(lambda: sending.send_now(key))


def _subscribe(request: HttpRequest, *, context: dict, target: dict) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, context, EmailForm())
    if refused := ratelimit.refuse_if_over(request, scope="alerts"):
        return refused
    form = EmailForm(request.POST)
    if not form.is_valid():
        return _form_page(request, context, form, status=400)
    email = form.cleaned_data["email"]
    if _address_allowed(email, "alerts_address"):
        _send_after_commit(services.request_alert(email=email, **target))
    return SeeOther(reverse("alerts:check_email"))


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe_programme(request: HttpRequest, slug: str) -> HttpResponse:
    programme = published_programme(slug=slug)
    if programme is None:
        raise Http404
    if not programme.status_on(timezone.localdate()).may_open:
        # Open now (or ended): nothing to wait for, so back to the programme's page.
        return HttpResponseRedirect(programme.get_absolute_url())
    context = {
        "heading": "Get an email when applications open",
        "caption": programme.name,
        "what": wanted(programme=programme),
        "back_href": programme.get_absolute_url(),
    }
    return _subscribe(request, context=context, target={"programme": programme})


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe_stage(request: HttpRequest, slug: str) -> HttpResponse:
    stage = published_stage(slug=slug)
    if stage is None:
        raise Http404
    context = {
        "heading": f"Get an email when {wanted(stage=stage)}",
        "caption": stage.name,
        "what": wanted(stage=stage),
        "back_href": stage.get_absolute_url(),
    }
    return _subscribe(request, context=context, target={"stage": stage})


@require_safe
def check_your_email(request: HttpRequest) -> HttpResponse:
    about_manage = request.GET.get("about") == "manage"
    context = {"about_manage": about_manage, "hide_feedback": True}
    return render(request, "alerts/check_email.html", context)


def _link_not_valid(request: HttpRequest) -> HttpResponse:
    context = {"hide_feedback": True, "days": settings.ALERTS_PENDING_DAYS}
    return _origin_only(render(request, "alerts/link_not_valid.html", context, status=404))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation email shows a button, so a mail scanner opening the link
    confirms nothing; pressing it confirms the alert and uses up the link."""
    alert = links.alert_to_confirm(token)
    if alert is None:
        return _link_not_valid(request)
    context = {"alert": alert, "hide_feedback": True}
    if request.method == "POST":
        services.confirm_alert(alert=alert)
        context["unsubscribe_href"] = links.unsubscribe_url(alert)
        return _origin_only(render(request, "alerts/confirmed.html", context))
    return _origin_only(render(request, "alerts/confirm.html", context))


# Mail programs press "Unsubscribe" with a POST and no CSRF token (one-click unsubscribe,
# RFC 8058); the signed link itself is the proof it came from the email.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    alert = links.alert_to_unsubscribe(token)
    if alert is None:
        return _link_not_valid(request)
    context = {"alert": alert, "hide_feedback": True}
    if request.method == "POST":
        name = alert.subject_name
        services.delete_alerts(Alert.objects.filter(pk=alert.pk))
        context = {"name": name, "hide_feedback": True}
        return _origin_only(render(request, "alerts/unsubscribed.html", context))
    return _origin_only(render(request, "alerts/unsubscribe.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
def manage_request(request: HttpRequest) -> HttpResponse:
    form = EmailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if refused := ratelimit.refuse_if_over(request, scope="alerts"):
            return refused
        if form.is_valid():
            email = form.cleaned_data["email"]
            if _address_allowed(email, "alerts_address"):
                _send_after_commit(services.request_manage_link(email=email))
            return SeeOther(reverse("alerts:check_email") + "?about=manage")
    context = {"form": form, "error_in_title": bool(form.errors), "hide_feedback": True}
    return render(
        request, "alerts/manage_request.html", context, status=400 if form.errors else 200
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    email = links.managed_address(token)
    if email is None:
        return _link_not_valid(request)
    if request.method == "POST":
        stop = request.POST.get("stop", "")
        if stop == "all":
            stopped = services.stop_alerts(email=email)
        elif stop.isdigit() and len(stop) < 19:
            stopped = services.stop_alerts(email=email, alert_ids=[int(stop)])
        else:
            return _origin_only(render(request, "errors/400.html", status=400))
        return SeeOther(f"{request.path}?stopped={stopped}")
    alerts = (
        Alert.objects.confirmed()
        .filter(email=email)
        .select_related("programme", "stage")
        .order_by("created_at")
    )
    stopped = request.GET.get("stopped", "")
    context = {
        "alerts": list(alerts),
        "stopped": int(stopped) if stopped.isdigit() and len(stopped) < 5 else None,
        "hide_feedback": True,
    }
    return _origin_only(render(request, "alerts/manage.html", context))
