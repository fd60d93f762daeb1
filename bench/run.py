"""`make bench`: run the site as production does and measure it under load.

Creates a throwaway PostgreSQL database, fills it with realistic volumes, starts gunicorn
(DEBUG off, 2 x cores + 1 workers), drives each page with wrk from a second process, measures
page weight in Chromium and worker memory, prints one table and writes it to
docs/performance.md. Everything it starts or creates is stopped and removed at the end.

Run from the project folder: `.venv/bin/python bench/run.py` (needs `wrk` and PostgreSQL).
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0 Safari/537.36"
)
REPORT_START = "<!-- bench:start -->"
REPORT_END = "<!-- bench:end -->"

# Throughput targets as a share of the ceiling, the bare WSGI app under the same gunicorn,
# and p99 latency targets (ms). They were set as shares of /ping (cached pages 50%, pages
# drawn per request 10%, search 5%, sign-up 25%) when /ping reached 0.29 of the bare app;
# held to the bare app at that rate, so that making /ping cheaper does not move them.
PING_SHARE_OF_BARE_WHEN_SET = 0.29
CACHED, UNCACHED, SEARCH, SIGN_UP = "cached", "not whole from cache", "search", "sign-up"
TARGETS = {
    kind: (share_of_ping * PING_SHARE_OF_BARE_WHEN_SET, max_p99)
    for kind, share_of_ping, max_p99 in [
        (CACHED, 0.50, 50),
        (UNCACHED, 0.10, 250),
        (SEARCH, 0.05, 250),
        (SIGN_UP, 0.25, 250),
    ]
}
FIRST_VISIT_LIMIT = 200 * 1024
REPEAT_VISIT_LIMIT = 30 * 1024
RSS_LIMIT_MB = 150


# The two volumes of content measured: what `make run` loads, and far more than the service
# will hold (1,000 programmes and 200 roles), to show nothing grows with the content.
REALISTIC, LARGE = "bundled content", "large"
VOLUMES = {
    REALISTIC: ["load_content"],
    LARGE: ["generate_load_data"],
}
# What /ping must reach as a share of the bare WSGI app under the same gunicorn (plain Django
# with its default middleware reaches about 0.56).
PING_TARGET = 0.45
# Where middleware costs are timed: the constant answer, and a page from the page cache.
MIDDLEWARE_TIMED = ["/ping", "/"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8106)))
    parser.add_argument("--seconds", type=int, default=10, help="load per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--database-server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--database-prefix",
        default=os.environ.get("BENCH_DATABASE_PREFIX", "bench"),
        help="name of the throwaway databases: PREFIX_<pid>_<volume>",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL", ""),
        help="a Redis database for the site's cache, emptied before each volume (default "
        "REDIS_URL; without one, each worker caches in its own memory)",
    )
    parser.add_argument("--volume", choices=VOLUMES, action="append", help="only these")
    parser.add_argument("--no-write", action="store_true", help="leave docs/performance.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: install Debian's package with `apt-get install wrk`.")
        return 2
    started = time.monotonic()
    sections = []
    all_pass = True
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, bare_app(args.port + 1) as bare:
        for n, (volume, loading) in enumerate(VOLUMES.items()):
            if args.volume and volume not in args.volume:
                continue
            name = f"{args.database_prefix}_{os.getpid()}_{n}"
            text, ok = bench_volume(volume, loading, name, Path(tmp) / volume, bare, args)
            sections.append(text)
            all_pass &= ok
    minutes = (time.monotonic() - started) / 60
    report = "\n\n".join(
        [
            f"Run {datetime.datetime.now(datetime.UTC).strftime('%Y-%m-%d %H:%M UTC')} on "
            f"{machine()}. Whole run: {minutes:.1f} minutes.",
            *sections,
            f"**Every target: {'pass' if all_pass else 'FAIL'}.**",
        ]
    )
    print(report)
    if not args.no_write:
        write_report(report)
    return 0 if all_pass else 1


def bench_volume(volume, loading, name, tmp: Path, bare, args) -> tuple[str, bool]:
    tmp.mkdir()
    with throwaway_database(args.database_server, name) as url:
        env = site_environment(url, tmp, args.redis_url)
        empty_cache(args.redis_url)
        prepare(env, loading)
        paths = bench_paths(url)
        with gunicorn(env, args.port, tmp / "access.log") as server:
            base = f"http://127.0.0.1:{args.port}"
            paths["Sign-up redirect"] = counted_sign_up(base, paths["Sign-up redirect"])
            # Warm up: a second of load on each address reaches every worker, so each has
            # its connection, cache and kept page parts before anything is measured.
            load(bare.url, args, seconds=1, quiet=True)
            for label, path in paths.items():
                load(base + path, args, clients=CLIENTS.get(label), seconds=1, quiet=True)
            time.sleep(1)  # let the warm-up's last requests finish before counting clicks
            sign_up = paths["Sign-up redirect"]
            clicks_before = count_clicks(url)
            served_before = count_in_log(server.access_log, sign_up, "302")
            load_before = os.getloadavg()
            results = {BARE: load(bare.url, args)}
            for label, path in paths.items():
                cpu = workers_cpu_seconds(server.pid)
                results[label] = load(base + path, args, clients=CLIENTS.get(label))
                used = workers_cpu_seconds(server.pid) - cpu
                results[label]["cpu_ms"] = used * 1000 / max(results[label]["requests"], 1)
            # The ceilings again at the end: the machine's other load moves during a run.
            for label, url_ in ((BARE, bare.url), (PING, base + paths[PING])):
                again = load(url_, args)
                results[label]["rps"] = (results[label]["rps"] + again["rps"]) / 2
            load_after = os.getloadavg()
            time.sleep(1)  # let the last requests finish writing
            clicks = count_clicks(url) - clicks_before
            served = count_in_log(server.access_log, sign_up, "302") - served_before
            weight = None
            if volume == LARGE:
                weighed = ["Home", "Stage page", "Programme page", "Career path map"]
                weight = page_weight(base, [paths[label] for label in weighed])
            rss = worker_rss(server.pid)
        costs = middleware_costs(env) if volume == LARGE else None
    return build_report(
        volume, results, clicks, served, weight, rss, costs, args, (load_before, load_after)
    )


# Setting up -------------------------------------------------------------------------------


@contextmanager
def throwaway_database(server: str, name: str):
    admin = f"{server}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def site_environment(database_url: str, tmp: Path, redis_url: str) -> dict:
    return {
        **os.environ,
        "REDIS_URL": redis_url,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on the loopback: no HTTPS redirect, cookies without the Secure flag.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(tmp / "static"),
        "LOG_LEVEL": "WARNING",
        # The sign-up check counts plain "status path" access lines (see gunicorn() below).
        "LOG_FORMAT": "text",
        # wrk stands in for many visitors behind one proxy (see bench/report.lua).
        "TRUSTED_PROXIES": "1",
    }


def empty_cache(redis_url: str) -> None:
    """Pages kept from the other volume's run must not be served in this one."""
    if redis_url:
        import redis

        redis.Redis.from_url(redis_url).flushdb()


