"""What each alert email says. In GOV.UK Notify each kind is a template (its ID in
settings.NOTIFY_TEMPLATES) whose subject and body are the text below, with Notify's
((placeholders)); the site sends only the placeholders' values. Without a Notify key the same
text is filled in here and written to the log, so the journey can be tried locally."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class EmailText:
    subject: str
    body: str


TEXTS = {
    "confirm": EmailText(
        subject="Confirm your email alert",
        body=(
            "You asked for an email when ((what)).\n\n"
            "Confirm by opening this link:\n((confirm_url))\n\n"
            "The link works once and stops working after ((days)) days. If you did not ask "
            "for this, ignore this email: we will delete your email address in ((days)) days "
            "and send nothing more. To delete it now: ((unsubscribe_url))"
        ),
    ),
    "manage": EmailText(
        subject="Manage your email alerts",
        body=(
            "Use this link to see and stop your email alerts:\n((manage_url))\n\n"
            "The link stops working after ((hours)) hours. If you did not ask for it, "
            "you can ignore this email."
        ),
    ),
    "opened": EmailText(
        subject="Now open: ((programme))",
        body=(
            "You asked us to tell you when ((programme)) opens.\n\n"
            "((status)).\n\n"
            "Find out more and apply:\n((programme_url))\n\n"
            "We will email you again only if it closes and opens again, until the programme "
            "ends.\n\n"
            "Stop these emails: ((unsubscribe_url))"
        ),
    ),
    "announced": EmailText(
        subject="New programme for ((stage)): ((programme))",
        body=(
            "You asked us to tell you about new programmes for ((stage)).\n\n"
            "((programme)): ((status)).\n\n"
            "Find out more:\n((programme_url))\n\n"
            "Stop these emails: ((unsubscribe_url))"
        ),
    ),
}

PLACEHOLDER = re.compile(r"\(\(([a-z_]+)\)\)")


def filled(kind: str, personalisation: dict) -> str:
    """The email as text, as Notify would send it: for the log and the staff page."""
    text = TEXTS[kind]

    def fill(template: str) -> str:
        return PLACEHOLDER.sub(lambda m: str(personalisation.get(m.group(1), "")), template)

    return f"Subject: {fill(text.subject)}\n\n{fill(text.body)}"
