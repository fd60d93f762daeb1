import os

import pytest
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings

from config.settings import redis_cache

# A Redis database only the production-configuration tests use (they empty it). Other test
# files use databases 13 and 15.
PRODUCTION_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/12")
# The load balancer in front of the site, and a visitor behind it.
PROXY_ADDRESS = "10.0.0.2"
VISITOR_ADDRESS = "198.51.100.7"


@pytest.fixture(scope="session", autouse=True)
def _test_settings():
    """Settings for the whole run, in place before the live server loads its middleware."""
    with override_settings(
        # Tests talk plain HTTP to the test client and the live server.
        SECURE_SSL_REDIRECT=False,
        # Off for the page, view and rule tests only: they change the database between
        # requests without the signals a real edit sends, so a kept page would hide the
        # change. Fault, security and smoke tests (tests/security/, and the outage and
        # concurrency tests in tests/programmes/) take the `production` fixture below,
        # which switches it back on with Redis, DEBUG off and a proxy in front; the page
        # cache's own tests switch it on too (tests/performance/).
        PAGE_CACHE_SECONDS=0,
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
def _working_cache():
    """A test that broke Redis on purpose must not leave the next one skipping it."""
    from core.cache_backends import reset_breakers

    reset_breakers()


@pytest.fixture
def production(settings):
    """The site as it is deployed: DEBUG off, the page cache on, Redis, HTTPS redirects, and
    one trusted proxy in front (use ProxiedClient, which comes through it). Fault, security
    and smoke tests run this, not the suite's relaxed defaults (see _test_settings)."""
    settings.DEBUG = False
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHES = redis_cache(PRODUCTION_REDIS_URL)
    settings.SECURE_SSL_REDIRECT = True
    settings.TRUSTED_PROXIES = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


class ProxiedClient(Client):
    """A visitor's requests as the site sees them behind the load balancer: from the
    balancer's address, with the visitor's address in X-Forwarded-For and the HTTPS the
    visitor used in X-Forwarded-Proto. `forwarded_for` replaces the whole header (to forge
    entries in front of the balancer's own)."""

    def __init__(self, visitor: str = VISITOR_ADDRESS, *, forwarded_for: str = "", **defaults):
        defaults.setdefault("REMOTE_ADDR", PROXY_ADDRESS)
        defaults.setdefault("HTTP_X_FORWARDED_FOR", forwarded_for or visitor)
        defaults.setdefault("HTTP_X_FORWARDED_PROTO", "https")
        # The balancer passes the visitor's Host header on (the test client would otherwise
        # make one from its server name and port 80, which is wrong for HTTPS).
        defaults.setdefault("HTTP_HOST", "testserver")
        super().__init__(**defaults)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count per client address, and every test client shares one address."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def site_content(db):
    """The content the site ships with, as `make run` loads it."""
    call_command("load_content", verbosity=0)
