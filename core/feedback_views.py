""" "Is this page useful?": answers, the comment step without JavaScript, and thanks."""

from urllib.parse import urlencode

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from core import consent, ratelimit, services
from core.cookie_views import SeeOther
from core.forms import FeedbackForm
from core.views import bad_request

RATE_LIMIT = 10  # answers per client
RATE_WINDOW_SECONDS = 10 * 60
SIGNING_SALT = "core.page-feedback"


def _thanks(page: str) -> SeeOther:
    return SeeOther(f"{reverse('core:feedback_thanks')}?{urlencode({'page': page})}")


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
    return render(request, "core/feedback_comment.html", context, status=status)


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
        return render(request, "core/feedback_rate_limited.html", context, status=429)
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
    return render(request, "core/feedback_thanks.html", {"back": back, "hide_feedback": True})
