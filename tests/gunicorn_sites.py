"""The site in real gunicorn processes, against a database of its own (PostgreSQL when
DATABASE_URL names a PostgreSQL server, else an SQLite file), for the tests that need
production's processes rather than the test client (the `database_url` fixture in
tests/conftest.py makes that database)."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import psycopg

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def site_env(database_url: str, **extra: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "test-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "PAGE_CACHE_SECONDS": "600",
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


class Site:
    def __init__(self, database_url: str, workers: int, **extra: str):
        # A port the system picked, listened on before gunicorn starts and handed to it, so
        # no two test runs (or xdist workers) can want the same one.
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(  # noqa: S603 - our own command
            [
                GUNICORN,
                "tests.performance.worker_pid_app:application",
                f"--bind=fd://{self.listener.fileno()}",
                f"--workers={workers}",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=site_env(database_url, **extra),
            pass_fds=[self.listener.fileno()],
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                self.get("/ping")
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)

    def get(self, path: str) -> tuple[str, str, str]:
        """(worker pid, cache state, body) of one request on a new connection."""
        request = urllib.request.Request(self.base + path, headers={"User-Agent": "Chrome/130"})
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return (
                response.headers["X-Worker-Pid"],
                response.headers.get("X-Page-Cache", ""),
                response.read().decode(),
            )

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        self.listener.close()


@contextlib.contextmanager
def site_database(folder: Path) -> Iterator[str]:
    """A database migrated and loaded with the bundled content by `manage.py`, as a deploy
    does; dropped afterwards."""
    configured = dj_database_url.parse(os.environ.get("DATABASE_URL") or "sqlite://")
    if configured["ENGINE"].endswith("postgresql"):
        server = "postgres://{USER}@{HOST}:{PORT}".format(**configured)
        name = f"test_site_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = f"{server}/{name}"
    else:
        url = f"sqlite:///{folder / 'site.sqlite3'}"
    try:
        env = site_env(url)
        for command in (["migrate", "--noinput", "-v0"], ["load_content"]):
            subprocess.run(  # noqa: S603 - our own command
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
            )
        yield url
    finally:
        if url.startswith("postgres"):
            with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage_shell(db_url: str, code: str) -> str:
    """The last line `code` prints, run by `manage.py shell` against the site's database, as
    an editor's save on another machine would be."""
    result = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=site_env(db_url),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]
