from django.conf import settings
from django.urls import reverse


def navigation_items(path: str) -> list[dict]:
    """The service navigation's sections (settings.NAVIGATION, by URL name, so the apps above
    this floor decide where they live), marking the one this page is in."""
    items = []
    for text, url_name in settings.NAVIGATION:
        href = reverse(url_name)
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
        # Templates higher floors draw in named places on lower floors' pages.
        "slots": settings.TEMPLATE_SLOTS,
        # str() makes the nonce now: django-csp's lazy nonce reads as false until used, and
        # the GOV.UK template tests it with {% if cspNonce %} before anything else uses it.
        "csp_nonce": str(getattr(request, "csp_nonce", "")),
    }
