import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Everything loaded so far (Django, the apps, their modules) lives as long as the process.
# Moving it out of the garbage collector's sight keeps full collections short: without this,
# one request in a hundred waited tens of milliseconds for a collection (make bench, p99).
gc.freeze()
