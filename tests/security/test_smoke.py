"""Every public page, requested as a visitor behind the load balancer, with the production
configuration: each answers 200 with every security header, and comes from the page cache
the second time."""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest

from tests.conftest import ProxiedClient
from tests.security.test_headers import BROWSER, assert_security_headers

# Lists with filters and searches are rendered each time (see edge/page_cache.py).
NOT_CACHED = re.compile(r"[?&](?!cookies=|utm_)[^=&]+=")


def public_paths(client) -> list[str]:
    """Every address the site links to from its pages and lists in its sitemap."""
    sitemap = client.get("/sitemap.xml").content.decode()
    start = ["/", "/sitemap", "/cookies"]
    start += [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    seen: list[str] = []
    queue = deque(start)
    while queue:
        path = queue.popleft()
        if path in seen:
            continue
        seen.append(path)
        response = client.get(path)
        if "html" not in response.get("Content-Type", ""):
            continue
        for href in re.findall(r'href="(/[^"#]*)"', response.content.decode()):
            href = href.replace("&amp;", "&")
            skipped = href.startswith(("/static/", "/admin")) or "/sign-up/" in href
            # Filtered and paged lists are endless variations of pages already visited.
            if not skipped and "?" not in href and href not in seen:
                queue.append(href)
    return seen


@pytest.mark.django_db
def test_every_public_page_in_the_production_configuration(site_content):
    visitor = ProxiedClient(HTTP_USER_AGENT=BROWSER)
    paths = public_paths(visitor)
    assert len(paths) > 40, paths
    for path in paths:
        response = visitor.get(path)
        assert response.status_code == 200, path
        html = "html" in response["Content-Type"]
        assert_security_headers(response, html=html)
        if html and not NOT_CACHED.search(path):
            assert response["X-Page-Cache"] == "hit", path
