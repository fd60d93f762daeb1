import pytest
from django.core.management import call_command
from django.test.utils import override_settings


@pytest.fixture(scope="session", autouse=True)
def _test_settings():
    """Settings for the whole run, in place before the live server loads its middleware."""
    with override_settings(
        # Tests talk plain HTTP to the test client and the live server.
        SECURE_SSL_REDIRECT=False,
        # Most tests change the database between requests without the signals a real edit
        # sends; the page cache's own tests switch it on (tests/performance/).
        PAGE_CACHE_SECONDS=0,
        # Page views written at once, so tests can count them straight after a request.
        PAGE_VIEW_FLUSH_SECONDS=0,
        # Admin tests sign in with a password; the two-factor tests switch this on.
        ADMIN_REQUIRE_2FA=False,
        # Hashed names need collectstatic first; tests serve static files from the source.
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield


@pytest.fixture(autouse=True)
def _fresh_content_version():
    """Each test's database starts again, so no process may remember an older test's version."""
    from core.cache import forget
    from programmes import selectors

    forget()
    # Version numbers repeat between tests, because each test's database is rolled back.
    selectors._sign_up_table = None
    yield
    forget()
    selectors._sign_up_table = None


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count per client address, and every test client shares one address."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def site_content(db):
    """The content the site ships with, as `make run` loads it."""
    call_command("load_content", verbosity=0)
