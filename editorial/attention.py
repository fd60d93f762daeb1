"""What needs staff attention, shown on the admin home page. Each app registers what it
adds from its AppConfig.ready(), so this floor never reaches into a higher one."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class AttentionItem:
    text: str  # for example "3 programmes need their facts checking"
    count: int
    url: str


Source = Callable[[HttpRequest], list[AttentionItem]]
_sources: list[Source] = []


def register(source: Source) -> None:
    if source not in _sources:
        _sources.append(source)


def items(request: HttpRequest) -> list[AttentionItem]:
    """Everything that needs attention now; items with nothing to do are left out."""
    return [item for source in _sources for item in source(request) if item.count]


def admin_list(
    request: HttpRequest, queryset: QuerySet, *, query: str, one: str, many: str
) -> list[AttentionItem]:
    """An entry counting `queryset` (one query) and linking to its model's admin list, where
    `query` filters to the same rows. `many` has a {count} in it. Shown only to staff who may
    see that list, by the list's own rule (its model admin's permissions)."""
    opts = queryset.model._meta
    if not admin.site.get_model_admin(queryset.model).has_view_or_change_permission(request):
        return []
    count = queryset.count()
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    text = one if count == 1 else many.format(count=count)
    return [AttentionItem(text, count, f"{url}?{query}" if query else url)]
