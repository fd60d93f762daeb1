"""sitemap.xml, robots.txt and the HTML sitemap page."""

import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings
from django.utils import timezone

from careers.models import AreaOfPractice, CareerStage, GuidancePage, Role
from core.models import ContentPage
from programmes.models import Programme

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - the site's own response
    return {
        url.find("s:loc", NS).text: getattr(url.find("s:lastmod", NS), "text", None)
        for url in root.findall("s:url", NS)
    }


def test_every_published_page_is_in_the_sitemap_with_its_date(client, site_content):
    entries = sitemap_entries(client)
    base = "http://testserver"
    for model in [CareerStage, Role, AreaOfPractice, GuidancePage, Programme]:
        for obj in model.objects.public():
            url = base + obj.get_absolute_url()
            assert entries[url] == timezone.localtime(obj.updated_at).date().isoformat(), url
    for path in ["/accessibility", "/privacy", "/terms-and-conditions"]:
        assert entries[base + path] is not None
    for path in ["/", "/career-stages/", "/explore-roles/", "/development-programmes/"]:
        assert entries[base + path] is not None


def test_the_sitemap_lists_only_pages_that_answer(client, site_content):
    for url in sitemap_entries(client):
        path = url.removeprefix("http://testserver")
        assert client.get(path).status_code == 200, path


def test_drafts_are_not_in_the_sitemap(client, site_content):
    role = Role.objects.get(slug="practice-supervisor")
    role.status = "draft"
    role.save()
    page = ContentPage.objects.get(slug="privacy")
    page.status = "draft"
    page.save()
    entries = sitemap_entries(client)
    assert "http://testserver/explore-roles/practice-supervisor/" not in entries
    assert "http://testserver/privacy" not in entries


@override_settings(SITE_URL="https://careers.example.gov.uk")
def test_sitemap_uses_the_public_address(client, site_content):
    assert "https://careers.example.gov.uk/explore-roles/" in sitemap_entries(client)


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "User-agent: *" in body
    assert "Disallow: /search" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@override_settings(SITE_URL="https://careers.example.gov.uk")
def test_robots_txt_uses_the_public_address(client, db):
    assert (
        "Sitemap: https://careers.example.gov.uk/sitemap.xml"
        in client.get("/robots.txt").content.decode()
    )


def test_html_sitemap_lists_the_site_by_section(client, site_content):
    response = client.get("/sitemap")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Sitemap</h1>' in html
    for section in [
        "Main sections",
        "Career stages",
        "Roles",
        "Areas of practice",
        "Guidance",
        "Development programmes",
        "About this service",
    ]:
        assert f'<h2 class="govuk-heading-m">{section}</h2>' in html
    assert html.count('<h2 class="govuk-heading-m">Development programmes</h2>') == 1
    assert '<a class="govuk-link" href="/explore-roles/practice-supervisor/">' in html
    assert '<a class="govuk-link" href="/development-programmes/asye/">' in html


@pytest.mark.parametrize("path", ["/", "/sitemap"])
def test_footer_links_to_the_html_sitemap(client, site_content, path):
    assert 'href="/sitemap"' in client.get(path).content.decode()
