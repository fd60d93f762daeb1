"""Daily counters kept in the database (page views, plans): one number per row, added to by
many processes at once without losing any."""

from collections.abc import Callable

from django.db import IntegrityError, models, transaction
from django.db.models import F


def add_to_count(
    model: type[models.Model],
    *,
    keys: dict,
    field: str,
    amount: int = 1,
    new_row: Callable[[], dict] | None = None,
) -> None:
    """Add `amount` to `field` of the row that `keys` name (unique together on the model):
    one UPDATE in the usual case. The first count inserts the row, with `new_row()`'s extra
    fields; when two processes race to insert it, the loser's unique-constraint error turns
    into the same UPDATE, so nothing is lost."""
    rows = model.objects.filter(**keys)
    if rows.update(**{field: F(field) + amount}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**keys, **(new_row() if new_row else {}), **{field: amount})
    except IntegrityError:
        rows.update(**{field: F(field) + amount})
