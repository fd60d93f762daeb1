"""Writes with rules: counting page views, storing page feedback and marking it read.

Page views are counted where every web instance can see them, never in process memory:

- with a shared cache (Redis), each view is one `HINCRBY` on that day's hash (one field per
  page), so a burst of views of one page never queues on one database row. `flush_page_views`
  (run by `manage.py summarise_insight`, and by the dashboard before it reads) moves the
  counts into `PageView`: it renames the day's hash first, so views counted meanwhile start a
  new hash and none is counted twice, even when two flushes run at once;
- without one (development, or while Redis is down), each view adds one to the day's
  `PageView` row in the database (`UPDATE ... views = views + 1`).

Counting never costs a visitor their page: when neither store answers, the view is logged and
lost.
"""

import datetime
import json
import logging
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, transaction
from django.utils import timezone
from redis.exceptions import RedisError

from core.counters import add_to_count
from insight.models import PageFeedback, PageView
from insight.pages import COUNTED_PAGES

logger = logging.getLogger(__name__)

# How long a day's counts wait in the shared cache for a flush. The nightly summarise_insight
# flushes them long before; this only bounds what a forgotten schedule could lose.
KEPT_DAYS = 31
KEY_PREFIX = "insight:page-views"


def count_page_view(*, url_name: str, path: str, argument: str = "") -> None:
    """Count one view, today, of the page `url_name` seen at `path` (`argument` is the URL
    argument that names the thing the page is about, such as a role's slug)."""
    today = timezone.localdate()
    if _count_in_shared_cache(today, [url_name, path, argument]):
        return
    try:
        record_page_views(date=today, url_name=url_name, path=path, argument=argument)
    except DatabaseError:
        logger.exception("Could not count a view of %s", path)


def record_page_views(
    *, date: datetime.date, url_name: str, path: str, argument: str = "", views: int = 1
) -> None:
    """Add `views` views of `path` on `date`; the day's first view also records the thing
    the page is about."""

    def about() -> dict:
        content_type, object_id = page_object(url_name=url_name, argument=argument)
        return {"url_name": url_name, "content_type": content_type, "object_id": object_id}

    add_to_count(
        PageView, keys={"path": path, "date": date}, field="views", amount=views, new_row=about
    )


def page_object(*, url_name: str, argument: str) -> tuple[ContentType | None, int | None]:
    """The thing a counted page is about, found by its URL argument, or (None, None)."""
    page = COUNTED_PAGES.get(url_name)
    model = page.model_class() if page else None
    if model is None or not argument:
        return None, None
    object_id = (
        model._default_manager.filter(**{page.lookup: argument})
        .values_list("pk", flat=True)
        .first()
    )
    if object_id is None:
        return None, None
    return ContentType.objects.get_for_model(model), object_id


def flush_page_views() -> int:
    """Move the views counted in the shared cache into the database. Returns how many."""
    client = _shared_cache_client()
    if client is None:
        return 0
    today = timezone.localdate()
    days = [today - datetime.timedelta(days=n) for n in range(KEPT_DAYS)]
    token = uuid.uuid4().hex
    taken = {
        day: caches["default"].make_key(f"{KEY_PREFIX}:{day}:flushing:{token}") for day in days
    }
    try:
        renames = client.pipeline(transaction=False)
        for day in days:
            renames.rename(_day_key(day), taken[day])
        # A day with no views has no hash to rename: that "error" just means nothing to do.
        renamed = renames.execute(raise_on_error=False)
        taken_days = [day for day, result in zip(days, renamed, strict=True) if result is True]
        flushed = 0
        for n, day in enumerate(taken_days):
            try:
                flushed += _write_day(client, day=day, key=taken[day])
            except DatabaseError:
                # Put this day's views, and those of the days not written yet, back for the
                # next flush rather than lose them.
                for left in taken_days[n:]:
                    _put_back(client, day=left, key=taken[left])
                raise
    except RedisError as error:
        _trip(error)
        return 0
    return flushed


def _write_day(client, *, day: datetime.date, key: str) -> int:
    counts = {field: int(views) for field, views in client.hgetall(key).items()}
    with transaction.atomic():
        for field, views in counts.items():
            url_name, path, argument = json.loads(field)
            record_page_views(
                date=day, url_name=url_name, path=path, argument=argument, views=views
            )
    client.delete(key)
    return sum(counts.values())


def _put_back(client, *, day: datetime.date, key: str) -> None:
    back = client.pipeline(transaction=False)
    for field, views in client.hgetall(key).items():
        back.hincrby(_day_key(day), field, int(views))
    back.expire(_day_key(day), KEPT_DAYS * 24 * 60 * 60)
    back.delete(key)
    back.execute()


def _count_in_shared_cache(day: datetime.date, page: list[str]) -> bool:
    client = _shared_cache_client()
    if client is None:
        return False
    try:
        pipe = client.pipeline(transaction=False)
        pipe.hincrby(_day_key(day), json.dumps(page), 1)
        pipe.expire(_day_key(day), KEPT_DAYS * 24 * 60 * 60)
        pipe.execute()
    except RedisError as error:
        _trip(error)
        return False
    return True


def _shared_cache_client():
    """The Redis client behind the default cache, or None when there is no shared cache or
    its circuit breaker says Redis is down (edge/cache_backends.py)."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return None
    breaker_open = getattr(cache, "breaker_open", None)
    if breaker_open is not None and breaker_open():
        return None
    return cache._cache.get_client(write=True)


def _trip(error: RedisError) -> None:
    trip = getattr(caches["default"], "trip", None)
    if trip is not None:
        trip(error, operation="page views")
    else:
        logger.warning("Shared cache unavailable for page views: %s", error)


def _day_key(day: datetime.date) -> str:
    return caches["default"].make_key(f"{KEY_PREFIX}:{day}")


def record_feedback(*, path: str, useful: bool, comment: str = "") -> PageFeedback:
    return PageFeedback.objects.create(path=path, useful=useful, comment=comment.strip())


def add_feedback_comment(*, feedback_id: int, comment: str) -> None:
    """Add the comment a visitor wrote after answering "No" (only once, never overwriting)."""
    PageFeedback.objects.filter(pk=feedback_id, useful=False, comment="").update(
        comment=comment.strip()
    )


def mark_feedback_read(*, feedback) -> int:
    """Mark feedback read now, keeping the time of any already read. Returns how many were
    not read before."""
    return feedback.not_read().update(read_at=timezone.now())


def mark_feedback_not_read(*, feedback) -> int:
    return feedback.exclude(read_at=None).update(read_at=None)
