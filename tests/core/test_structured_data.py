"""schema.org JSON-LD, canonical links and Open Graph tags."""

import json
import re
from html import unescape

import pytest
from django.test import override_settings
from django.utils import timezone

from careers.models import Role
from careers.structured_data import occupation
from core.structured_data import breadcrumb_list, to_json_ld
from programmes.models import Programme
from programmes.structured_data import course, iso_duration

JSON_LD = re.compile(r'<script type="application/ld\+json" nonce="[^"]*">(.*?)</script>', re.DOTALL)


def json_ld_blocks(html: str) -> list[dict]:
    blocks = []
    for text in JSON_LD.findall(html):
        data = json.loads(text)
        blocks.extend(data if isinstance(data, list) else [data])
    return blocks


def of_type(blocks: list[dict], type_name: str) -> dict:
    found = [block for block in blocks if block["@type"] == type_name]
    assert len(found) == 1, f"expected one {type_name}, found {len(found)}"
    return found[0]


def assert_valid(block: dict) -> None:
    """The properties search engines need for each type we publish."""
    assert block["@context"] == "https://schema.org"
    required = {
        "BreadcrumbList": ["itemListElement"],
        # An ended programme has no offer or instance; a role with no pay figure has no
        # salary. The tests of bundled content check both ways.
        "Course": ["name", "description", "provider", "url"],
        "Occupation": ["name", "description", "occupationLocation"],
        "WebSite": ["name", "url", "potentialAction"],
        "GovernmentOrganization": ["name", "url"],
    }[block["@type"]]
    for name in required:
        assert block.get(name), f"{block['@type']} needs {name}"
    for url_key in ("url",):
        if url_key in block:
            assert block[url_key].startswith("http")


def test_json_ld_cannot_close_its_script_element():
    text = str(to_json_ld({"name": "</script><script>alert(1)</script> & more"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & more"}


def test_breadcrumb_list_uses_absolute_addresses():
    data = breadcrumb_list(
        [
            {"text": "Home", "href": "/"},
            {"text": "Roles", "href": "/explore-roles/"},
            {"text": "X"},
        ],
        base_url="https://example.gov.uk",
        current_url="https://example.gov.uk/explore-roles/x/",
    )
    assert [item["item"] for item in data["itemListElement"]] == [
        "https://example.gov.uk/",
        "https://example.gov.uk/explore-roles/",
        "https://example.gov.uk/explore-roles/x/",
    ]
    assert [item["position"] for item in data["itemListElement"]] == [1, 2, 3]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10 months", "P10M"), ("12 months (longer part time)", "P12M"), ("1 year", "P1Y"),
     ("3 weeks", "P3W"), ("about a year", None), ("", None)],
)  # fmt: skip
def test_iso_duration(text, expected):
    assert iso_duration(text) == expected


def test_course_for_each_bundled_programme(site_content):
    today = timezone.localdate()
    ended = 0
    for programme in Programme.objects.public():
        status = programme.status_on(today)
        data = course(programme, base_url="https://example.gov.uk", status=status)
        assert_valid(data)
        assert data["provider"]["name"] == programme.provider.name
        assert data["audience"]["audienceType"] == programme.audience
        if status.has_ended:
            ended += 1
            assert "offers" not in data and "hasCourseInstance" not in data
        else:
            assert data["offers"][0]["description"] == programme.cost
            assert data["hasCourseInstance"][0]["courseMode"] in {"Onsite", "Online", "Blended"}
        json.loads(str(to_json_ld(data)))
    assert ended == 4
    asye_programme = Programme.objects.get(slug="asye")
    asye = course(
        asye_programme, base_url="https://example.gov.uk", status=asye_programme.status_on(today)
    )
    assert asye["timeRequired"] == "P12M"
    assert asye["isAccessibleForFree"] is True


def test_occupation_for_each_bundled_role(site_content):
    for role in Role.objects.public():
        data = occupation(role, base_url="https://example.gov.uk")
        assert_valid(data)
        if not role.has_salary:
            assert "estimatedSalary" not in data
            continue
        salary = data["estimatedSalary"][0]
        assert salary["currency"] == "GBP"
        assert salary["minValue"] == role.salary_from <= salary["maxValue"] == role.salary_to


def test_breadcrumbs_on_a_page_become_a_breadcrumb_list(client, site_content):
    blocks = json_ld_blocks(client.get("/sitemap").content.decode())
    crumbs = of_type(blocks, "BreadcrumbList")
    assert_valid(crumbs)
    assert [item["name"] for item in crumbs["itemListElement"]] == ["Home", "Sitemap"]
    assert crumbs["itemListElement"][1]["item"] == "http://testserver/sitemap"


def test_pages_without_breadcrumbs_have_no_breadcrumb_list(client, site_content):
    blocks = json_ld_blocks(client.get("/search").content.decode())
    assert [b for b in blocks if b["@type"] == "BreadcrumbList"] == []


def test_home_page_has_organisation_and_website_with_search(client, site_content):
    blocks = json_ld_blocks(client.get("/").content.decode())
    website = of_type(blocks, "WebSite")
    assert_valid(website)
    assert_valid(of_type(blocks, "GovernmentOrganization"))
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/search?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def test_programme_page_has_a_course(client, site_content):
    page = "/development-programmes/pathways-modules/"
    blocks = json_ld_blocks(client.get(page).content.decode())
    data = of_type(blocks, "Course")
    assert_valid(data)
    assert data["url"] == "http://testserver" + page
    assert data["offers"] and data["hasCourseInstance"]
    # An ended programme keeps its page and its Course, with nothing to offer.
    blocks = json_ld_blocks(client.get("/development-programmes/pathway-1/").content.decode())
    data = of_type(blocks, "Course")
    assert_valid(data)
    assert "offers" not in data


def test_role_page_has_an_occupation(client, site_content):
    blocks = json_ld_blocks(client.get("/explore-roles/practice-supervisor/").content.decode())
    data = of_type(blocks, "Occupation")
    assert_valid(data)
    assert data["name"] == "Practice supervisor"


def head_tags(html: str) -> dict[str, str]:
    tags = dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)">', html))
    canonical = re.search(r'<link rel="canonical" href="([^"]*)">', html)
    tags["canonical"] = canonical.group(1) if canonical else ""
    return {key: unescape(value) for key, value in tags.items()}


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        ("/", "http://testserver/"),
        ("/explore-roles/?utm_source=x", "http://testserver/explore-roles/"),
        ("/development-programmes/asye/", "http://testserver/development-programmes/asye/"),
        ("/search?q=asye", "http://testserver/search"),
        ("/privacy", "http://testserver/privacy"),
    ],
)
def test_canonical_link_and_open_graph_tags(client, site_content, path, canonical):
    html = client.get(path).content.decode()
    tags = head_tags(html)
    assert tags["canonical"] == canonical
    assert tags["og:url"] == canonical
    assert tags["og:type"] == "website"
    assert tags["og:site_name"] == "Develop your career in child and family social work"
    assert tags["og:title"]
    description = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    assert description.strip() and tags["og:description"] == unescape(description)
    assert tags["og:image"].startswith("http://testserver/static/")


@override_settings(SITE_URL="https://careers.example.gov.uk")
def test_canonical_link_uses_the_public_address(client, site_content):
    assert head_tags(client.get("/privacy").content.decode())["canonical"] == (
        "https://careers.example.gov.uk/privacy"
    )
