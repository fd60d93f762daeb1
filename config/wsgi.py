import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()


def _load_sign_up_table() -> None:
    """Every process knows every sign-up address from the start, so sign-up links work
    even if the database goes down before anyone clicks them."""
    from django.db import DatabaseError, connections

    from programmes.selectors import load_sign_up_table

    try:
        load_sign_up_table()
    except DatabaseError:
        pass  # the first sign-up once the database is back loads it
    finally:
        connections.close_all()


_load_sign_up_table()

# Everything loaded so far (Django, the apps, their modules) lives as long as the process.
# Moving it out of the garbage collector's sight keeps full collections short: without this,
# one request in a hundred waited tens of milliseconds for a collection (make bench, p99).
gc.freeze()
