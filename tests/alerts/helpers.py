import re

from django.test import TestCase

from alerts.models import Email

LINK = re.compile(r"https://careers\.example\.gov\.uk(/\S+)")


def link_in(email: Email, name: str) -> str:
    """The path of a link in a queued email, as the person would open it."""
    return LINK.match(email.personalisation[name]).group(1)


def post(client, path: str, data):
    """A POST whose after-commit work (sending the email straight away) runs as it does
    outside the test's own transaction."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(path, data)


def subscribe(client, path: str, address: str = "Social.Worker@example.com"):
    return post(client, path, {"email": address})
