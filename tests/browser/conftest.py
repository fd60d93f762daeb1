"""Browser tests: the live site in Debian's Chromium, driven by Playwright, checked with axe."""

import contextlib
import os
import re
import time
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the test database is still used
# from ordinary synchronous code, so let Django allow it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SCRIPT_TAG = re.compile(r"<script\b.*?</script>", re.DOTALL | re.IGNORECASE)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM_PATH).exists():
        message = f"Chromium not found at {CHROMIUM_PATH}: install Debian's chromium package"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message + " to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """What went wrong while a page was open: failed requests and console errors."""

    def __init__(self, page, base_url: str):
        self.errors: list[str] = []
        self.base_url = base_url
        self.error_documents: set[str] = set()
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _request_failed(self, request) -> None:
        # A click that leaves the page cancels what it was still loading (an icon, say):
        # Chromium reports that as aborted. Anything else is a real failure.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"request failed: {request.url} ({request.failure})")

    def _console(self, message) -> None:
        # Chromium also logs an intended error page's status as a console error. A script the
        # test evaluates itself has no address: axe, setting a style attribute the admin's
        # policy refuses while it checks contrast, is not the page's error.
        url = message.location.get("url")
        if message.type == "error" and url and url not in self.error_documents:
            self.errors.append(f"console error: {message.text} ({url})")

    def _response(self, response) -> None:
        # A page may answer 4xx on purpose (an error page, a form with errors); the
        # assets it asks for must never fail.
        if response.status >= 400 and response.request.resource_type == "document":
            self.error_documents.add(response.url)
        elif response.status >= 400:
            self.errors.append(f"{response.status} for {response.url}")


def _strip_page_scripts(route) -> None:
    """Serve documents without their <script> elements: the page as a visitor without
    JavaScript gets it, while axe can still be injected to check it."""
    if route.request.resource_type != "document":
        route.continue_()
        return
    response = route.fetch(max_redirects=0)
    route.fulfill(response=response, body=SCRIPT_TAG.sub("", response.text()))


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}  # the narrowest WCAG reflow size


@pytest.fixture(scope="session")
def browser_window(browser, live_server, django_db_setup, django_db_blocker):
    """One browser window (context) per test process, which every test's page opens a tab in.
    A blank tab stays open in it: a tab opened in a window with none open costs Chromium about
    a second of CPU, in one with a tab open half that. It needs the test database only to be
    made after it, and so closed before it is dropped."""
    window = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    blank = window.new_page()
    yield window
    blank.close()
    window.close()
    with django_db_blocker.unblock():
        _wait_for_the_live_server_to_let_go()


def _wait_for_the_live_server_to_let_go(seconds: float = 10) -> None:
    """The window keeps its connections to the live server open from test to test, and each
    of the server's threads keeps a database connection until its visitor's connection closes.
    Closing the window ends them, but the threads notice a moment later; the test database
    cannot be dropped while they are still connected."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return  # SQLite's live server shares the tests' own connection
    deadline = time.monotonic() + seconds
    try:
        with connection.cursor() as cursor:
            while time.monotonic() < deadline:
                cursor.execute(
                    "SELECT COUNT(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                if cursor.fetchone()[0] == 0:
                    return
                time.sleep(0.05)
    finally:
        connection.close()  # or this connection would be the one left


def _start_afresh(window) -> None:
    """What one test did in the window never reaches the next: no tab of its left open and no
    cookie (session, consent, sign-in) kept. What stays is the browser's cache of
    stylesheets, scripts and fonts: the site's pages tell browsers to ask again every time
    (`Cache-Control: no-cache`), and session storage belongs to the tab."""
    blank, *tabs = window.pages
    for tab in tabs:
        tab.close()
    window.clear_cookies()


@contextlib.contextmanager
def open_page(window, live_server, *, javascript: bool, viewport: dict | None = None):
    """A new tab in the shared window; fails the test on any failed request or console error
    once the test is done."""
    _start_afresh(window)
    page = window.new_page()
    page.set_viewport_size(viewport or DESKTOP)
    if not javascript:
        page.route("**/*", _strip_page_scripts)
    problems = PageProblems(page, live_server.url)
    yield page
    _start_afresh(window)
    assert problems.errors == []


@pytest.fixture
def page(browser_window, live_server):
    """A page with JavaScript on."""
    with open_page(browser_window, live_server, javascript=True) as page:
        yield page


@pytest.fixture
def page_without_js(browser_window, live_server):
    """A page as a visitor without JavaScript sees it (the site's scripts never run)."""
    with open_page(browser_window, live_server, javascript=False) as page:
        yield page


@pytest.fixture(params=["page", "page_without_js"], ids=["javascript", "no_javascript"])
def any_page(request):
    """A page with JavaScript on, and in a second run of the test, off."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def phone_page(browser_window, live_server):
    """A page 320 CSS pixels wide, with JavaScript on."""
    with open_page(browser_window, live_server, javascript=True, viewport=PHONE) as page:
        yield page


@pytest.fixture
def phone_page_without_js(browser_window, live_server):
    """A page 320 CSS pixels wide, as a visitor without JavaScript sees it."""
    with open_page(browser_window, live_server, javascript=False, viewport=PHONE) as page:
        yield page


def axe_violations(page, within: list[str] | None = None) -> list[str]:
    """Run axe-core against the page (or only the parts `within` selects) for WCAG 2.2 A and
    AA rules."""
    # Evaluated through the browser's DevTools connection, which the page's Content Security
    # Policy does not govern: an injected <script> without the page's nonce would be refused.
    page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async ([tags, within]) => {
            const context = within ? {include: within.map((selector) => [selector])} : document;
            // Only violations are read: leaving out the rest spares axe describing every
            // element that passed (a tenth of its time on a typical page here).
            const results = await axe.run(context, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations.map(
                (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`
            );
        }""",
        [AXE_TAGS, within],
    )
    return violations


def assert_accessible(page, within: list[str] | None = None) -> None:
    # A click that follows a link returns once the next page starts; checked before its
    # stylesheets arrive, every link would be too small a target.
    page.wait_for_load_state("load")
    violations = axe_violations(page, within)
    assert violations == [], "\n".join(violations)


def visit(page, path: str, *, status: int = 200):
    """Open a page, check its status, and check it with axe."""
    response = page.goto(path)
    assert response is not None
    assert response.status == status, f"{path} answered {response.status}"
    assert_accessible(page)
    return response


def has_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
