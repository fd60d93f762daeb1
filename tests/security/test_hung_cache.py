"""A Redis that accepts connections but never answers costs at most one slow page."""

import socket
import threading
import time

import pytest

from config.settings import redis_cache
from core import cache_backends
from tests.conftest import ProxiedClient

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"


class SilentServer:
    """Takes connections and reads whatever is sent, never answering, like a hung Redis."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.commands = 0
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        self.listener.settimeout(0.1)
        while self.running:
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(conn)
            threading.Thread(target=self._read, args=(conn,), daemon=True).start()

    def _read(self, conn):
        conn.settimeout(0.1)
        while self.running:
            try:
                if conn.recv(65536):
                    self.commands += 1
            except TimeoutError:
                continue
            except OSError:
                return

    def close(self):
        self.running = False
        for conn in self.connections:
            conn.close()
        self.listener.close()


@pytest.fixture
def hung_redis(settings):
    """Call it to swap the working Redis for a hung one; it returns the hung server."""
    server = SilentServer()

    def hang() -> SilentServer:
        settings.CACHES = redis_cache(f"redis://127.0.0.1:{server.port}/0")
        return server

    yield hang
    server.close()


def timed_get(client, path):
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def test_a_hung_redis_costs_one_slow_page_then_none(site_content, hung_redis):
    visitor = ProxiedClient(HTTP_USER_AGENT=BROWSER)
    # Drawn once with Redis working, so the timing below is the hung Redis's cost, not the
    # first compile of the templates on a busy test machine.
    assert visitor.get("/career-stages/?stage=warm-up").status_code == 200
    server = hung_redis()
    first, first_seconds = timed_get(visitor, "/career-stages/")
    assert first.status_code == 200
    assert first_seconds < 1.0
    asked = server.commands
    assert asked == 1  # one call waited for its timeout; the breaker skipped the rest
    for path in ["/", "/development-programmes/", "/explore-roles/", "/career-stages/"]:
        response = visitor.get(path)
        assert response.status_code == 200  # served from the database
    # While the breaker is open, no request waits on Redis at all.
    assert server.commands == asked


def test_the_cache_is_tried_again_after_a_few_seconds(site_content, hung_redis, monkeypatch):
    monkeypatch.setattr(cache_backends, "BREAKER_SECONDS", 0.2)
    visitor = ProxiedClient(HTTP_USER_AGENT=BROWSER)
    visitor.get("/?stage=warm-up")
    server = hung_redis()
    visitor.get("/")
    asked = server.commands
    time.sleep(0.3)
    response, seconds = timed_get(visitor, "/")
    assert response.status_code == 200 and seconds < 1.0
    assert server.commands > asked


def test_sign_ups_and_rate_limits_work_with_a_hung_redis(site_content, hung_redis):
    visitor = ProxiedClient(HTTP_USER_AGENT=BROWSER)
    hung_redis()
    response, seconds = timed_get(visitor, "/development-programmes/pathways-modules/sign-up/")
    assert response.status_code == 302 and seconds < 1.0
    # Limits fail open: a search is answered, not refused or left waiting.
    response, seconds = timed_get(visitor, "/search?q=manager")
    assert response.status_code == 200 and seconds < 1.0
