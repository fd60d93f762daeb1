"""What needs staff attention, shown on the admin home page. Each app registers what it
adds from its AppConfig.ready(), so this floor never reaches into a higher one."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


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
