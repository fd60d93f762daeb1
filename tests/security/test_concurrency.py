"""Load and editing at once, in real gunicorn worker processes against a database of their
own (PostgreSQL when DATABASE_URL names one, as production runs): 200 simultaneous sign-up
clicks store exactly 200 rows, and an editor publishing meanwhile causes no error and leaves
no stale page once the change is committed."""

import http.client
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from tests.gunicorn_sites import Site, manage_shell

PROGRAMME = "pathways-modules"
PAGE = f"/development-programmes/{PROGRAMME}/"
SIGN_UP = f"{PAGE}sign-up/"
CLICKS = 200
# A committed change may take this long to reach every worker (see tests/performance/).
LIMIT_SECONDS = 1.0


def request(site: Site, path: str, visitor: int = 0) -> tuple[int, str]:
    """One request on its own connection, without following redirects to the provider. Each
    visitor has their own browser (a visitor's clicks on one programme count only a few
    times a day)."""
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=60)
    try:
        agent = f"Mozilla/5.0 Chrome/130 visitor-{visitor}"
        connection.request("GET", path, headers={"User-Agent": agent})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def stored_clicks(db_url: str) -> int:
    code = (
        "from programmes.models import SignUpClick; "
        f"print(SignUpClick.objects.filter(programme__slug={PROGRAMME!r}).count())"
    )
    return int(manage_shell(db_url, code))


def publish_name(db_url: str, name: str) -> float:
    """An editor's change to the programme, saved through the models from another process,
    as the admin on another machine would; returns when it was committed."""
    code = (
        "import time; from programmes.models import Programme; "
        f"p = Programme.objects.get(slug={PROGRAMME!r}); p.name = {name!r}; p.save(); "
        "print(time.time())"
    )
    return float(manage_shell(db_url, code))


def test_simultaneous_sign_ups_and_an_editor_publishing(database_url):
    before = stored_clicks(database_url)
    site = Site(database_url, workers=4)
    new_name = f"Pathways renamed {uuid.uuid4().hex[:8]}"
    try:
        start = threading.Barrier(CLICKS + 1)

        def click(visitor):
            start.wait(timeout=60)
            return request(site, SIGN_UP, visitor)[0]

        def browse(_):
            return request(site, PAGE)

        with ThreadPoolExecutor(max_workers=CLICKS + 1) as pool:
            clicks = [pool.submit(click, n) for n in range(CLICKS)]
            start.wait(timeout=60)
            # The editor publishes while the clicks are being answered, and people keep
            # reading the programme's page.
            pages = [pool.submit(browse, n) for n in range(20)]
            committed = publish_name(database_url, new_name)
            pages += [pool.submit(browse, n) for n in range(20)]
            statuses = [future.result() for future in clicks]
            page_answers = [future.result() for future in pages]

        assert statuses == [302] * CLICKS
        assert [status for status, _ in page_answers] == [200] * len(page_answers)
        assert stored_clicks(database_url) - before == CLICKS

        # Once the change has had its second to spread, no worker serves the old page.
        time.sleep(max(0.0, committed + LIMIT_SECONDS - time.time()))
        for _ in range(16):
            status, body = request(site, PAGE)
            assert status == 200
            assert new_name in body
    finally:
        site.stop()
