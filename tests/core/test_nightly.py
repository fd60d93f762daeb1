"""`manage.py nightly`: every nightly job runs, whichever fails, and a failure shows in the
exit status."""

import importlib
import io
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import pytest
from django.core.management import CommandError, call_command, get_commands

from core.models import ContentPage
from editorial import linkcheck
from editorial.models import LinkCheck


class Gone(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


@pytest.fixture
def broken_link(db, settings):
    """A content page linking to a local address that answers 404 (never the internet)."""
    # The checker visits only public addresses unless told otherwise; this one is local.
    settings.LINK_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Gone)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/gone"
    ContentPage.objects.create(
        title="Links", slug="links", summary="Links.", body=f"[Gone]({url})", status="published"
    )
    assert list(linkcheck.all_links()) == [url]
    yield url
    httpd.shutdown()
    httpd.server_close()


def nightly() -> str:
    out = io.StringIO()
    call_command("nightly", stdout=out)
    return out.getvalue()


def failing(name: str):
    """Makes the command called `name` fail, wherever the app that owns it is."""
    module = importlib.import_module(f"{get_commands()[name]}.management.commands.{name}")
    return mock.patch.object(module.Command, "handle", side_effect=RuntimeError("disk full"))


def test_runs_every_job_and_reports_each(db, caplog):
    assert linkcheck.all_links() == {}
    with caplog.at_level(logging.INFO, logger="core.management.commands.nightly"):
        out = nightly()
    assert [r.getMessage() for r in caplog.records if r.name.endswith("nightly")] == [
        "Nightly job summarise_insight done",
        "Nightly job send_alerts done",
        "Nightly job delete_old_alerts done",
        "Nightly job check_links done",
    ]
    assert "summarise_insight: done\n  Nothing to summarise" in out
    assert "send_alerts: done\n  0 sent, 0 to try again later, 0 failed." in out
    assert "delete_old_alerts: done\n  0 unconfirmed and 0 ended alerts deleted" in out
    assert "check_links: done\n  Checked 0 links: 0 broken." in out
    assert out.endswith("All 4 nightly jobs done.\n")


def test_broken_links_fail_the_run_after_the_summary_is_made(broken_link, caplog):
    with pytest.raises(CommandError, match="1 of 4 nightly jobs failed: check_links"):
        out = io.StringIO()
        call_command("nightly", stdout=out)
    output = out.getvalue()
    assert "summarise_insight: done" in output
    assert "check_links: FAILED: 1 broken links." in output
    assert f"BROKEN {broken_link} (answered 404)" in output
    assert LinkCheck.objects.get(url=broken_link).status_code == 404
    assert "Nightly job check_links failed: 1 broken links." in caplog.text


def test_links_are_still_checked_when_the_summary_fails(broken_link, caplog):
    out = io.StringIO()
    with (
        failing("summarise_insight"),
        caplog.at_level(logging.ERROR),
        pytest.raises(CommandError, match="2 of 4 nightly jobs failed"),
    ):
        call_command("nightly", stdout=out)
    output = out.getvalue()
    assert "summarise_insight: FAILED: RuntimeError: disk full" in output
    assert LinkCheck.objects.filter(url=broken_link).exists()
    [record] = [r for r in caplog.records if "summarise_insight" in r.getMessage()]
    assert record.exc_info  # the traceback is logged, for whoever looks into it


def test_only_a_failing_summary_fails_the_run(db):
    with failing("summarise_insight"), pytest.raises(CommandError, match="1 of 4.*summarise"):
        out = io.StringIO()
        call_command("nightly", stdout=out)
    assert "check_links: done" in out.getvalue()


def test_runs_from_the_command_line_with_its_exit_status(db):
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as stopped, failing("check_links"):
        ManagementUtility(["manage.py", "nightly"]).execute()
    assert stopped.value.code == 1
