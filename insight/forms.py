import datetime

from django import forms
from django.utils import timezone

from insight.models import PageFeedback
from insight.selectors import Period


class CookieConsentForm(forms.Form):
    """The banner's buttons: accept or reject analytics cookies."""

    cookies = forms.ChoiceField(choices=[("accept", "Accept"), ("reject", "Reject")])
    next = forms.CharField(required=False, max_length=2000)


class CookieSettingsForm(forms.Form):
    """The cookies page's question."""

    analytics = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={"required": "Select yes if you want to accept analytics cookies"},
    )
    next = forms.CharField(required=False)


class FeedbackForm(forms.Form):
    """ "Is this page useful?" The answer buttons say yes, no, or send a comment with no."""

    page = forms.CharField(max_length=300)
    answer = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No"), ("send", "Send")])
    comment = forms.CharField(
        required=False,
        max_length=PageFeedback.COMMENT_MAX_LENGTH,
        strip=True,
        error_messages={
            "max_length": "How we could improve this page must be 1,200 characters or fewer"
        },
    )
    # The signed reference to an earlier "No", when the comment comes on a second page.
    ref = forms.CharField(required=False, max_length=200)
    # A field people never see: automated form fillers complete it.
    website = forms.CharField(required=False, max_length=200)

    def clean_page(self) -> str:
        page = self.cleaned_data["page"]
        if not page.startswith("/") or page.startswith("//") or "\\" in page:
            raise forms.ValidationError("Not a page on this site")
        return page


PRESETS = {"7": 7, "30": 30, "90": 90}
DEFAULT_PRESET = "30"
MAX_DAYS = 731  # two years
EARLIEST = datetime.date(2020, 1, 1)


class PeriodForm(forms.Form):
    """The dashboard's period: last 7, 30 or 90 days, or custom dates."""

    period = forms.ChoiceField(
        label="Period",
        choices=[
            ("7", "Last 7 days"),
            ("30", "Last 30 days"),
            ("90", "Last 90 days"),
            ("custom", "Custom dates"),
        ],
        initial=DEFAULT_PRESET,
    )
    start = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("period") != "custom":
            return data
        start, end = data.get("start"), data.get("end")
        today = timezone.localdate()
        if not start:
            self.add_error("start", "Enter the first day of the period")
        if not end:
            self.add_error("end", "Enter the last day of the period")
        if not (start and end):
            return data
        if start < EARLIEST:
            self.add_error("start", f"The first day must be on or after {EARLIEST:%d/%m/%Y}")
        elif end > today:
            self.add_error("end", "The last day must be today or in the past")
        elif start > end:
            self.add_error("end", "The last day must be the same as or after the first day")
        elif (end - start).days + 1 > MAX_DAYS:
            self.add_error("end", f"The period must be {MAX_DAYS} days or shorter")
        return data

    def get_period(self) -> Period:
        """The chosen period; call only when the form is valid or unbound."""
        if not self.is_bound:
            return Period.last(PRESETS[DEFAULT_PRESET])
        data = self.cleaned_data
        if data["period"] == "custom":
            return Period(start=data["start"], end=data["end"])
        return Period.last(PRESETS[data["period"]])
