"""Links within a page (such as "Back to top" and "Skip to results") lead somewhere on it."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest

IN_PAGE_LINK = re.compile(r'<a\b[^>]*\bhref="#([^"]*)"')
ID = re.compile(r'\bid="([^"]+)"')
# Pages the sitemap does not list, with in-page links of their own.
MORE_PAGES = ["/development-programmes/?stage=manager", "/search?q=manager", "/cookies"]


def every_page(client) -> list[str]:
    sitemap = client.get("/sitemap.xml").content.decode()
    return [urlsplit(unescape(loc)).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]


@pytest.mark.django_db
def test_every_in_page_link_has_a_target(client, site_content):
    pages = every_page(client) + MORE_PAGES
    assert len(pages) > 30
    backs = 0
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        ids = set(ID.findall(html))
        targets = IN_PAGE_LINK.findall(html)
        assert [target for target in targets if target not in ids] == [], path
        backs += "Back to top</a>" in html
    assert backs >= 10  # long pages (roles, programmes, guidance) have the link


def test_the_check_finds_a_missing_target():
    html = '<main id="main-content"><a href="#top">Back to top</a></main>'
    assert IN_PAGE_LINK.findall(html) == ["top"]
    assert "top" not in set(ID.findall(html))
