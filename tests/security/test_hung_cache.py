"""A Redis that accepts connections but never answers costs at most one slow page."""

import socket
import threading
import time

import pytest

from config.settings import redis_cache
from edge import cache_backends
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


@pytest.fixture
def waited(monkeypatch):
    """Seconds the site spent inside cache calls, so far. The promise is about waiting on
    Redis, not about how long a page takes to draw on a busy test machine."""
    spent = [0.0]

    def timed(method):
        def wrapper(self, *args, **kwargs):
            started = time.monotonic()
            try:
                return method(self, *args, **kwargs)
            finally:
                spent[0] += time.monotonic() - started

        return wrapper

    for name in cache_backends.FALLBACKS:
        method = getattr(cache_backends.TolerantRedisCache, name)
        monkeypatch.setattr(cache_backends.TolerantRedisCache, name, timed(method))
    return lambda: spent[0]


def waited_get(client, path, waited):
    before = waited()
    response = client.get(path)
    return response, waited() - before


def test_a_hung_redis_costs_one_slow_page_then_none(site_content, hung_redis, waited):
    visitor = ProxiedClient(HTTP_USER_AGENT=BROWSER)
    # Drawn once with Redis working, so the timing below is the hung Redis's cost, not the
    # first compile of the templates on a busy test machine.
    assert visitor.get("/career-stages/?stage=warm-up").status_code == 200
    server = hung_redis()
    first, first_wait = waited_get(visitor, "/career-stages/", waited)
    assert first.status_code == 200
    assert first_wait < 1.0  # one read timeout (0.3 s), not 10 to 21 seconds
    asked = server.commands
    assert asked == 1  # one call waited for its timeout; the breaker skipped the rest
    for path in ["/", "/development-programmes/", "/explore-roles/", "/career-stages/"]:
        response, wait = waited_get(visitor, path, waited)
        assert response.status_code == 200  # served from the database
        assert wait < 0.05
    # While the breaker is open, no request waits on Redis at all.
    assert server.commands == asked


def test_the_cache_is_tried_again_after_a_few_seconds(
    site_content, hung_redis, waited, monkeypatch
):
    monkeypatch.setattr(cache_backends, "BREAKER_SECONDS", 0.2)
    visitor = ProxiedClient(HTTP_USER_AGENT=BROWSER)
    visitor.get("/?stage=warm-up")
    server = hung_redis()
    visitor.get("/")
    asked = server.commands
    time.sleep(0.3)
    response, wait = waited_get(visitor, "/", waited)
    assert response.status_code == 200 and wait < 1.0
    assert server.commands > asked


def test_sign_ups_and_rate_limits_work_with_a_hung_redis(site_content, hung_redis, waited):
    visitor = ProxiedClient(HTTP_USER_AGENT=BROWSER)
    server = hung_redis()
    sign_up = "/development-programmes/pathways-modules/sign-up/"
    response, wait = waited_get(visitor, sign_up, waited)
    assert response.status_code == 302 and wait < 1.0
    # Limits fail open: a search is answered, not refused or left waiting.
    response, wait = waited_get(visitor, "/search?q=manager", waited)
    assert response.status_code == 200 and wait < 0.05
    assert server.commands == 1
