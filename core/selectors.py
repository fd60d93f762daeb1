from typing import TypeVar

from core.models import ContentPage, Publishable

Item = TypeVar("Item", bound=Publishable)


def published_content_page(*, slug: str) -> ContentPage | None:
    return ContentPage.objects.public().filter(slug=slug).first()


def public_or_none(obj: Item | None) -> Item | None:
    """A related item (already loaded, or None), if the public may see it."""
    return obj if obj is not None and obj.is_public else None
