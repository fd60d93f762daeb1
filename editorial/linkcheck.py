"""Finding every external address in the content and checking that each one still works."""

import dataclasses
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

from core.cache import is_content
from core.markdown import MARKDOWN, is_external
from core.models import MarkdownBody
from editorial.models import LinkCheck

USER_AGENT = (
    f"{settings.SERVICE_NAME} link checker (Department for Education; {settings.CONTACT_EMAIL})"
)
# Some servers refuse HEAD requests; ask those again with GET before calling a link broken.
RETRY_WITH_GET = {403, 405, 501}


@dataclasses.dataclass(frozen=True)
class Result:
    url: str
    status_code: int | None
    error: str

    @property
    def is_broken(self) -> bool:
        return bool(self.error) or self.status_code is None or self.status_code >= 400


def markdown_links(text: str) -> list[str]:
    found = []
    for token in MARKDOWN.parse(text or ""):
        for child in token.children or []:
            href = child.attrGet("href") if child.type == "link_open" else None
            if href and is_external(href):
                found.append(href)
    return found


def links_in(obj: models.Model) -> list[tuple[str, str]]:
    """(address, field label) for each external address in one object."""
    found = []
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(field, models.URLField) and value and is_external(value):
            found.append((value, str(field.verbose_name)))
    if isinstance(obj, MarkdownBody):
        found.extend((href, "body") for href in markdown_links(obj.body))
    return found


def content_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if is_content(model)]


def all_links() -> dict[str, list[str]]:
    """Every external address in the content (drafts too), with where each appears."""
    places: dict[str, list[str]] = defaultdict(list)
    for model in content_models():
        for obj in model._default_manager.all():
            for url, label in links_in(obj):
                places[url].append(f"{model._meta.verbose_name.capitalize()}: {obj} ({label})")
    return places


def check_url(url: str, *, timeout: float) -> Result:
    try:
        return _request(url, method="HEAD", timeout=timeout)
    except urllib.error.HTTPError as error:
        if error.code in RETRY_WITH_GET:
            try:
                return _request(url, method="GET", timeout=timeout)
            except urllib.error.HTTPError as retry_error:
                return Result(url, retry_error.code, "")
            except (OSError, ValueError) as retry_error:
                return Result(url, None, _describe(retry_error))
        return Result(url, error.code, "")
    except (OSError, ValueError) as error:  # URLError, timeouts and refused connections
        return Result(url, None, _describe(error))


def _request(url: str, *, method: str, timeout: float) -> Result:
    # Only http(s) addresses reach here (is_external), so no file: or other schemes.
    request = urllib.request.Request(  # noqa: S310
        url, method=method, headers={"User-Agent": USER_AGENT}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return Result(url, response.status, "")


def _describe(error: Exception) -> str:
    reason = getattr(error, "reason", None) or error
    return str(reason)[:300] or error.__class__.__name__


def check_all(*, workers: int = 8, timeout: float = 10.0) -> list[LinkCheck]:
    """Check every address, a few at a time, and store the results. Addresses no longer
    in the content are forgotten."""
    places = all_links()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda url: check_url(url, timeout=timeout), sorted(places)))
    now = timezone.now()
    checks = []
    for result in results:
        check, _ = LinkCheck.objects.update_or_create(
            url=result.url,
            defaults={
                "found_in": "\n".join(places[result.url]),
                "status_code": result.status_code,
                "error": result.error,
                "is_broken": result.is_broken,
                "checked_at": now,
            },
        )
        checks.append(check)
    LinkCheck.objects.exclude(url__in=places).delete()
    return checks


def checks_for(obj: models.Model) -> list[tuple[str, str, LinkCheck | None]]:
    """The addresses in one object with their last check, for the admin."""
    links = links_in(obj)
    known = {check.url: check for check in LinkCheck.objects.filter(url__in=[u for u, _ in links])}
    return [(url, label, known.get(url)) for url, label in links]
