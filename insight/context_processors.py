from insight import consent


def cookies(request) -> dict:
    """What every page's cookie banner and analytics tag need."""
    return {
        "cookie_banner": consent.banner(request),
        "analytics_id": consent.analytics_id(request),
    }
