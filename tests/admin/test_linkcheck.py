"""The link checker, against a local web server (never the internet)."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from careers.models import GuidancePage, Role, Standard
from core.models import ContentPage, Status
from editorial import linkcheck
from editorial.models import LinkCheck
from programmes.models import Programme, Provider

SEEN_AGENTS: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        if self.path == "/no-head":
            self.send_response(405)
        elif self.path == "/slow":
            time.sleep(2)
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/ok":
            self.send_response(200)
        else:
            self.send_response(404)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path in {"/no-head", "/ok"} else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def content_with_links(db, server, site_content):
    """Replace the bundled addresses with local ones: one working, some broken."""
    programme = Programme.objects.get(slug="asye")
    Programme.objects.exclude(pk=programme.pk).update(sign_up_url=f"{server}/ok", body="")
    Programme.objects.filter(pk=programme.pk).update(
        sign_up_url=f"{server}/gone",
        body=f"See [a guide]({server}/no-head), [old page]({server}/moved) and [this](/local).",
    )
    Provider.objects.update(website=f"{server}/ok")
    Programme.objects.update(facts_source_url=f"{server}/ok")
    Role.objects.update(facts_source_url=f"{server}/ok", salary_source_url=f"{server}/ok")
    Standard.objects.update(url=f"{server}/ok")
    for model in (ContentPage,):
        model.objects.update(body="No links.")
    GuidancePage.objects.update(body=f"[A page]({server}/ok)")
    # Nothing may reach the internet.
    assert all(url.startswith(server) for url in linkcheck.all_links())
    return Programme.objects.get(pk=programme.pk)


def test_links_are_found_in_urls_and_markdown(content_with_links, server):
    links = dict(linkcheck.links_in(content_with_links))
    assert links == {
        f"{server}/gone": "sign-up address",
        f"{server}/no-head": "body",
        f"{server}/moved": "body",
        f"{server}/ok": "facts checked against",
    }


def test_command_stores_results_and_fails_when_a_link_is_broken(content_with_links, server):
    SEEN_AGENTS.clear()
    with pytest.raises(CommandError, match="1 broken links"):
        call_command("check_links", "--workers", "2", "--timeout", "5", verbosity=0)
    broken = LinkCheck.objects.get(url=f"{server}/gone")
    assert broken.is_broken and broken.status_code == 404
    assert "Programme: Assessed and supported year in employment (ASYE) (sign-up address)" in (
        broken.found_in
    )
    assert not LinkCheck.objects.get(url=f"{server}/no-head").is_broken  # retried with GET
    assert not LinkCheck.objects.get(url=f"{server}/moved").is_broken  # redirects are followed
    assert LinkCheck.objects.get(url=f"{server}/ok").checked_at is not None
    assert all(
        "link checker" in agent and "Department for Education" in agent for agent in SEEN_AGENTS
    )


def test_command_succeeds_when_every_link_works(content_with_links, server):
    Programme.objects.filter(pk=content_with_links.pk).update(sign_up_url=f"{server}/ok", body="")
    call_command("check_links", verbosity=0)
    assert not LinkCheck.objects.filter(is_broken=True).exists()


def test_slow_addresses_time_out_and_count_as_broken(server):
    result = linkcheck.check_url(f"{server}/slow", timeout=0.5)
    assert result.is_broken and "timed out" in result.error


def test_unreachable_addresses_are_broken():
    result = linkcheck.check_url("http://127.0.0.1:9/nothing", timeout=1)
    assert result.is_broken and result.status_code is None


def test_results_for_removed_addresses_are_forgotten(content_with_links, server):
    LinkCheck.objects.create(url="https://old.example/", checked_at="2026-01-01T00:00Z")
    with pytest.raises(CommandError):
        call_command("check_links", verbosity=0)
    assert not LinkCheck.objects.filter(url="https://old.example/").exists()


def test_admin_shows_broken_links_on_the_list_and_on_the_object(
    content_with_links, server, editor_client
):
    with pytest.raises(CommandError):
        call_command("check_links", verbosity=0)
    listing = editor_client.get("/admin/editorial/linkcheck/?is_broken__exact=1").content.decode()
    assert f"{server}/gone" in listing and f"{server}/ok" not in listing
    page = editor_client.get(
        f"/admin/programmes/programme/{content_with_links.pk}/change/"
    ).content.decode()
    assert "Broken: answered 404" in page
    assert f"{server}/no-head" in page and "Working (200)" in page


def test_drafts_are_checked_too(content_with_links, server):
    Programme.objects.filter(pk=content_with_links.pk).update(status=Status.DRAFT)
    assert f"{server}/gone" in linkcheck.all_links()


def test_command_rejects_bad_options(db):
    with pytest.raises(CommandError):
        call_command("check_links", "--workers", "0", verbosity=0)
