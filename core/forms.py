from django import forms

from core.models import PageFeedback


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
