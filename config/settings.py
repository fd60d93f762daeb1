"""Settings for the whole site. Every value that differs between machines comes from the
environment, so one file serves development, tests and production."""

import logging
import os
import re
from pathlib import Path

import dj_database_url
from csp import constants as _csp_constants
from django.core.exceptions import ImproperlyConfigured

from config.logs import django_logging, log_format

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set SECRET_KEY in the environment (required when DEBUG is off)."
        )
    SECRET_KEY = "development-only-not-secret"  # noqa: S105 - used only with DEBUG on

# Keys used before SECRET_KEY, still accepted for what they signed (sessions, logged clicks)
# while a change of key settles.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SERVICE_NAME = "Develop your career in child and family social work"
# The service navigation: each section's name and the URL name of the page it starts at.
# Pages a lower floor links to on a higher one's behalf, named here by URL so that the lower
# floor knows neither the app nor the address: the careers pages' link to every programme, and
# the site search that the home page's structured data describes.
ALL_PROGRAMMES_URL_NAME = "programmes:list"
SITE_SEARCH_URL_NAME = "search:search"
NAVIGATION = [
    ("Home", "careers:home"),
    ("Career stages", "careers:stages"),
    ("Development programmes", "programmes:list"),
    ("Explore roles", "careers:roles"),
]
# What higher floors add to lower floors' pages, by the name of the place on the page and the
# template drawn there, so the pages' own apps know nothing of what fills them.
TEMPLATE_SLOTS = {
    "programme_not_open": "alerts/_programme_offer.html",
    "stage_programmes": "alerts/_stage_offer.html",
}
# Sections the insight dashboard shows after its own: each a module with html(period=...), the
# section on the page, and csv_rows(period=...), its rows in the CSV download.
INSIGHT_DASHBOARD_SECTIONS = ["alerts.dashboard"]
CONTACT_EMAIL = "support-for-social-workers-team@education.gov.uk"
# Absolute address of the site, for canonical links and sitemaps behind a proxy.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
# Google Analytics 4 measurement ID, such as G-ABC123XYZ. Unset: no analytics at all. Set: loaded
# only for visitors who accept analytics cookies.
GA_MEASUREMENT_ID = os.environ.get("GA_MEASUREMENT_ID", "").strip()
if GA_MEASUREMENT_ID and not re.fullmatch(r"G-[A-Z0-9]{4,20}", GA_MEASUREMENT_ID):
    raise ImproperlyConfigured("GA_MEASUREMENT_ID must look like G-ABC123XYZ.")

