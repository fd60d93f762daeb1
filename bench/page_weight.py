"""Page weight in Chromium: bytes and requests over the network on a first visit and on a
repeat visit in the same browser, and scripts that would block rendering.

Usage: page_weight.py BASE_URL PATH... ; prints JSON keyed by path."""

import json
import sys

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BLOCKING_SCRIPTS = """() => [...document.querySelectorAll('script[src]')].filter(
    s => !s.async && !s.defer && s.type !== 'module').length"""


def visit(page, session, url: str) -> dict:
    sent, finished = set(), {}

    def on_sent(event):
        sent.add(event["requestId"])

    def on_finished(event):
        finished[event["requestId"]] = event["encodedDataLength"]

    session.on("Network.requestWillBeSent", on_sent)
    session.on("Network.loadingFinished", on_finished)
    page.goto(url, wait_until="networkidle")
    session.remove_listener("Network.requestWillBeSent", on_sent)
    session.remove_listener("Network.loadingFinished", on_finished)
    # Answers from the browser's own cache have no bytes on the wire.
    on_wire = {rid: size for rid, size in finished.items() if rid in sent and size > 0}
    return {"bytes": sum(on_wire.values()), "requests": len(on_wire)}


def measure(browser, url: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    first = visit(page, session, url)
    blocking = page.evaluate(BLOCKING_SCRIPTS)
    repeat = visit(page, session, url)
    context.close()
    return {
        "first_bytes": first["bytes"],
        "first_requests": first["requests"],
        "repeat_bytes": repeat["bytes"],
        "repeat_requests": repeat["requests"],
        "blocking_scripts": blocking,
    }


def main() -> None:
    base, paths = sys.argv[1], sys.argv[2:]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        print(json.dumps({path: measure(browser, base + path) for path in paths}))
        browser.close()


if __name__ == "__main__":
    main()
