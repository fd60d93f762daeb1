"""When content's facts are due for checking: the one rule behind the admin's "Needs checking"
lists and the count on the admin home page."""

import datetime

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone


def due_since(today: datetime.date | None = None) -> datetime.date:
    """Facts last checked before this day are due for checking again."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=settings.FACTS_CHECK_MAX_AGE_DAYS)


def needs_checking(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """Items whose facts were never checked, or not checked within the allowed age."""
    return queryset.filter(
        Q(facts_checked_on__isnull=True) | Q(facts_checked_on__lt=due_since(today))
    )
