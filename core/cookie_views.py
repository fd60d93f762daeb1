"""The cookie banner's answers and the cookies page."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from core import consent, ratelimit
from core.forms import CookieConsentForm, CookieSettingsForm
from core.views import bad_request

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
    return render(request, "core/cookies.html", context, status=status)
