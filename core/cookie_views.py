"""The cookie banner's answers and the cookies page."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from core import consent, ratelimit
from core.forms import CookieConsentForm, CookieSettingsForm
from core.views import bad_request

# Every cookie the service sets, for the cookies page.
ESSENTIAL_COOKIES = [
    ("cookie_consent", "Remembers whether you accepted or rejected analytics cookies", "1 year"),
    ("csrftoken", "Helps keep the forms on this site secure", "1 year"),
    ("sessionid", "Keeps Department for Education staff signed in to edit the site", "2 weeks"),
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
        "essential_cookies": ESSENTIAL_COOKIES,
        "analytics_cookies": ANALYTICS_COOKIES,
    }
    return render(request, "core/cookies.html", context, status=status)
