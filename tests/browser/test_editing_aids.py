"""An editor previews Markdown beside the box, and checks a fixed link again, with
JavaScript and without."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from careers.models import GuidancePage
from core.models import Status
from editorial.models import LinkCheck
from programmes.models import Programme
from tests.browser.conftest import assert_accessible, open_page
from tests.browser.test_editing import make_staff, sign_in

BODY = "## Who can apply\n\n- social workers\n- team managers\n\n<script>alert(1)</script>"


@pytest.fixture(params=[True, False], ids=["with JavaScript", "without JavaScript"])
def staff_page(request, browser_window, live_server):
    """The admin in a browser, with JavaScript on and then off: a script error, or anything
    the page asks for that does not load (its icon included), is a failure."""
    javascript = request.param
    with open_page(browser_window, live_server, javascript=javascript) as page:
        yield page, javascript


def test_an_editor_previews_markdown_beside_the_box(staff_page, site_content):
    page, javascript = staff_page
    guide = GuidancePage.objects.first()
    GuidancePage.objects.filter(pk=guide.pk).update(status=Status.DRAFT)
    before = GuidancePage.objects.get(pk=guide.pk).body
    make_staff("editor", "Content editor")
    sign_in(page, "editor")
    page.goto(f"/admin/careers/guidancepage/{guide.pk}/change/")
    assert page.locator("#id_body-preview").is_hidden()
    assert page.locator("a[href='/admin/guide/#writing-text']").count() == 1

    page.fill("#id_body", BODY)
    page.evaluate("window.stayedOnThePage = true")
    page.click("button[name=_markdown_preview]")
    preview = page.locator("#id_body-preview")
    preview.locator("h2").wait_for()
    assert preview.locator("h2").inner_text() == "Who can apply"
    assert preview.locator("li").all_inner_texts() == ["social workers", "team managers"]
    assert "<script>alert(1)</script>" in preview.inner_text()  # shown as text, never run
    assert page.input_value("#id_body") == BODY  # what was typed stays
    if javascript:
        assert page.evaluate("window.stayedOnThePage === true")
        assert "Preview updated" in page.locator(".app-markdown [role=status]").inner_text()
    else:
        assert page.evaluate("window.stayedOnThePage === undefined")  # the form was posted
    # The text box and its preview sit side by side on a wide screen.
    box = page.locator("#id_body").bounding_box()
    shown = preview.bounding_box()
    assert shown["x"] > box["x"] + box["width"] - 1
    assert_accessible(page)
    assert GuidancePage.objects.get(pk=guide.pk).body == before  # nothing saved

    page.click("input[name=_continue]")
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    assert GuidancePage.objects.get(pk=guide.pk).body == BODY.replace("\n", "\r\n")


class SlowHandler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        time.sleep(1.5)  # long enough to see the check running
        self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def link_server(settings):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    # The link checker visits only public internet addresses; this server is on this machine.
    settings.LINK_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_editor_checks_a_fixed_link_again(staff_page, site_content, link_server):
    page, javascript = staff_page
    programme = Programme.objects.get(slug="asye")
    fixed = f"{link_server}/ok"
    Programme.objects.filter(pk=programme.pk).update(sign_up_url=fixed)
    LinkCheck.objects.create(
        url=fixed, is_broken=True, status_code=404, found_in="", checked_at=timezone.now()
    )
    make_staff("editor", "Content editor")
    sign_in(page, "editor")
    change = f"/admin/programmes/programme/{programme.pk}/change/"
    page.goto(change)
    row = page.locator("#link-checks tr", has_text=fixed)
    assert "Broken: answered 404" in row.inner_text()
    button = row.locator("button[form=link-recheck]")
    assert button.inner_text().startswith("Check this link again")
    assert_accessible(page)

    if javascript:
        # What the page shows while the check runs, noted just after the press (the page is
        # replaced once the answer comes, so it is kept for the test in sessionStorage).
        page.evaluate(
            """(fixed) => document.getElementById("link-recheck").addEventListener("submit", () =>
                setTimeout(() => sessionStorage.setItem("while checking", JSON.stringify({
                    status: document.getElementById("link-recheck-status").textContent,
                    role: document.getElementById("link-recheck-status").getAttribute("role"),
                    pressed: [...document.querySelectorAll("button[form=link-recheck]")]
                        .find((b) => b.value === fixed).textContent,
                    disabled: [...document.querySelectorAll("button[form=link-recheck]")]
                        .every((b) => b.disabled),
                })), 100))""",
            fixed,
        )
    button.click()
    page.wait_for_url(f"**{change}")
    page.locator(".messagelist").wait_for()
    assert (
        f"The link {fixed} works: the website answered 200."
        in page.locator(".messagelist").inner_text()
    )
    assert "Working (200)" in page.locator("#link-checks tr", has_text=fixed).inner_text()
    assert_accessible(page)
    assert not LinkCheck.objects.get(url=fixed).is_broken
    if javascript:
        seen = json.loads(page.evaluate("sessionStorage.getItem('while checking')"))
        assert seen["status"].startswith(f"Checking {fixed}…")
        assert seen["role"] == "status"  # announced
        assert seen["pressed"] == "Checking…"
        assert seen["disabled"]


def test_enter_in_a_field_saves_the_form(staff_page, site_content):
    # A browser's Enter presses the form's first submit button: that is Save, not the
    # Preview beside a Markdown box further down.
    page, _ = staff_page
    guide = GuidancePage.objects.first()
    GuidancePage.objects.filter(pk=guide.pk).update(status=Status.DRAFT)
    make_staff("editor", "Content editor")
    sign_in(page, "editor")
    page.goto(f"/admin/careers/guidancepage/{guide.pk}/change/")
    page.fill("#id_title", "Finding a job in social work")
    page.press("#id_title", "Enter")
    page.wait_for_load_state()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    assert GuidancePage.objects.get(pk=guide.pk).title == "Finding a job in social work"
    assert_accessible(page)
