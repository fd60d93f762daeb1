"""The replaced service's addresses, each answered with a 301 to the page that replaces it.

The list is data (old_addresses.yaml), so changing it needs no code. Targets are URL names,
reversed on each request, so this floor links to the apps above it without importing them,
and a redirect needs neither the database nor the page it points at.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.urls import URLPattern, re_path, reverse

from core.campaigns import is_campaign_tag
from core.content_files import read_yaml

OLD_ADDRESSES_FILE = Path(__file__).with_name("old_addresses.yaml")
ENTRY_KEYS = {"old", "to", "kwargs"}


@dataclass(frozen=True)
class OldAddress:
    old: str
    to: str
    kwargs: dict[str, str] = field(default_factory=dict)

    def target(self) -> str:
        return reverse(self.to, kwargs=self.kwargs)


def read(path: Path = OLD_ADDRESSES_FILE) -> list[OldAddress]:
    """The entries in the file, refusing any that could never match or that repeat a path:
    a mistake stops the site starting rather than sending visitors astray."""
    entries = [_entry(raw) for raw in read_yaml(path).get("addresses") or []]
    seen: set[str] = set()
    for entry in entries:
        if entry.old in seen:
            raise ImproperlyConfigured(f"{path.name}: {entry.old} is listed twice")
        seen.add(entry.old)
    return entries


def _entry(raw) -> OldAddress:
    if not isinstance(raw, dict) or not {"old", "to"} <= raw.keys() <= ENTRY_KEYS:
        raise ImproperlyConfigured(f"old address needs old, to and maybe kwargs: {raw!r}")
    old = raw["old"]
    if not isinstance(old, str) or not re.fullmatch(r"(?:/[A-Za-z0-9._~-]+)+", old):
        raise ImproperlyConfigured(
            f"old address must be a path like /asye, without a trailing slash: {old!r}"
        )
    return OldAddress(old=old, to=raw["to"], kwargs=raw.get("kwargs") or {})


def moved_permanently(request: HttpRequest, *, entry: OldAddress) -> HttpResponsePermanentRedirect:
    # Campaign tags on old links in emails still count; anything else in the query is dropped,
    # so nothing from the request reaches the page beyond what it already ignores.
    tags = [
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if is_campaign_tag(name)
    ]
    query = f"?{urlencode(tags)}" if tags else ""
    return HttpResponsePermanentRedirect(entry.target() + query)


def urlpatterns() -> list[URLPattern]:
    return [
        re_path(rf"^{re.escape(entry.old[1:])}/?$", moved_permanently, {"entry": entry})
        for entry in read()
    ]