def prepare(env: dict, loading: list[str]) -> None:
    for command in (
        ["migrate", "--noinput", "-v0"],
        loading,
        ["rebuild_search_index"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        step = time.monotonic()
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603
        print(f"  {command[0]}: {time.monotonic() - step:.0f} s", flush=True)


def bench_paths(database_url: str) -> dict[str, str]:
    """One address of each kind, read from the generated data."""
    with psycopg.connect(database_url) as conn:

        def slugs(table: str, limit: int) -> list[str]:
            rows = conn.execute(
                f"SELECT slug FROM {table} WHERE status = 'published' ORDER BY id LIMIT %s",  # noqa: S608
                (limit,),
            )
            return [row[0] for row in rows]

        stage = slugs("careers_careerstage", 1)[0]
        role_a, role_b = slugs("careers_role", 2)
        programme = slugs("programmes_programme", 1)[0]
        offering_sign_up = [
            row[0]
            for row in conn.execute(
                "SELECT slug FROM programmes_programme WHERE status = 'published'"
                " AND sign_up_url <> '' ORDER BY id LIMIT 50"
            )
        ]
    return {
        PING: "/ping",
        "Home": "/",
        "Stage page": f"/career-stages/{stage}/",
        "Programme list, filtered": f"/development-programmes/?stage={stage}&format=blended",
        "Programme page": f"/development-programmes/{programme}/",
        "Role page": f"/explore-roles/{role_a}/",
        "Compare roles": f"/explore-roles/compare/?role={role_a}&role={role_b}",
        "Career path map": "/career-paths/",
        "Search": "/search?q=social+worker",
        "Sign-up redirect": offering_sign_up,
    }


def counted_sign_up(base: str, slugs: list[str]) -> str:
    """The sign-up address of a programme people can apply for today: only those send
    visitors on to the provider and store a click (the others lead to the programme's own
    page). Asks the site, as which programmes are open depends on today's date."""
    for slug in slugs:
        path = f"/development-programmes/{slug}/sign-up/"
        if not redirect_location(base + path).startswith(base):
            return path
    raise RuntimeError("No programme people can apply for today: nothing to sign up to")


BARE, PING = "Bare WSGI app (ceiling)", "Ping"
# How wrk's requests come: as from one visitor (None), as from 1,000 through a trusted proxy
# (so the per-visitor search limit applies as it would), or each from a different one (so
# every sign-up click is stored: a visitor's clicks on a programme are counted three times
# a day at most, programmes.services.CLICKS_PER_VISITOR_PER_DAY).
CLIENTS = {"Search": "spread-clients", "Sign-up redirect": "unique-clients"}
KINDS = {
    BARE: None,
    PING: PING,
    "Home": CACHED,
    "Stage page": CACHED,
    "Programme list, filtered": UNCACHED,
    "Programme page": CACHED,
    "Role page": CACHED,
    "Compare roles": UNCACHED,
    "Career path map": CACHED,
    "Search": SEARCH,
    "Sign-up redirect": SIGN_UP,
}


def workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


@contextmanager
def gunicorn(env: dict, port: int, access_log: Path, app: str = "config.wsgi:application"):
    """gunicorn as production runs it (and its settings from gunicorn.conf.py, read from the
    project folder)."""
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        app,
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers()}",
        # Only what the sign-up check needs: status and path of every response.
        f"--access-logfile={access_log}",
        "--access-logformat=%(s)s %(U)s",
        "--log-level=warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our own command
    process.access_log = access_log
    process.url = f"http://127.0.0.1:{port}/ping"
    try:
        wait_until_up(process.url, process)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


@contextmanager
def bare_app(port: int):
    """The throughput ceiling: bench/bare_app.py under the same gunicorn, same settings."""
    with tempfile.TemporaryDirectory(prefix="bench-bare-") as tmp:
        env = {**os.environ, "LOG_FORMAT": "text", "PYTHONPATH": str(ROOT / "bench")}
        with gunicorn(env, port, Path(tmp) / "access.log", app="bare_app:application") as app:
            yield app


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting")
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 60 seconds")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def redirect_location(url: str) -> str:
    """Where a redirect leads, as an absolute address ("" if the answer is no redirect)."""
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER_UA})  # noqa: S310
    try:
        with opener.open(request, timeout=10):
            return ""
    except urllib.error.HTTPError as error:
        return urllib.parse.urljoin(url, error.headers.get("Location", ""))


