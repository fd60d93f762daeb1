"""schema.org JSON-LD. Data is built as Python dicts and serialised here, never assembled as
text in templates, so editors' words cannot break out of the script element."""

import json

from django.conf import settings
from django.urls import reverse
from markupsafe import Markup

SCHEMA = "https://schema.org"
DEPARTMENT = "Department for Education"
DEPARTMENT_URL = "https://www.gov.uk/government/organisations/department-for-education"

# Characters that could end the <script> element or confuse an HTML parser, as JSON escapes.
_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def to_json_ld(data: dict | list) -> Markup:
    """JSON safe to place inside <script type="application/ld+json">."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return Markup(text.translate(_ESCAPES))  # noqa: S704 - escaped above for a script element


def department() -> dict:
    return {"@type": "GovernmentOrganization", "name": DEPARTMENT, "url": DEPARTMENT_URL}


def breadcrumb_list(breadcrumbs: list[dict], *, base_url: str, current_url: str) -> dict:
    """BreadcrumbList from the page's `breadcrumbs` ({"text", "href"}; the last has no href)."""
    items = []
    for position, crumb in enumerate(breadcrumbs, start=1):
        href = crumb.get("href")
        url = base_url + href if href and href.startswith("/") else href or current_url
        items.append(
            {"@type": "ListItem", "position": position, "name": crumb["text"], "item": url}
        )
    return {"@context": SCHEMA, "@type": "BreadcrumbList", "itemListElement": items}


def organization(*, base_url: str) -> dict:
    return {
        "@context": SCHEMA,
        **department(),
        "contactPoint": {
            "@type": "ContactPoint",
            "email": settings.CONTACT_EMAIL,
            "contactType": "customer support",
            "areaServed": "GB-ENG",
            "availableLanguage": "en",
        },
    }


def website(*, base_url: str) -> dict:
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": settings.SERVICE_NAME,
        "url": base_url + "/",
        "inLanguage": "en-GB",
        "publisher": department(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": base_url
                + reverse(settings.SITE_SEARCH_URL_NAME)
                + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def home_page(*, base_url: str) -> list[dict]:
    return [organization(base_url=base_url), website(base_url=base_url)]
