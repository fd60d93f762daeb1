"""How log lines are written, by Django and by gunicorn alike: one JSON object per line for
log collectors (time, level, logger, message, and request_id inside a request), or plain text
for a person at a terminal with LOG_FORMAT=text."""

import datetime
import logging
import os

from django.core.exceptions import ImproperlyConfigured
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

FORMATS = ("json", "text")
TEXT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"
JSON_NAMES = {"asctime": "time", "levelname": "level", "name": "logger"}
# Django's request records carry the request object itself: its repr says nothing the
# message does not, and the server's is a socket.
NOT_LOGGED = [*RESERVED_ATTRS, "request"]


def log_format() -> str:
    value = os.environ.get("LOG_FORMAT", "").strip().lower() or "json"
    if value not in FORMATS:
        raise ImproperlyConfigured("LOG_FORMAT must be 'json' or 'text'.")
    return value


class JsonLines(JsonFormatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        moment = datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC)
        return moment.isoformat(timespec="milliseconds")


def formatter(kind: str = "") -> logging.Formatter:
    """The formatter for `kind` ('json' or 'text'; LOG_FORMAT's when not given)."""
    if (kind or log_format()) == "text":
        return logging.Formatter(TEXT, defaults={"request_id": "-"})
    return JsonLines(JSON_FIELDS, rename_fields=JSON_NAMES, reserved_attrs=NOT_LOGGED)


def django_logging(*, kind: str, level: str) -> dict:
    """settings.LOGGING: every logger, Django's own included, through one handler."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "edge.request_id.RequestIdFilter"}},
        "formatters": {"site": {"()": "config.logs.formatter", "kind": kind}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "site",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's defaults give these handlers of their own, in another format.
            "django": {"handlers": [], "level": level, "propagate": True},
            "django.server": {"handlers": [], "level": level, "propagate": True},
            "django.security.DisallowedHost": {"level": "ERROR"},
        },
    }