INSTALLED_APPS = [
    # Django's admin with the two-factor admin site as admin.site (editorial/two_factor.py).
    "editorial.apps.TwoFactorAdminConfig",
    # The apps the admin lists are named in plain English by their configurations in
    # editorial/apps.py: django.contrib.auth, axes, the django_otp plugins and so on.
    "editorial.apps.StaffAccountsConfig",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "editorial.apps.HistoryConfig",
    "editorial.apps.SpreadsheetsConfig",
    # The sign-in lockout (django-axes).
    "editorial.apps.SignInLockoutsConfig",
    # Two-factor sign-in for the admin (time-based codes from an authenticator app, and
    # single-use backup codes): django_otp and its plugins.
    "editorial.apps.TwoFactorConfig",
    "editorial.apps.AuthenticatorAppsConfig",
    "editorial.apps.BackupCodesConfig",
    "core",
    "editorial",
    "careers",
    "programmes",
    "search",
    "insight",
    "alerts",
    # Full text search and trigram lookups on PostgreSQL; does nothing on SQLite.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # Outermost, so that every response, whatever answers it, carries its X-Request-ID.
    "edge.request_id.RequestIdMiddleware",
    # Above Django's security middleware, so the responses it makes itself (the HTTPS
    # redirect) and the 400 page for a host the site does not serve carry them too.
    "edge.protection.SecurityHeadersMiddleware",
    "edge.protection.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Compresses pages (a career stage page shrinks from 200 KB to 14 KB). Safe with the CSRF
    # token in pages: Django masks it differently in every response, and pads gzip at random.
    "django.middleware.gzip.GZipMiddleware",
    # Before anything checks the Host header: the container's and load balancer's health
    # probes do not know the public host names.
    "edge.protection.HealthCheckMiddleware",
    "edge.protection.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Counts page views; sits above any page cache so cached pages are counted too.
    "insight.page_views.PageViewMiddleware",
    # Whole pages for anonymous visitors; below CSRF, CSP and page views (see edge/page_cache.py).
    "edge.page_cache.PageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "edge.protection.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "config.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "core.context_processors.site",
                "insight.context_processors.cookies",
            ],
        },
    },
    {
        # Kept for Django admin, which only has Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # editorial's admin templates before the apps', so the few that share a name with
        # Django's admin or django-import-export's (admin/change_form.html,
        # admin/import_export/import.html) override theirs; the admin app is listed first.
        "DIRS": [BASE_DIR / "editorial" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # CSP_NONCE, for the few admin templates with an inline <style> or <script>.
                "csp.context_processors.nonce",
            ],
        },
    },
]
# Django's own forms render through Django templates, whichever backend comes first.
FORM_RENDERER = "django.forms.renderers.DjangoTemplates"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_cache(url: str) -> dict:
    """The cache production runs: Redis, shared by every instance."""
    return {
        "default": {
            "BACKEND": "edge.cache_backends.TolerantRedisCache",
            "LOCATION": url,
            # Give up quickly: a page served without the cache beats a page that hangs. After
            # a failure the backend skips Redis for a few seconds (edge/cache_backends.py).
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
        }
    }


REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = redis_cache(REDIS_URL)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# How long a cached page is kept (seconds); 0 switches the page cache off. Pages are keyed on
# the content version, so a change shows at once whatever this is.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# What else anonymous visitors' cached pages differ by: the cookie banner's answer.
PAGE_CACHE_VISITOR_CHOICES = ["insight.consent.PAGE_CACHE_CHOICE"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Hashed file names change with their content, so browsers may keep them for a year.
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0

# Security: safe defaults, production switches them on from the environment.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
# Content Security Policy: scripts and styles only from this site or carrying the
# per-request nonce; never 'unsafe-inline'. Google's hosts only when analytics is configured.
_GA_HOSTS = ["https://*.googletagmanager.com"] if GA_MEASUREMENT_ID else []
_GA_BEACON_HOSTS = ["https://*.google-analytics.com", "https://*.analytics.google.com"]
_GA_BEACON_HOSTS = _GA_BEACON_HOSTS if GA_MEASUREMENT_ID else []
_CSP = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", _csp_constants.NONCE, *_GA_HOSTS],
        "style-src": ["'self'", _csp_constants.NONCE],
        "img-src": ["'self'", "data:", *_GA_HOSTS, *_GA_BEACON_HOSTS],
        "connect-src": ["'self'", *_GA_HOSTS, *_GA_BEACON_HOSTS],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# CSP_REPORT_ONLY=true sends the policy as Content-Security-Policy-Report-Only, to try a
# change of policy without blocking anything.
if env_bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP
# How many load balancers or proxies in front of the site append to X-Forwarded-For. Rate
# limits, the sign-in lockout and the click visitor key all use the visitor's address, which
# only they can vouch for (edge/client.py). The old name still works.
TRUSTED_PROXIES = int(
    os.environ.get("TRUSTED_PROXIES") or os.environ.get("RATELIMIT_TRUSTED_PROXIES") or "0"
)
# A client talking to the site directly could claim HTTPS with X-Forwarded-Proto, so the
# header only counts when a trusted proxy, which sets it itself, stands in front.
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The largest body any form or admin import needs; larger requests get a 413 page.
MAX_REQUEST_BODY_BYTES = int(os.environ.get("MAX_REQUEST_BODY_BYTES", 5 * 1024 * 1024))

# Admin: its address, sign-in lockout and idle timeout.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
if ADMIN_URL == "/":
    raise ImproperlyConfigured("ADMIN_URL must be a path such as 'admin/'.")
AUTHENTICATION_BACKENDS = [
    "editorial.auth.LoginAttemptBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed sign-ins for one username from one address lock that pair out for 15 minutes.
# Locking by address alone would let anyone behind the same load balancer (or anyone at all,
# with no trusted proxy set) lock out every member of staff; by username alone, anyone who
# knows a username could lock its owner out from everywhere.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "edge.client.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_USERNAME_CALLABLE = "editorial.auth.recorded_username"
# Staff also enter a code from an authenticator app (see docs/security.md to enrol one).
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = "DfE social work careers admin"
# Signed-in staff are signed out after 2 hours without a request.
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
# An import either saves every row or, on any error, none.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# The uploaded file waits for the confirm step in the shared cache (Redis in production), so
# whichever instance answers the confirm can read it; a local temporary folder is only on
# the instance that took the upload.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"

# One JSON object per line (LOG_FORMAT=json, the default) or plain text (LOG_FORMAT=text, as
# `make run` sets); gunicorn's own lines follow the same setting (gunicorn.conf.py).
LOG_FORMAT = log_format()
LOGGING = django_logging(kind=LOG_FORMAT, level=os.environ.get("LOG_LEVEL", "INFO"))
# Python's warnings (a missing folder, a deprecation) are written as log lines like the rest.
logging.captureWarnings(True)

# Programmes and roles whose facts were last checked longer ago than this are listed in the
# admin as needing checking (about 6 months).
FACTS_CHECK_MAX_AGE_DAYS = int(os.environ.get("FACTS_CHECK_MAX_AGE_DAYS", "183"))
# Networks off the public internet the link checker may still visit, comma separated (for
# example "10.1.0.0/16" for an intranet the content links to). By default none: the checker
# never reaches this server, its private network or the cloud's metadata service.
LINK_CHECK_ALLOWED_NETWORKS = env_list("LINK_CHECK_ALLOWED_NETWORKS")

# What `manage.py nightly` runs, in order: the dashboard's summary first, as it is quick and
# the link check is not.
NIGHTLY_JOBS = [
    "summarise_insight",
    # Alert emails, then deleting what is past keeping (docs/alerts.md).
    "send_alerts",
    "delete_old_alerts",
    "check_links",
]

# Email alerts through GOV.UK Notify (docs/alerts.md). With no API key, emails are written to
# the log and to "Emails" in the admin instead of being sent: for development.
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "").strip()
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_TEMPLATES = {
    "confirm": os.environ.get("NOTIFY_TEMPLATE_CONFIRM", ""),
    "manage": os.environ.get("NOTIFY_TEMPLATE_MANAGE", ""),
    "opened": os.environ.get("NOTIFY_TEMPLATE_OPENED", ""),
    "announced": os.environ.get("NOTIFY_TEMPLATE_ANNOUNCED", ""),
}
# How long a request waits to be confirmed before it is deleted, and its link stops working.
ALERTS_PENDING_DAYS = int(os.environ.get("ALERTS_PENDING_DAYS", "7"))
# How long after its programme ends an alert is deleted (0: the night after it ends).
ALERTS_ENDED_DAYS = int(os.environ.get("ALERTS_ENDED_DAYS", "0"))
# How long a "Manage your alerts" link works.
ALERTS_MANAGE_LINK_HOURS = int(os.environ.get("ALERTS_MANAGE_LINK_HOURS", "24"))
# How often `send_alerts` tries one email before it gives up, and the wait before the first
# retry (doubled after each failure).
ALERTS_SEND_ATTEMPTS = int(os.environ.get("ALERTS_SEND_ATTEMPTS", "6"))
ALERTS_RETRY_SECONDS = int(os.environ.get("ALERTS_RETRY_SECONDS", "300"))
