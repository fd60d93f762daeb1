import datetime

from django import forms
from django.utils import timezone
from django.utils.text import capfirst

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
CUSTOM = "custom"


class DateParts(forms.Widget):
    """The GOV.UK date input's three boxes, named NAME-day, NAME-month and NAME-year. Its value
    is what was typed in each, as text: the field says what is wrong with it. The dashboard's
    template draws the boxes (the admin's templates cannot use the GOV.UK macros)."""

    PARTS = ("day", "month", "year")

    def value_from_datadict(self, data, files, name) -> tuple[str, str, str]:
        typed = tuple(str(data.get(f"{name}-{part}", "")).strip() for part in self.PARTS)
        if not any(typed) and data.get(name):
            # An address from before the date input, with the date as 2026-06-01.
            iso = str(data[name]).split("-")
            typed = tuple(reversed(iso)) if len(iso) == 3 else (str(data[name]),) * 3
        return typed

    def value_omitted_from_data(self, data, files, name) -> bool:
        return name not in data and not any(f"{name}-{part}" in data for part in self.PARTS)


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK error messages. `name` is how the
    messages speak of it: "the first day of the period"."""

    widget = DateParts

    def __init__(self, *, name: str, **kwargs):
        self.name = name
        super().__init__(required=False, **kwargs)

    def to_python(self, value) -> datetime.date | None:
        if isinstance(value, datetime.date) or not value:
            return value or None
        parts = dict(zip(DateParts.PARTS, value, strict=True))
        missing = [part for part, typed in parts.items() if not typed]
        if len(missing) == len(parts):
            return None
        if missing:
            raise forms.ValidationError(
                f"{capfirst(self.name)} must include a {' and '.join(missing)}",
                code="incomplete",
                params={"parts": missing},
            )
        if not all(typed.isascii() and typed.isdigit() for typed in parts.values()):
            raise self._not_real()
        if len(parts["year"]) != 4:
            raise forms.ValidationError(
                f"The year of {self.name} must include 4 numbers",
                code="year",
                params={"parts": ["year"]},
            )
        try:
            return datetime.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            raise self._not_real() from None

    def _not_real(self) -> forms.ValidationError:
        return forms.ValidationError(f"{capfirst(self.name)} must be a real date", code="invalid")


class PeriodForm(forms.Form):
    """The dashboard's period: the last 7, 30 or 90 days (links), or the dates typed in the
    GOV.UK date inputs "From" and "To" (a GET form, sent with period=custom)."""

    period = forms.ChoiceField(
        choices=[
            ("7", "Last 7 days"),
            ("30", "Last 30 days"),
            ("90", "Last 90 days"),
            (CUSTOM, "Custom dates"),
        ],
        required=False,
    )
    start = GovukDateField(label="From", name="the first day of the period")
    end = GovukDateField(label="To", name="the last day of the period")

    def clean(self) -> dict:
        data = super().clean()
        if data.get("period") != CUSTOM:
            return data
        today = timezone.localdate()
        for name, which in (("start", "first"), ("end", "last")):
            day = data.get(name)
            if name in self.errors:
                continue
            if day is None:
                self.add_error(name, f"Enter the {which} day of the period")
            elif day > today:
                self.add_error(name, f"The {which} day of the period must be today or in the past")
        if self.errors:
            return data
        start, end = data["start"], data["end"]
        if start < EARLIEST:
            self.add_error(
                "start", f"The first day of the period must be on or after {EARLIEST:%-d %B %Y}"
            )
        elif start > end:
            self.add_error(
                "end", "The last day of the period must be the same as or after the first day"
            )
        elif (end - start).days + 1 > MAX_DAYS:
            self.add_error("end", f"The period must be {MAX_DAYS:,} days or shorter")
        return data

    def get_period(self) -> Period:
        """The chosen period; call only when the form is valid or unbound."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("period") == CUSTOM:
            return Period(start=data["start"], end=data["end"])
        return Period.last(PRESETS[data.get("period") or DEFAULT_PRESET])

    def date_inputs(self, period: Period | None) -> list[dict]:
        """What the template needs to draw "From" and "To" as GOV.UK date inputs: each box's
        value, and whether it is the one in error. Shows the period on screen when the dates
        were not typed."""
        inputs = []
        for name, shown in (("start", period and period.start), ("end", period and period.end)):
            bound = self[name]
            typed = bound.value() if self.is_bound and self.data.get("period") == CUSTOM else None
            if not typed or isinstance(typed, datetime.date):
                typed = (str(shown.day), str(shown.month), str(shown.year)) if shown else ("",) * 3
            errors = self.errors.get(name) and self.errors.as_data()[name]
            wrong = set(DateParts.PARTS)
            if errors and errors[0].params and "parts" in errors[0].params:
                wrong = set(errors[0].params["parts"])
            inputs.append(
                {
                    "name": name,
                    "legend": bound.label,
                    "error": errors[0].message if errors else "",
                    "boxes": [
                        {
                            "part": part,
                            "label": capfirst(part),
                            "value": value,
                            "width": 4 if part == "year" else 2,
                            "error": bool(errors) and part in wrong,
                        }
                        for part, value in zip(DateParts.PARTS, typed, strict=True)
                    ],
                }
            )
        return inputs

    def error_summary(self) -> list[tuple[str, str]]:
        """(the box to go to, the message) for each field in error, in the page's order."""
        links = []
        for item in self.date_inputs(None):
            if item["error"]:
                first = next((b for b in item["boxes"] if b["error"]), item["boxes"][0])
                links.append((f"{item['name']}-{first['part']}", item["error"]))
        if "period" in self.errors:
            links.append(("period-links", self.errors["period"][0]))
        return links
