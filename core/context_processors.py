from django.conf import settings

from core import consent

# The sections of the service navigation, with the address each section lives under.
NAVIGATION = [
    ("Home", "/"),
    ("Career stages", "/career-stages/"),
    ("Development programmes", "/development-programmes/"),
    ("Explore roles", "/explore-roles/"),
]


def navigation_items(path: str) -> list[dict]:
    items = []
    for text, href in NAVIGATION:
        item = {"text": text, "href": href}
        if path == href:
            item["current"] = True
        elif href != "/" and path.startswith(href):
            item["active"] = True
        items.append(item)
    return items


def site(request) -> dict:
    return {
        "service_name": settings.SERVICE_NAME,
        "contact_email": settings.CONTACT_EMAIL,
        "navigation": navigation_items(request.path),
        # str() makes the nonce now: django-csp's lazy nonce reads as false until used, and
        # the GOV.UK template tests it with {% if cspNonce %} before anything else uses it.
        "csp_nonce": str(getattr(request, "csp_nonce", "")),
        "cookie_banner": consent.banner(request),
        "analytics_id": consent.analytics_id(request),
    }
