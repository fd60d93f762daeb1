"""Writes with rules: counting page views and storing page feedback."""

import datetime
from contextlib import contextmanager

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from core.models import PageFeedback, PageView


def record_page_view(*, path: str, date: datetime.date | None = None) -> None:
    """Add one view of `path` today: one UPDATE in the usual case.

    The first view of a page on a day inserts the row; when two requests race to insert it,
    the loser's unique-constraint error turns into the same UPDATE, so no view is lost.
    """
    date = date or timezone.localdate()
    rows = PageView.objects.filter(path=path, date=date)
    with commit_without_waiting_for_disk():
        if rows.update(views=F("views") + 1):
            return
    try:
        with transaction.atomic():
            PageView.objects.create(path=path, date=date, views=1)
    except IntegrityError:
        rows.update(views=F("views") + 1)


@contextmanager
def commit_without_waiting_for_disk():
    """Let the statements inside commit without waiting for PostgreSQL to flush them to disk.

    Every view of a page updates that page's one row for the day, so during a burst each
    update waits for the one before it; when each commit also waits for the disk, a popular
    page is counted (and served) a few hundred times a second at most. A crash of the
    database server may now lose the last fraction of a second of page views. Sign-up clicks
    never use this: they must not be lost. Only in autocommit mode, so the setting never
    spreads to the rest of a transaction."""
    if connection.vendor != "postgresql" or not connection.get_autocommit():
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def record_feedback(*, path: str, useful: bool, comment: str = "") -> PageFeedback:
    return PageFeedback.objects.create(path=path, useful=useful, comment=comment.strip())


def add_feedback_comment(*, feedback_id: int, comment: str) -> None:
    """Add the comment a visitor wrote after answering "No" (only once, never overwriting)."""
    PageFeedback.objects.filter(pk=feedback_id, useful=False, comment="").update(
        comment=comment.strip()
    )
