"""Log lines as production writes them: gunicorn's and the site's, one JSON object per line,
each line of a request carrying the X-Request-ID its response returns; plain text on request."""

import contextlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import logs
from tests.core.test_container import instruction

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """Status and X-Request-ID of one request."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.headers["X-Request-ID"]
    except urllib.error.HTTPError as error:
        return error.code, error.headers["X-Request-ID"]


@contextlib.contextmanager
def gunicorn(tmp_path: Path, **extra_env: str):
    """The site in gunicorn as the container runs it (the Dockerfile's command, with
    gunicorn.conf.py read from the working directory). Yields the address; the log is complete
    on exit."""
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        # A database without tables: the pages asked for here need none.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "DEBUG": "false",
        "SECRET_KEY": "test-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "LOG_LEVEL": "INFO",
        "LOG_FORMAT": "",
        **extra_env,
    }
    # The image's own command, listening on the loopback only, with this venv's gunicorn.
    [cmd] = instruction("CMD")
    script = json.loads(cmd)[-1].replace("exec gunicorn ", f"exec {GUNICORN} ", 1)
    script = script.replace("0.0.0.0:", "127.0.0.1:")
    assert "127.0.0.1:${PORT}" in script
    env.update(PORT=str(port), WEB_CONCURRENCY="1")
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - our own command
            ["sh", "-c", script],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(base + "/ping")
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()}") from None
                time.sleep(0.2)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


@pytest.mark.processes
def test_gunicorn_and_the_site_write_one_json_object_per_line_with_the_request_id(tmp_path):
    with gunicorn(tmp_path) as base:
        assert fetch(base + "/ping")[0] == 200
        found_id = fetch(base + "/ping")[1]
        missing_status, missing_id = fetch(base + "/no-such-page")
    assert missing_status == 404
    assert found_id != missing_id

    text = (tmp_path / "gunicorn.log").read_text()
    lines = [json.loads(line) for line in text.splitlines()]  # every line is JSON
    for line in lines:
        assert {"time", "level", "logger", "message"} <= set(line), line
    loggers = {line["logger"] for line in lines}
    assert {"gunicorn.error", "gunicorn.access", "django.request"} <= loggers
    access = {line["request_id"]: line for line in lines if line["logger"] == "gunicorn.access"}
    assert access[found_id]["path"] == "/ping" and access[found_id]["status"] == 200
    assert access[missing_id]["path"] == "/no-such-page"
    assert access[missing_id]["status"] == 404
    [not_found] = [line for line in lines if line["logger"] == "django.request"]
    assert not_found["message"] == "Not Found: /no-such-page"
    assert not_found["request_id"] == missing_id
    # Lines outside any request say nothing of one.
    starting = next(line for line in lines if line["logger"] == "gunicorn.error")
    assert "request_id" not in starting


@pytest.mark.processes
def test_log_format_text_writes_plain_lines_for_people(tmp_path):
    with gunicorn(tmp_path, LOG_FORMAT="text") as base:
        request_id = fetch(base + "/no-such-page")[1]
    text = (tmp_path / "gunicorn.log").read_text()
    assert not text.lstrip().startswith("{")
    assert f"WARNING django.request [{request_id}] Not Found: /no-such-page" in text


def test_json_lines_keep_extra_fields_and_the_traceback():
    try:
        raise ValueError("bad value")
    except ValueError:
        record = logging.getLogger("core.example").makeRecord(
            "core.example", logging.ERROR, __file__, 1, "Failed %s", ("once",), sys.exc_info(),
            extra={"request_id": "abc12345", "status_code": 500},
        )  # fmt: skip
    line = json.loads(logs.formatter("json").format(record))
    assert line["message"] == "Failed once"
    assert (line["level"], line["logger"]) == ("ERROR", "core.example")
    assert (line["request_id"], line["status_code"]) == ("abc12345", 500)
    assert "ValueError: bad value" in line["exc_info"]
    assert line["time"].endswith("+00:00")
    assert "\n" not in logs.formatter("json").format(record)


@pytest.mark.parametrize("value, expected", [("", "json"), ("JSON", "json"), ("text", "text")])
def test_log_format_is_read_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv("LOG_FORMAT", value)
    assert logs.log_format() == expected


def test_an_unknown_log_format_stops_the_site_starting(monkeypatch):
    monkeypatch.setenv("LOG_FORMAT", "xml")
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT"):
        logs.log_format()
