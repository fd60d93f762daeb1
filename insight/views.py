"""The cookie banner's answers, the cookies page and "Is this page useful?"."""

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.views import bad_request
from edge import ratelimit
from insight import consent, services
from insight.forms import CookieConsentForm, CookieSettingsForm, FeedbackForm

UNITS = [("year", 365 * 24 * 60 * 60), ("week", 7 * 24 * 60 * 60), ("day", 24 * 60 * 60)]
UNITS += [("hour", 60 * 60), ("minute", 60), ("second", 1)]


def lifetime(seconds: int) -> str:
    """A cookie's lifetime in the largest unit that measures it exactly: 7200 is "2 hours"."""
    for unit, size in UNITS:
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return "until you close your browser"


def essential_cookies() -> list[tuple[str, str, str]]:
    """Every cookie the service sets, with the lifetimes the settings really give them."""
    return [
        (
            consent.CONSENT_COOKIE,
            "Remembers whether you accepted or rejected analytics cookies",
            lifetime(consent.CONSENT_MAX_AGE),
        ),
        (
            settings.CSRF_COOKIE_NAME,
            "Helps keep the forms on this site secure",
            lifetime(settings.CSRF_COOKIE_AGE),
        ),
        (
            settings.SESSION_COOKIE_NAME,
            "Keeps Department for Education staff signed in to edit the site; each visit to "
            "the admin starts the time again",
            lifetime(settings.SESSION_COOKIE_AGE),
        ),
    ]


ANALYTICS_COOKIES = [
    ("_ga", "Helps us count how many people visit the site by telling visits apart", "2 years"),
    ("_ga_<ID>", "Used by Google Analytics to remember the state of your visit", "2 years"),
]


class SeeOther(HttpResponseRedirect):
    # After a form, the browser fetches the next page with GET.
    status_code = 303


def _apply_choice(request: HttpRequest, response: HttpResponse, choice: str) -> None:
    consent.set_consent(response, choice)
    if choice == "reject":
        # Remove analytics cookies set while the visitor had accepted them.
        for name in request.COOKIES:
            if name.startswith("_ga"):
                response.delete_cookie(name)


@require_POST
@ratelimit.limited("cookies")
def cookie_consent(request: HttpRequest) -> HttpResponse:
    """The banner's Accept and Reject buttons: remember, then go back to the same page."""
    form = CookieConsentForm(request.POST)
    if not form.is_valid():
        return bad_request(request)
    choice = form.cleaned_data["cookies"]
    back = consent.safe_return_path(request, form.cleaned_data["next"])
    response = SeeOther(consent.with_confirmation(back, choice))
    _apply_choice(request, response, choice)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit.limited("cookies")
def cookies(request: HttpRequest) -> HttpResponse:
    state = consent.consent_state(request)
    if request.method == "POST":
        form = CookieSettingsForm(request.POST)
        # A return address the form cannot take (say, with a NUL byte) is dropped, not an error.
        if form.is_valid() or set(form.errors) == {"next"}:
            choice = "accept" if form.cleaned_data["analytics"] == "yes" else "reject"
            back = consent.safe_return_path(request, form.cleaned_data.get("next"), default="")
            query = {"saved": "1", **({"next": back} if back else {})}
            response = SeeOther(f"{request.path}?{urlencode(query)}")
            _apply_choice(request, response, choice)
            return response
        status = 400
    else:
        initial = {"accept": "yes", "reject": "no"}.get(state or "")
        next_path = consent.safe_return_path(request, request.GET.get("next"), default="")
        form = CookieSettingsForm(initial={"analytics": initial, "next": next_path})
        status = 200
    context = {
        "form": form,
        "saved": request.method == "GET" and request.GET.get("saved") == "1" and state,
        "back": consent.safe_return_path(request, request.GET.get("next"), default="/"),
        "essential_cookies": essential_cookies(),
        "analytics_cookies": ANALYTICS_COOKIES,
    }
    return render(request, "insight/cookies.html", context, status=status)


# "Is this page useful?": answers, the comment step without JavaScript, and thanks.

RATE_LIMIT = 10  # answers per client
RATE_WINDOW_SECONDS = 10 * 60
# Unchanged since the form lived in core, so references signed before then still verify.
SIGNING_SALT = "core.page-feedback"


def _thanks(page: str) -> SeeOther:
    return SeeOther(f"{reverse('insight:feedback_thanks')}?{urlencode({'page': page})}")


def _earlier_answer(ref: str) -> int | None:
    """The feedback a comment belongs to, from the signed reference given with "No"."""
    try:
        return int(signing.loads(ref, salt=SIGNING_SALT, max_age=60 * 60))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def _comment_page(request, form_data: dict, *, ref: str, error: str = "", status: int = 200):
    context = {
        "page": form_data["page"],
        "ref": ref,
        "comment_value": form_data.get("comment", ""),
        "comment_error": error,
        "hide_feedback": True,
        "error_in_title": bool(error),
    }
    return render(request, "insight/feedback_comment.html", context, status=status)


@require_POST
def feedback(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        if set(form.errors) == {"comment"} and "page" in form.cleaned_data:
            data = {"page": form.cleaned_data["page"], "comment": request.POST.get("comment", "")}
            error = form.errors["comment"][0]
            return _comment_page(
                request, data, ref=request.POST.get("ref", ""), error=error, status=400
            )
        return bad_request(request)
    data = form.cleaned_data
    if data["website"]:
        # A form filler: look successful, keep nothing.
        return _thanks(data["page"])
    if not ratelimit.allow(
        request, scope="feedback", limit=RATE_LIMIT, window_seconds=RATE_WINDOW_SECONDS
    ):
        context = {"hide_feedback": True}
        return render(request, "insight/feedback_rate_limited.html", context, status=429)
    if data["answer"] == "yes":
        services.record_feedback(path=data["page"], useful=True)
    elif data["answer"] == "no":
        record = services.record_feedback(path=data["page"], useful=False)
        ref = signing.dumps(record.pk, salt=SIGNING_SALT)
        return _comment_page(request, data, ref=ref)
    elif (earlier := _earlier_answer(data["ref"])) is not None:
        services.add_feedback_comment(feedback_id=earlier, comment=data["comment"])
    else:
        services.record_feedback(path=data["page"], useful=False, comment=data["comment"])
    return _thanks(data["page"])


@require_GET
def feedback_thanks(request: HttpRequest) -> HttpResponse:
    back = consent.safe_return_path(request, request.GET.get("page"), default="/")
    return render(request, "insight/feedback_thanks.html", {"back": back, "hide_feedback": True})
