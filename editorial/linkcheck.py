"""Finding every external address in the content and checking that each one still works."""

import dataclasses
import http.client
import ipaddress
import socket
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


class PrivateAddress(OSError):
    """The address is not on the public internet, so the link checker does not visit it."""


NOT_PUBLIC = (
    "This address is not on the public internet, so the link checker does not visit it. "
    "Links in the content must be to public websites."
)


def _allowed(ip: str) -> bool:
    """Public internet addresses only: never this server, its private network or the cloud's
    metadata service, which an address in the content (or a redirect from one) could
    otherwise make the link checker reach. LINK_CHECK_ALLOWED_NETWORKS adds exceptions."""
    address = ipaddress.ip_address(ip.split("%")[0])
    if any(address in ipaddress.ip_network(net) for net in settings.LINK_CHECK_ALLOWED_NETWORKS):
        return True
    return address.is_global and not address.is_multicast


def _public_connection(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):  # noqa: SLF001
    """socket.create_connection, to the first public address the host name has. Checked as
    it connects, so a redirect, or a name that changes what it points to, cannot get round it."""
    host, port = address
    refused = None
    for family, kind, proto, _, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        if not _allowed(sockaddr[0]):
            refused = PrivateAddress(NOT_PUBLIC)
            continue
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:  # noqa: SLF001
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as error:
            sock.close()
            refused = error
    raise refused or OSError(f"No address found for {host}")


class _PublicHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _public_connection


class _PublicHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _public_connection


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_PublicHTTPSConnection, req, context=self._context)


# Straight to each site, not through a proxy from the environment: the check above is of the
# address the link checker connects to.
_OPENER = urllib.request.build_opener(
    urllib.request.ProxyHandler({}), _PublicHTTPHandler, _PublicHTTPSHandler
)


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
    with _OPENER.open(request, timeout=timeout) as response:
        return Result(url, response.status, "")


def _describe(error: Exception) -> str:
    reason = getattr(error, "reason", None) or error
    if isinstance(reason, PrivateAddress):
        return NOT_PUBLIC
    return str(reason)[:300] or error.__class__.__name__


def check_all(*, workers: int = 8, timeout: float = 10.0) -> list[LinkCheck]:
    """Check every address, a few at a time, and store the results. Addresses no longer
    in the content are forgotten."""
    places = all_links()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda url: check_url(url, timeout=timeout), sorted(places)))
    now = timezone.now()
    checks = [_store(result, places[result.url], now) for result in results]
    LinkCheck.objects.exclude(url__in=places).delete()
    return checks


def may_check_again(user) -> bool:
    """Staff who may change some content may check its links again."""
    return any(
        user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
        for model in content_models()
    )


def check_again(url: str, *, timeout: float = 10.0) -> LinkCheck | None:
    """Check one address now, as an editor asks after fixing it, and store the result. None,
    checking nothing, when the address is not in the content (so staff cannot make the
    server visit any address they like)."""
    places = all_links().get(url)
    if not places:
        return None
    return _store(check_url(url, timeout=timeout), places, timezone.now())


def _store(result: Result, places: list[str], now) -> LinkCheck:
    check, _ = LinkCheck.objects.update_or_create(
        url=result.url,
        defaults={
            "found_in": "\n".join(places),
            "status_code": result.status_code,
            "error": result.error,
            "is_broken": result.is_broken,
            "checked_at": now,
        },
    )
    return check


def checks_for(obj: models.Model) -> list[tuple[str, str, LinkCheck | None]]:
    """The addresses in one object with their last check, for the admin."""
    links = links_in(obj)
    known = {check.url: check for check in LinkCheck.objects.filter(url__in=[u for u, _ in links])}
    return [(url, label, known.get(url)) for url, label in links]