def fetch(url: str) -> int:
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER_UA})  # noqa: S310
    try:
        with opener.open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        if error.code < 400:
            return error.code
        raise


# Measuring --------------------------------------------------------------------------------


def load(
    url: str, args, *, clients: str | None = None, seconds: int | None = None, quiet: bool = False
) -> dict:
    command = [
        "wrk",
        "--threads=1",
        f"--connections={args.connections}",
        f"--duration={seconds or args.seconds}s",
        "--timeout=5s",
        f"--script={ROOT / 'bench' / 'report.lua'}",
        f"--header=User-Agent: {BROWSER_UA}",
        # As browsers ask: compressed pages cost the server CPU, so the numbers include it.
        "--header=Accept-Encoding: gzip, deflate",
        url,
        *(["--", clients] if clients else []),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(line for line in output.splitlines() if line.startswith("BENCH-JSON "))
    result = json.loads(line.removeprefix("BENCH-JSON "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    if not quiet:
        print(f"  {url}: {result['rps']:.0f} requests/s, p99 {result['p99_ms']:.1f} ms", flush=True)
    return result


def middleware_costs(env: dict) -> dict:
    """Microseconds of CPU each middleware adds to a request (bench/middleware_cost.py)."""
    result = subprocess.run(  # noqa: S603
        [PYTHON, str(ROOT / "bench" / "middleware_cost.py"), *MIDDLEWARE_TIMED],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def count_clicks(database_url: str) -> int:
    with psycopg.connect(database_url) as conn:
        return conn.execute("SELECT count(*) FROM programmes_signupclick").fetchone()[0]


def count_in_log(access_log: Path, path: str, status: str) -> int:
    wanted = f"{status} {path}"
    return sum(1 for line in access_log.read_text().splitlines() if line.strip() == wanted)


def page_weight(base: str, paths: list[str]) -> dict:
    """Bytes and requests over the network on a first and a repeat visit, in Chromium."""
    result = subprocess.run(  # noqa: S603
        [PYTHON, str(ROOT / "bench" / "page_weight.py"), base, *paths],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def worker_pids(master_pid: int) -> list[str]:
    return Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()


def workers_cpu_seconds(master_pid: int) -> float:
    """CPU time the workers have used: per request, a measure other load on the machine
    hardly moves, unlike requests per second."""
    ticks = 0
    for pid in worker_pids(master_pid):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def worker_rss(master_pid: int) -> list[float]:
    children = worker_pids(master_pid)
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        kilobytes = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))
        sizes.append(kilobytes / 1024)
    return sizes


# Reporting --------------------------------------------------------------------------------


def machine() -> str:
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory_kb / 1024 / 1024:.1f} GB memory, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def build_report(volume, results, clicks, served, weight, rss, costs, args, loads):
    """This volume's section of the report, and whether every target in it holds."""
    bare = results[BARE]["rps"]
    ping = results[PING]["rps"]
    cache = "Redis" if args.redis_url else "each worker's memory"
    lines = [
        f"#### {volume.capitalize()}",
        "",
        f"gunicorn with {workers()} sync workers, PostgreSQL, cache in {cache}, DEBUG off; wrk "
        f"with {args.connections} connections, {args.seconds} s per address, on the same "
        f"machine. Load average (1, 5, 15 min) before the load: "
        f"{', '.join(f'{n:.1f}' for n in loads[0])}; after: "
        f"{', '.join(f'{n:.1f}' for n in loads[1])}. The bare app and ping are each the mean "
        "of a run first and a run last; targets are shares of the bare app. CPU ms: worker "
        "CPU time per request.",
        "",
        "| Page | Kind | Requests/s | Share of bare app | Share of ping | CPU ms | p50 ms |"
        " p95 ms | p99 ms | Errors | Target | Result |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    all_pass = True
    for label, result in results.items():
        kind = KINDS[label]
        share = result["rps"] / bare
        bad = result["socket_errors"] + sum(
            n for status, n in result["statuses"].items() if int(status) >= 400
        )
        if kind is None:
            target, ok = "ceiling", bad == 0
        elif kind == PING:
            target = f"≥ {PING_TARGET:.0%} of bare app"
            ok = ping / bare >= PING_TARGET and bad == 0
        else:
            min_share, max_p99 = TARGETS[kind]
            target = f"≥ {min_share:.1%} of bare app, p99 < {max_p99} ms"
            ok = share >= min_share and result["p99_ms"] < max_p99 and bad == 0
        all_pass &= ok
        cpu = f"{result['cpu_ms']:.2f}" if "cpu_ms" in result else "-"
        of_ping = "-" if kind is None else f"{result['rps'] / ping:.0%}"
        lines.append(
            f"| {label} | {kind or '-'} | {result['rps']:,.0f} | {result['rps'] / bare:.0%} | "
            f"{of_ping} | {cpu} | "
            f"{result['p50_ms']:.1f} | {result['p95_ms']:.1f} | {result['p99_ms']:.1f} | {bad} | "
            f"{target} | {'pass' if ok else 'FAIL'} |"
        )
    received = results["Sign-up redirect"]["statuses"].get("302", 0)
    clicks_ok = clicks == served
    all_pass &= clicks_ok
    lines += [
        "",
        f"Sign-up clicks: {clicks:,} stored, {served:,} redirects sent by the server "
        f"({received:,} received by wrk before it stopped): "
        f"{'pass, none lost' if clicks_ok else 'FAIL'}.",
    ]
    if weight:
        lines += [
            "",
            "| Page weight | First visit | Requests | Repeat visit | Requests | Render-blocking "
            "scripts | Result |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for path, page in weight.items():
            ok = (
                page["first_bytes"] < FIRST_VISIT_LIMIT
                and page["repeat_bytes"] < REPEAT_VISIT_LIMIT
                and page["blocking_scripts"] == 0
            )
            all_pass &= ok
            lines.append(
                f"| {path} | {page['first_bytes'] / 1024:.1f} KB | {page['first_requests']} | "
                f"{page['repeat_bytes'] / 1024:.1f} KB | {page['repeat_requests']} | "
                f"{page['blocking_scripts']} | {'pass' if ok else 'FAIL'} |"
            )
        lines += [
            "",
            f"Targets: first visit < {FIRST_VISIT_LIMIT // 1024} KB, repeat visit < "
            f"{REPEAT_VISIT_LIMIT // 1024} KB, no render-blocking script.",
        ]
    rss_ok = max(rss) < RSS_LIMIT_MB
    all_pass &= rss_ok
    lines += [
        "",
        f"Worker memory (RSS) after the run: {', '.join(f'{mb:.0f}' for mb in rss)} MB "
        f"(target < {RSS_LIMIT_MB} MB each): {'pass' if rss_ok else 'FAIL'}.",
    ]
    if costs:
        lines += ["", *middleware_table(costs)]
    return "\n".join(lines), all_pass


def middleware_table(costs: dict) -> list[str]:
    paths = list(costs)
    lines = [
        "What each middleware costs a request, in microseconds of CPU (bench/middleware_cost.py:"
        " in one process, the whole chain against the chain without that middleware; the "
        "fastest of 7 rounds of 200 requests; differences under about 15 µs are noise; "
        '"needed": others need it, so it cannot be left out alone):',
        "",
        "| Middleware | " + " | ".join(f"`{path}`" for path in paths) + " |",
        "|---|" + "---:|" * len(paths),
    ]
    for name in costs[paths[0]]["each"]:
        cells = []
        for path in paths:
            value = costs[path]["each"][name]
            cells.append("needed" if value is None else f"{value:.0f}")
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    lines.append(
        "| **Whole chain and view** | "
        + " | ".join(f"**{costs[path]['whole']:.0f}**" for path in paths)
        + " |"
    )
    lines.append(
        "| Django with no middleware, same view | "
        + " | ".join(f"{costs[path]['bare_django']:.0f}" for path in paths)
        + " |"
    )
    return lines


def write_report(report: str) -> None:
    doc = ROOT / "docs" / "performance.md"
    text = doc.read_text() if doc.exists() else "# Performance\n"
    section = f"{REPORT_START}\n{report}\n{REPORT_END}"
    pattern = re.compile(re.escape(REPORT_START) + ".*?" + re.escape(REPORT_END), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip("\n") + "\n\n## Load benchmark (`make bench`)\n\n" + section + "\n"
    doc.write_text(text)
    print(f"Written to {doc.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
