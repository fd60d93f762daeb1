import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from django.conf import settings as django_settings
from django.test import Client
from django.test.utils import override_settings

from config.settings import redis_cache
from tests import bundled_content, groups, gunicorn_sites


def _redis_url_for_this_process() -> str:
    """The Redis database this test process may empty: the one TEST_REDIS_URL names for the
    first (or only) process, the next one up for each further pytest-xdist worker, so that
    workers running at once never empty each other's cache."""
    parts = urlsplit(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/8"))
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    database = int(parts.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    return urlunsplit(parts._replace(path=f"/{database}"))


# Every test that talks to Redis uses this database (and empties it as it likes).
TEST_REDIS_URL = _redis_url_for_this_process()
# The load balancer in front of the site, and a visitor behind it.
PROXY_ADDRESS = "10.0.0.2"
VISITOR_ADDRESS = "198.51.100.7"


# Tests that take seconds each, not milliseconds: `make test-fast` leaves them out (`-m "not
# slow"`), `make test` runs them too. Marked here, from where a test lives and what it uses, so
# a new test in the same place is marked without anyone remembering to.
SLOW_KINDS = ("browser", "processes", "faults", "migrations")
TESTS = Path(__file__).parent
BY_FOLDER = {TESTS / "browser": "browser"}
BY_FILE = {
    TESTS / "security" / "test_faults.py": "faults",
    TESTS / "security" / "test_hung_cache.py": "faults",
}
# Fixtures that start the site in gunicorn processes of its own.
BY_FIXTURE = {"database_url": "processes"}


def pytest_collection_modifyitems(items):
    for item in items:
        path = Path(item.path)
        kinds = {kind for folder, kind in BY_FOLDER.items() if folder in path.parents}
        kinds |= {kind for file, kind in BY_FILE.items() if path == file}
        kinds |= {kind for name, kind in BY_FIXTURE.items() if name in item.fixturenames}
        if path.name.startswith("test_migrations"):
            kinds.add("migrations")
        for kind in sorted(kinds):
            item.add_marker(kind)
        if item.get_closest_marker("processes"):
            # One xdist worker runs these one after another (with `--dist loadgroup`): each
            # starts several web processes and times them, so two at once would crowd a core.
            item.add_marker(pytest.mark.xdist_group("processes"))
        if any(item.get_closest_marker(kind) for kind in SLOW_KINDS):
            item.add_marker("slow")


def _strict_templates(templates: list[dict]) -> list[dict]:
    """The site's template engines, with the Jinja2 one failing on any undefined name (the
    site itself draws nothing for one, which hides a mistake in a template or a view)."""
    return [
        {**engine, "OPTIONS": {**engine["OPTIONS"], "strict_undefined": True}}
        if engine["BACKEND"].endswith(".Jinja2")
        else engine
        for engine in templates
    ]


@pytest.fixture(scope="session", autouse=True)
def _test_settings():
    """Settings for the whole run, in place before the live server loads its middleware."""
    with override_settings(
        TEMPLATES=_strict_templates(django_settings.TEMPLATES),
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
        # Production hashes passwords slowly on purpose (about half a second each, more on a
        # busy machine); the tests make and sign in hundreds of staff accounts and test who
        # may do what, not how hard a stolen hash is to crack.
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
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
    from edge.cache_backends import reset_breakers

    reset_breakers()


@pytest.fixture(scope="session")
def redis_server():
    """The Redis the tests need, or a failure that says how to give them one."""
    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError as error:
        pytest.fail(
            f"These tests need Redis at {TEST_REDIS_URL} (set TEST_REDIS_URL to another): {error}"
        )
    return TEST_REDIS_URL


@pytest.fixture
def production(settings, redis_server):
    """The site as it is deployed: DEBUG off, the page cache on, Redis, HTTPS redirects, and
    one trusted proxy in front (use ProxiedClient, which comes through it). Fault, security
    and smoke tests run this, not the suite's relaxed defaults (see _test_settings)."""
    if settings.DEBUG:  # Off already, as pytest-django runs tests: setting it anyway would
        settings.DEBUG = False  # make Django drop every compiled template.
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHES = redis_cache(redis_server)
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


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """The address of a database of the site's own, made as a deploy makes it, for tests that
    run the site in gunicorn processes. One per test run: migrating and loading it takes
    longer than any of those tests, and each changes only what it made up itself."""
    with gunicorn_sites.site_database(tmp_path_factory.mktemp("site")) as url:
        yield url


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the bundled content loaded once and kept aside for the tests
    that ask for it (tests/bundled_content.py), and the staff groups noted (tests/groups.py)."""
    with django_db_blocker.unblock():
        groups.remember()
        bundled_content.keep_aside()


@pytest.fixture
def site_content(db):
    """The content the site ships with, as `make run` loads it."""
    bundled_content.put_back()
