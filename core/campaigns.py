"""Campaign tags: the utm_* parameters on links in emails and posts."""

import re

CAMPAIGN_TAG = re.compile(r"^utm_[a-z]+$")


def is_campaign_tag(name: str) -> bool:
    """Analytics reads these on arrival, and they never change the page."""
    return CAMPAIGN_TAG.match(name) is not None
