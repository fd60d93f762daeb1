"""What each middleware costs a request, timed in one process.

Calls Django's WSGI handler directly (no server, no network) for each address given, first
with the whole middleware chain of settings.MIDDLEWARE, then once with each middleware left
out. A middleware's cost is how much faster the chain answers without it. Prints JSON:
{path: {"whole": microseconds, "bare_django": microseconds, "each": {middleware: cost}}}.
"bare_django" is Django with no middleware at all, answering the same view.

Run by bench/run.py against its throwaway database, with the site's environment; by hand:
`DATABASE_URL=... .venv/bin/python bench/middleware_cost.py /ping /`.
"""

import json
import os
import sys
import time
from pathlib import Path
from wsgiref.util import setup_testing_defaults

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.test import override_settings  # noqa: E402

BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"
ROUNDS = 7
REQUESTS = 200


def environ(path: str) -> dict:
    env = {
        "PATH_INFO": path,
        "REQUEST_METHOD": "GET",
        "SERVER_NAME": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_USER_AGENT": BROWSER_UA,
        "HTTP_ACCEPT_ENCODING": "gzip, deflate",
        "REMOTE_ADDR": "127.0.0.1",
    }
    setup_testing_defaults(env)
    return env


class Chain:
    """Django's request handling with this middleware, called as gunicorn would."""

    def __init__(self, middleware: list[str], path: str):
        self.environ = environ(path)
        with override_settings(MIDDLEWARE=middleware):
            self.handler = WSGIHandler()
        self.status = ""
        for _ in range(50):  # warm up: caches, the content version, connections
            self.once()
        if not self.status.startswith("200"):
            raise RuntimeError(f"{path} answered {self.status} with {middleware}")

    def start_response(self, status, headers, exc_info=None):
        self.status = status

    def once(self) -> None:
        body = self.handler(dict(self.environ), self.start_response)
        b"".join(body)
        body.close()

    def cpu_microseconds(self) -> float:
        """CPU time this process spends on one request (waiting for the database or Redis
        not included; other load on the machine hardly moves it, unlike wall-clock time)."""
        started = time.process_time()
        for _ in range(REQUESTS):
            self.once()
        return (time.process_time() - started) / REQUESTS * 1e6


def costs(path: str) -> dict:
    chain = list(settings.MIDDLEWARE)
    variants = {"whole": Chain(chain, path), "bare_django": Chain([], path)}
    needed = []
    for name in chain:
        try:
            variants[name] = Chain([m for m in chain if m != name], path)
        except Exception:  # noqa: BLE001 - another middleware needs this one
            needed.append(name)
    # Round by round, every variant once, so a burst of other load hits them all alike; the
    # fastest round of each counts, as other load only ever adds time.
    best = dict.fromkeys(variants, float("inf"))
    for _ in range(ROUNDS):
        for name, variant in variants.items():
            best[name] = min(best[name], variant.cpu_microseconds())
    whole = best["whole"]
    each = {name: (None if name in needed else whole - best[name]) for name in chain}
    return {"whole": whole, "bare_django": best["bare_django"], "each": each}


def main(paths: list[str]) -> None:
    print(json.dumps({path: costs(path) for path in paths}))


if __name__ == "__main__":
    main(sys.argv[1:] or ["/ping"])
