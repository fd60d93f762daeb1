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
