"""Sign-in protection for the admin."""

from axes.backends import AxesStandaloneBackend


class LoginAttemptBackend(AxesStandaloneBackend):
    """Counts failed sign-ins per client and locks the client out (django-axes).

    Sign-ins made without a web request (the test client, scripts) come from no client
    that could be locked out, so they pass straight on to Django's own backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def recorded_username(request, credentials: dict | None) -> str:
    """The username django-axes records for a failed sign-in. Whatever was typed is cut to
    the longest real username and cleaned of NUL bytes, so a hostile value is recorded, not
    turned into a database error."""
    source = credentials if credentials is not None else getattr(request, "POST", {})
    username = str(source.get("username") or "")
    return username.replace("\x00", "")[:150]
