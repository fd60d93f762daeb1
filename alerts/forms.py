from django import forms

# The GOV.UK email address pattern's messages.
EMPTY = "Enter your email address"
INVALID = "Enter an email address in the correct format, like name@example.com"


class EmailForm(forms.Form):
    email = forms.EmailField(
        max_length=254,
        error_messages={"required": EMPTY, "invalid": INVALID, "max_length": INVALID},
    )
