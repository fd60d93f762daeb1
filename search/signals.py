"""Keep the index in step with the content models. A failure to index is logged and never
stops an editor saving their work."""

import logging

from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save

from programmes.models import ProgrammeFamily, Provider
from search import services
from search.documents import INDEXED

logger = logging.getLogger(__name__)


def _safely(action, **kwargs) -> None:
    try:
        # A savepoint, so a failed index write cannot spoil the editor's transaction.
        with transaction.atomic():
            action(**kwargs)
    except DatabaseError:
        logger.exception("Search index not updated; run manage.py rebuild_search_index")


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        _safely(services.index_object, obj=instance)


def _deleted(sender, instance, **kwargs) -> None:
    _safely(services.remove_object, obj=instance)


def _programmes_changed(sender, instance, raw=False, **kwargs) -> None:
    # Programme documents name their provider and family.
    if not raw:
        _safely(services.index_objects, objects=instance.programmes.all())


def _dependents_changed(model, name):
    """Reindex the `model` objects whose `name` relation is the saved object: whether they
    are public depends on it (a role on its stage), and their documents may name it."""

    def receiver(sender, instance, raw=False, **kwargs) -> None:
        if not raw:
            objects = model.objects.filter(**{name: instance})
            _safely(services.index_objects, objects=objects)

    return receiver


def connect() -> None:
    for model in INDEXED:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
        for name in model.public_requires:
            post_save.connect(
                _dependents_changed(model, name),
                sender=model._meta.get_field(name).related_model,
                weak=False,
                dispatch_uid=f"search-depends-{model.__name__}-{name}",
            )
    for model in (Provider, ProgrammeFamily):
        post_save.connect(
            _programmes_changed, sender=model, dispatch_uid=f"search-related-{model.__name__}"
        )
