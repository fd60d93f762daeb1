"""The soak: 60 seconds of mixed traffic while the database goes away for 10 seconds.

Runs the site as production does (gunicorn, DEBUG off, the page cache on, Redis, one trusted
proxy in front sending X-Forwarded-For and X-Forwarded-Proto) on a throwaway PostgreSQL
database reached through a small TCP proxy in this script, on free loopback ports. wrk sends
mixed traffic (pages, lists, search, the API, sign-up links, a missing page) from many
visitors; 25 seconds in, the proxy drops every database connection and refuses new ones for
10 seconds. It passes when:

- no response is a bare 500: every answer of 500 or more is the GOV.UK page with every
  security header;
- no sign-up click is lost: after `manage.py replay_clicks` on gunicorn's log, the database
  holds a click for every redirect to a provider;
- the site recovers without a restart: /healthz answers 200 again within seconds of the
  database coming back, from the same gunicorn processes.

Run from the project folder: `.venv/bin/python bench/soak.py` (needs wrk, PostgreSQL on
127.0.0.1:5432 and Redis on 127.0.0.1:6379). `--write` records the figures in
docs/performance.md. Traffic goes only to 127.0.0.1.
"""

import argparse
import asyncio
import datetime
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import psycopg
import redis
from run import PYTHON, ROOT, machine, throwaway_database, worker_pids

