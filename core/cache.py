"""One version number for all public content. The page cache keys its entries on it, so
bumping it makes every cached page stale at once.

The number lives in the database, not in the cache: every web process and every machine
reads the same committed value (a local-memory cache is private to one process, and a Redis
entry can be evicted or lost), and it moves in the same transaction as the content itself.
Each process remembers the value for at most `MEMO_SECONDS`, so reading it costs at most one
small query per process per second."""

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import DatabaseError, models, transaction
from django.db.models import F

# How long a process may go on using a version it read: the most a change can take to reach
# every process.
MEMO_SECONDS = 1.0

# Models that are not Publishable but still change what the public sees (for example
# providers and application windows). Apps add theirs in their AppConfig.ready().
_watched: set[type[models.Model]] = set()


class _Memo(threading.local):
    """The version this thread last read, and when (threads of one process may run different
    requests; each keeps its own copy so no lock is needed)."""

    version: int | None = None
    read_at: float = 0.0


_memo = _Memo()


def _version_row():
    from core.models import SiteContentVersion

    return SiteContentVersion.objects.filter(pk=1)


def content_version() -> int:
    """The current version; the page cache puts it in every key.

    While the database cannot be read, the version this process read last stays in use (and
    is asked for again once a second), so pages kept in the cache are still served through
    an outage of any length: no edit can be saved until the database is back. Raises
    DatabaseError only in a process that has never read it."""
    now = time.monotonic()
    if _memo.version is None or now - _memo.read_at >= MEMO_SECONDS:
        try:
            version = _version_row().values_list("version", flat=True).first() or 1
        except DatabaseError:
            if _memo.version is None:
                raise
            version = _memo.version
        _remember(version)
    return _memo.version


def content_changed() -> int:
    """Called whenever content is saved, published, deleted, imported or reverted."""
    from core.models import SiteContentVersion

    with transaction.atomic():
        # F() makes the database add one, so changes saved at once in two processes both count.
        if not _version_row().update(version=F("version") + 1):
            SiteContentVersion.objects.get_or_create(pk=1, defaults={"version": 1})
            _version_row().update(version=F("version") + 1)
        version = _version_row().values_list("version", flat=True).get()
    _remember(version)
    return version


def forget() -> None:
    """Read the version from the database next time (tests roll the database back)."""
    _memo.version = None


def _remember(version: int) -> None:
    _memo.version = version
    _memo.read_at = time.monotonic()


def static_release() -> str:
    """Changes whenever the static files do: the hash of their manifest (blank without one,
    as in development). Cache keys hold it, so pages and parts kept in a cache shared across
    a release, such as Redis, never point at static files the new release no longer serves."""
    return getattr(staticfiles_storage, "manifest_hash", "") or ""


T = TypeVar("T")


def remember(name: str, compute: Callable[[], T]) -> T:
    """A value worked out from public content (a list's options, a piece of a page), kept in
    the cache until the content changes: its key holds the content version. Pages that vary
    too much to cache whole use it for the parts every visitor shares. Follows the page
    cache's switch, `PAGE_CACHE_SECONDS`."""
    return remember_many([name], lambda names: {name: compute()})[name]


def remember_many(names: list[str], compute: Callable[[list[str]], dict[str, T]]) -> dict[str, T]:
    """`remember` for several values in one cache round trip; `compute` is given the names
    the cache did not have and returns a value for each."""
    seconds = settings.PAGE_CACHE_SECONDS
    if not seconds:
        return compute(names)
    try:
        version = content_version()
    except DatabaseError:
        # Nothing to key on: work the parts out afresh, so the error pages shown while the
        # database is down still draw.
        return compute(names)
    prefix = f"content:{static_release()}:{version}:"
    found = {
        key.removeprefix(prefix): value
        for key, value in cache.get_many([prefix + name for name in names]).items()
    }
    if missing := [name for name in names if name not in found]:
        computed = compute(missing)
        cache.set_many({prefix + name: value for name, value in computed.items()}, seconds)
        found.update(computed)
    return found


def watch(*model_classes: type[models.Model]) -> None:
    _watched.update(model_classes)


def is_content(model_class: type) -> bool:
    from core.models import Publishable

    return issubclass(model_class, Publishable) or model_class in _watched


def on_content_saved_or_deleted(sender, **kwargs) -> None:
    if is_content(sender):
        content_changed()


def on_content_relations_changed(sender, instance, action, **kwargs) -> None:
    # Many-to-many changes (a programme's stages, a role's next roles) are sent by the
    # hidden "through" model, so look at the object that changed instead.
    if action.startswith("post_") and is_content(type(instance)):
        content_changed()
