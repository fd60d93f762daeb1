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
        elif self.path.startswith("/to-another-local-address"):
            # Another address on this machine, not let through.
            self.send_response(302)
            self.send_header("Location", self.path.split("?to=")[1])
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


@pytest.fixture(autouse=True)
def _local_server_allowed(settings):
    # The link checker visits only public internet addresses; these tests' server is on this
    # machine, so its address is let through here (and the refusal tested on its own below).
    settings.LINK_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]


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


# Only the public internet


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/",
        "http://localhost/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "https://127.0.0.1/",
        "https://localhost:8443/",
    ],
)
def test_addresses_off_the_public_internet_are_never_visited(settings, url):
    settings.LINK_CHECK_ALLOWED_NETWORKS = []
    result = linkcheck.check_url(url, timeout=1)
    assert result.is_broken and result.status_code is None
    assert result.error == linkcheck.NOT_PUBLIC


def test_the_local_test_server_is_refused_unless_let_through(settings, server):
    settings.LINK_CHECK_ALLOWED_NETWORKS = []
    SEEN_AGENTS.clear()
    assert linkcheck.check_url(f"{server}/ok", timeout=2).error == linkcheck.NOT_PUBLIC
    assert SEEN_AGENTS == []  # not even asked
    settings.LINK_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    assert not linkcheck.check_url(f"{server}/ok", timeout=2).is_broken


def test_a_redirect_to_an_address_off_the_public_internet_is_not_followed(server):
    port = server.rsplit(":", 1)[1]
    result = linkcheck.check_url(
        f"{server}/to-another-local-address?to=http://127.0.0.2:{port}/ok", timeout=2
    )
    assert result.is_broken and result.error == linkcheck.NOT_PUBLIC


# Checking one link again


RECHECK = "/admin/editorial/linkcheck/check-again/"


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_an_editor_checks_a_fixed_link_again_from_the_change_form(
    content_with_links, server, editor_client
):
    with pytest.raises(CommandError):
        call_command("check_links", verbosity=0)
    change_url = f"/admin/programmes/programme/{content_with_links.pk}/change/"
    html = editor_client.get(change_url).content.decode()
    assert 'form="link-recheck" name="url"' in html and "Check this link again" in html
    assert f'value="{server}/gone"' in html and f'action="{RECHECK}"' in html

    # The editor fixes the sign-up address; the stored result is still the old one.
    Programme.objects.filter(pk=content_with_links.pk).update(sign_up_url=f"{server}/ok")
    LinkCheck.objects.filter(url=f"{server}/ok").delete()
    response = editor_client.post(RECHECK, {"url": f"{server}/ok", "next": change_url}, follow=True)
    assert response.redirect_chain == [(change_url, 302)]
    assert (
        f"The link {server}/ok works: the website answered 200. Checked just now."
        in messages_of(response)
    )
    check = LinkCheck.objects.get(url=f"{server}/ok")
    assert not check.is_broken and check.status_code == 200
    assert "sign-up address" in check.found_in


def test_a_link_still_broken_says_so(content_with_links, server, editor_client):
    response = editor_client.post(RECHECK, {"url": f"{server}/gone"}, follow=True)
    assert response.redirect_chain == [("/admin/editorial/linkcheck/", 302)]
    assert "There is still a problem with" in messages_of(response)
    assert "the website answered 404" in messages_of(response)
    assert LinkCheck.objects.get(url=f"{server}/gone").is_broken


def test_the_list_of_link_checks_has_the_button_and_comes_back_to_itself(
    content_with_links, server, editor_client
):
    with pytest.raises(CommandError):
        call_command("check_links", verbosity=0)
    listing = "/admin/editorial/linkcheck/?is_broken__exact=1"
    html = editor_client.get(listing).content.decode()
    assert f'value="{server}/gone"' in html and 'id="link-recheck"' in html
    assert 'name="next" value="/admin/editorial/linkcheck/?is_broken__exact=1"' in html
    response = editor_client.post(RECHECK, {"url": f"{server}/gone", "next": listing})
    assert response["Location"] == listing


def test_only_addresses_in_the_content_are_checked(content_with_links, server, editor_client):
    SEEN_AGENTS.clear()
    response = editor_client.post(RECHECK, {"url": f"{server}/not-in-the-content"}, follow=True)
    assert (
        f"The link {server}/not-in-the-content was not checked: it is not in the content now"
        in messages_of(response)
    )
    assert SEEN_AGENTS == []
    assert not LinkCheck.objects.filter(url=f"{server}/not-in-the-content").exists()


def test_the_way_back_stays_on_this_site(content_with_links, server, editor_client):
    response = editor_client.post(
        RECHECK, {"url": f"{server}/ok", "next": "https://elsewhere.example/"}
    )
    assert response["Location"] == "/admin/editorial/linkcheck/"


def test_checking_again_needs_a_post_with_a_csrf_token(content_with_links, server, editor):
    from django.test import Client

    careful = Client(enforce_csrf_checks=True)
    careful.force_login(editor)
    assert careful.get(RECHECK).status_code == 405
    response = careful.post(RECHECK, {"url": f"{server}/ok"})
    assert response.status_code == 403
    assert not LinkCheck.objects.filter(url=f"{server}/ok").exists()


def test_only_staff_who_change_content_may_check_again(content_with_links, server, client):
    from django.contrib.auth.models import Permission

    from tests.admin.conftest import make_user

    viewer = make_user("viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_linkcheck"))
    client.force_login(viewer)
    assert "Check this link again" not in client.get("/admin/editorial/linkcheck/").content.decode()
    assert client.post(RECHECK, {"url": f"{server}/ok"}).status_code == 403
    assert not LinkCheck.objects.filter(url=f"{server}/ok").exists()
    client.logout()
    assert client.post(RECHECK, {"url": f"{server}/ok"}).status_code == 302  # to sign in
    assert not LinkCheck.objects.filter(url=f"{server}/ok").exists()
