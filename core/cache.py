"""One version number for all public content. A page cache keys its entries on it, so
bumping it makes every cached page stale at once."""

from django.core.cache import cache
from django.db import models

CONTENT_VERSION_KEY = "content-version"

# Models that are not Publishable but still change what the public sees (for example
# providers and application windows). Apps add theirs in their AppConfig.ready().
_watched: set[type[models.Model]] = set()


def content_version() -> int:
    """The current version; a page cache puts it in every key."""
    return cache.get_or_set(CONTENT_VERSION_KEY, 1, timeout=None)


def content_changed() -> int:
    """Called whenever content is saved, published, deleted, imported or reverted."""
    try:
        return cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # not in the cache yet (or evicted)
        cache.set(CONTENT_VERSION_KEY, 2, timeout=None)
        return 2


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
