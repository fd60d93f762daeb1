"""Writes with rules: counting page views and storing page feedback."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core.models import PageFeedback, PageView


def record_page_view(*, path: str, date: datetime.date | None = None, views: int = 1) -> None:
    """Add `views` views of `path` (one, today, unless told): one UPDATE in the usual case.

    The first view of a page on a day inserts the row; when two requests race to insert it,
    the loser's unique-constraint error turns into the same UPDATE, so no view is lost.
    """
    date = date or timezone.localdate()
    rows = PageView.objects.filter(path=path, date=date)
    if rows.update(views=F("views") + views):
        return
    try:
        with transaction.atomic():
            PageView.objects.create(path=path, date=date, views=views)
    except IntegrityError:
        rows.update(views=F("views") + views)


def record_feedback(*, path: str, useful: bool, comment: str = "") -> PageFeedback:
    return PageFeedback.objects.create(path=path, useful=useful, comment=comment.strip())


def add_feedback_comment(*, feedback_id: int, comment: str) -> None:
    """Add the comment a visitor wrote after answering "No" (only once, never overwriting)."""
    PageFeedback.objects.filter(pk=feedback_id, useful=False, comment="").update(
        comment=comment.strip()
    )
