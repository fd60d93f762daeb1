"""Recognising automated visitors, so counts reflect people."""

import re

# Crawlers, link previewers, monitoring and command-line clients name themselves in the
# User-Agent header. An empty header is almost never a real browser either.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|scrape|archiver|preview|monitor|uptime|headless|phantomjs"
    r"|lighthouse|pingdom|facebookexternalhit|embedly|whatsapp|mediapartners|curl|wget"
    r"|python-|python/|httpx|aiohttp|go-http-client|java/|okhttp|libwww|httpclient|axios"
    r"|node-fetch|feedfetcher|validator",
    re.IGNORECASE,
)


def is_bot(user_agent: str | None) -> bool:
    return not (user_agent or "").strip() or bool(BOT_USER_AGENT.search(user_agent))