REPORT_START = "<!-- soak:start -->"
REPORT_END = "<!-- soak:end -->"
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 soak-check"
# Proxy headers for the script's own checks, as wrk sends them (bench/soak.lua).
THROUGH_PROXY = {"X-Forwarded-For": "10.200.0.1", "X-Forwarded-Proto": "https"}
# Recovery must take no longer than this after the database is back.
RECOVERY_LIMIT_SECONDS = 5.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DatabaseProxy:
    """A TCP proxy between gunicorn and PostgreSQL that can cut the database off as an outage
    does: open connections dropped, new ones refused, while PostgreSQL itself runs on."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        self.server: asyncio.Server | None = None
        self.writers: set[asyncio.StreamWriter] = set()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self._call(self._listen())

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=10)

    async def _listen(self):
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def _serve(self, client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(
                "127.0.0.1", self.target_port
            )
        except OSError:
            client_writer.close()
            return
        self.writers.update({client_writer, server_writer})
        await asyncio.gather(
            self._pipe(client_reader, server_writer), self._pipe(server_reader, client_writer)
        )

    async def _pipe(self, reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            self.writers.discard(writer)
            writer.close()

    async def _cut(self):
        self.server.close()
        for writer in list(self.writers):
            writer.transport.abort()
        self.writers.clear()

    def cut(self):
        self._call(self._cut())

    def restore(self):
        self._call(self._listen())

    def close(self):
        self._call(self._cut())
        self.loop.call_soon_threadsafe(self.loop.stop)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="length of the traffic")
    parser.add_argument("--cut-at", type=int, default=25, help="seconds in, the cut starts")
    parser.add_argument("--cut-for", type=int, default=10, help="seconds the cut lasts")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--database-server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--redis-url", default=os.environ.get("SOAK_REDIS_URL", "redis://127.0.0.1:6379/11")
    )
    parser.add_argument("--write", action="store_true", help="record in docs/performance.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: install Debian's package with `apt-get install wrk`.")
        return 2
    started = time.monotonic()
    redis.Redis.from_url(args.redis_url).flushdb()
    name = f"soak_{os.getpid()}"
    proxy = DatabaseProxy(target_port=5432)
    try:
        with (
            throwaway_database(args.database_server, name) as direct_url,
            tempfile.TemporaryDirectory(prefix="soak-") as tmp,
        ):
            through_proxy = direct_url.replace(":5432/", f":{proxy.port}/")
            env = site_environment(through_proxy, args.redis_url, Path(tmp))
            prepare(env)
            paths = traffic_paths(direct_url)
            port = free_port()
            log = Path(tmp) / "site.log"
            with gunicorn(env, port, log) as server:
                result = soak(server, port, paths, proxy, args)
            result["replay"] = replay(log, {**env, "DATABASE_URL": direct_url})
            result["stored_clicks"] = count_clicks(direct_url)
    finally:
        proxy.close()
        redis.Redis.from_url(args.redis_url).flushdb()
    result["minutes"] = (time.monotonic() - started) / 60
    failures = judge(result)
    report = build_report(result, args, failures)
    print(report)
    if args.write:
        write_report(report)
    return 1 if failures else 0


def site_environment(database_url: str, redis_url: str, tmp: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DEBUG": "false",
        "SECRET_KEY": "soak-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        # wrk plays the load balancer: it adds X-Forwarded-For and X-Forwarded-Proto, so the
        # HTTPS redirect, HSTS and secure cookies stay as deployed.
        "TRUSTED_PROXIES": "1",
        "STATIC_ROOT": str(tmp / "static"),
        "LOG_LEVEL": "WARNING",
        # A refused connection fails at once; a hung one would otherwise wait the default.
        "PGCONNECT_TIMEOUT": "2",
    }


def prepare(env: dict) -> None:
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_content", "-v0"],
        ["rebuild_search_index"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(  # noqa: S603 - our own command
            [PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )


def traffic_paths(database_url: str) -> list[str]:
    """A mix of what visitors ask for, with a sign-up link to every published programme."""
    with psycopg.connect(database_url) as conn:
        programmes = [
            row[0]
            for row in conn.execute(
                "SELECT slug FROM programmes_programme WHERE status = 'published' ORDER BY id"
            )
        ]
        stages = [
            row[0]
            for row in conn.execute(
                "SELECT slug FROM careers_careerstage WHERE status = 'published' ORDER BY id"
            )
        ]
    pages = [
        "/",
        "/career-stages/",
        *[f"/career-stages/{slug}/" for slug in stages],
        "/development-programmes/",
        *[f"/development-programmes/{slug}/" for slug in programmes],
        f"/development-programmes/?stage={stages[0]}",
        "/explore-roles/",
        "/search?q=social+worker",
        "/api/v1/programmes",
        "/privacy",
        "/no-such-page",
    ]
    sign_ups = [f"/development-programmes/{slug}/sign-up/" for slug in programmes]
    # About a third of requests are sign-ups, spread through the mix.
    return pages + sign_ups + sign_ups[: len(sign_ups) // 2 + 1]


@contextmanager
def gunicorn(env: dict, port: int, log: Path):
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={2 * (os.cpu_count() or 1) + 1}",
        "--log-level=warning",
    ]
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - our own command
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 60
            while get(port, "/ping")[0] != 200:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()[-2000:]}")
                time.sleep(0.2)
            yield process
        finally:
            process.terminate()
            process.wait(timeout=30)


def get(port: int, path: str) -> tuple[int, str]:
    """Status and body of one request through the (simulated) proxy; 0 if no answer."""
    request = urllib.request.Request(  # noqa: S310 - the loopback only
        f"http://127.0.0.1:{port}{path}", headers={"User-Agent": BROWSER_UA, **THROUGH_PROXY}
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""


def sends_to_provider(port: int, path: str) -> bool:
    """Whether the request is a sign-up that goes to a provider, so a click is stored (a
    programme nobody can apply for today sends people to its own page instead)."""
    request = urllib.request.Request(  # noqa: S310 - the loopback only
        f"http://127.0.0.1:{port}{path}", headers={"User-Agent": BROWSER_UA, **THROUGH_PROXY}
    )
    try:
        urllib.request.build_opener(NoRedirect).open(request, timeout=10).close()
    except urllib.error.HTTPError as error:
        return error.code == 302 and error.headers.get("Location", "").startswith("https://")
    return False


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def soak(server, port: int, paths: list[str], proxy: DatabaseProxy, args) -> dict:
    # Every page and sign-up link once first, as visitors had before the outage.
    warm_up_clicks = sum(1 for path in paths if sends_to_provider(port, path))
    time.sleep(1)  # let those requests finish writing before counting
    workers_before = sorted(worker_pids(server.pid))
    health: list[tuple[float, int]] = []
    stop = threading.Event()

    home: list[tuple[float, int]] = []

    def watch_health():
        while not stop.is_set():
            health.append((time.monotonic(), get(port, "/healthz")[0]))
            # The home page is in the page cache (the warm-up drew it): it is served whole
            # however long the cut lasts.
            home.append((time.monotonic(), get(port, "/")[0]))
            time.sleep(0.25)

    watcher = threading.Thread(target=watch_health, daemon=True)
    wrk = subprocess.Popen(  # noqa: S603 - our own command
        [
            shutil.which("wrk"),
            "--threads=2",
            f"--connections={args.connections}",
            f"--duration={args.seconds}s",
            "--timeout=5s",
            f"--script={ROOT / 'bench' / 'soak.lua'}",
            f"http://127.0.0.1:{port}",
            "--",
            *paths,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    began = time.monotonic()
    watcher.start()
    time.sleep(args.cut_at)
    cut_at = time.monotonic()
    proxy.cut()
    print(f"  database cut at {cut_at - began:.0f} s", flush=True)
    time.sleep(args.cut_for)
    proxy.restore()
    restored_at = time.monotonic()
    print(f"  database back at {restored_at - began:.0f} s", flush=True)
    output, _ = wrk.communicate(timeout=args.seconds + 60)
    stop.set()
    watcher.join()
    line = next(line for line in output.splitlines() if line.startswith("SOAK-JSON "))
    result = json.loads(line.removeprefix("SOAK-JSON "))
    result["warm_up_clicks"] = warm_up_clicks
    result["connections"] = args.connections
    down = [at for at, status in health if cut_at <= at < restored_at and status == 503]
    back = [at for at, status in health if at >= restored_at and status == 200]
    result["health_503_during_cut"] = bool(down)
    home_during_cut = [status for at, status in home if cut_at <= at < restored_at]
    result["home_during_cut"] = dict(Counter(home_during_cut))
    result["recovery_seconds"] = (back[0] - restored_at) if back else None
    result["health_after"] = get(port, "/healthz")[0]
    result["page_after"] = get(port, "/development-programmes/")[0]
    result["same_master"] = server.poll() is None
    result["workers_replaced"] = len(set(workers_before) - set(worker_pids(server.pid)))
    return result


def replay(log: Path, env: dict) -> str:
    done = subprocess.run(  # noqa: S603 - our own command
        [PYTHON, "manage.py", "replay_clicks", str(log)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def count_clicks(database_url: str) -> int:
    with psycopg.connect(database_url) as conn:
        return conn.execute("SELECT count(*) FROM programmes_signupclick").fetchone()[0]


def judge(result: dict) -> list[str]:
    failures = []
    if result["bare"]:
        failures.append(f"{result['bare']} answers of 500 or more were not the GOV.UK page")
    expected = result["sign_ups"] + result["warm_up_clicks"]
    # A request wrk gave up on, or still had in hand when its time was up (at most one per
    # connection), may have been answered and stored without being counted here.
    uncounted = result["timeouts"] + result["connections"]
    if not expected <= result["stored_clicks"] <= expected + uncounted:
        failures.append(f"{expected} sign-up redirects but {result['stored_clicks']} clicks stored")
    if not result["health_503_during_cut"]:
        failures.append("/healthz did not answer 503 while the database was cut")
    if set(result["home_during_cut"]) != {200}:
        failures.append(f"the cached home page answered {result['home_during_cut']} in the cut")
    recovery = result["recovery_seconds"]
    if recovery is None or recovery > RECOVERY_LIMIT_SECONDS:
        failures.append(f"no recovery within {RECOVERY_LIMIT_SECONDS} s (took {recovery})")
    if (result["health_after"], result["page_after"]) != (200, 200) or not result["same_master"]:
        failures.append("the site did not serve again from the same gunicorn")
    return failures


def build_report(result: dict, args, failures: list[str]) -> str:
    statuses = ", ".join(
        f"{count:,} x {status}"
        for status, count in sorted(result["statuses"].items(), key=lambda item: item[0])
    )
    seconds = result["duration_us"] / 1e6
    lines = [
        "### Soak: a database outage under load",
        "",
        f"Measured {datetime.date.today().isoformat()} on {machine()}, by "
        "`.venv/bin/python bench/soak.py --write` (CI runs it too, without `--write`).",
        f"{args.seconds} s of mixed traffic from {args.connections} connections; the database "
        f"cut from {args.cut_at} s to {args.cut_at + args.cut_for} s.",
        "",
        "| measure | result |",
        "|---|---|",
        f"| requests | {result['requests']:,} ({result['requests'] / seconds:.0f} a second) |",
        f"| answers | {statuses} |",
        f"| latency | p50 {result['p50_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms, "
        f"max {result['max_ms']:.0f} ms |",
        f"| socket errors (of which timeouts) | {result['socket_errors']} ({result['timeouts']}) |",
        f"| bare 500s (5xx without the GOV.UK page or a security header) | {result['bare']} |",
        f"| sign-up redirects (with the warm-up's) | "
        f"{result['sign_ups'] + result['warm_up_clicks']:,} |",
        f"| clicks stored after `replay_clicks` | {result['stored_clicks']:,} (up to one a "
        "connection may be from a request still in hand when wrk stopped counting) |",
        f"| replay | {result['replay']} |",
        f"| `/healthz` during the cut | {'503' if result['health_503_during_cut'] else 'not'} |",
        "| the home page (kept in the page cache) during the cut | "
        + ", ".join(f"{n} x {status}" for status, n in sorted(result["home_during_cut"].items()))
        + " |",
        f"| recovery after the database came back | {format_seconds(result['recovery_seconds'])},"
        f" no restart ({result['workers_replaced']} workers replaced) |",
        f"| total time | {result['minutes']:.1f} minutes |",
        "",
        "Result: " + ("passed." if not failures else "FAILED: " + "; ".join(failures)),
    ]
    return "\n".join(lines)


def format_seconds(value: float | None) -> str:
    return "none" if value is None else f"{value:.1f} s"


def write_report(report: str) -> None:
    doc = ROOT / "docs" / "performance.md"
    text = doc.read_text()
    section = f"{REPORT_START}\n{report}\n{REPORT_END}"
    pattern = re.compile(re.escape(REPORT_START) + ".*?" + re.escape(REPORT_END), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    doc.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
