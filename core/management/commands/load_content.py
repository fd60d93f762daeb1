import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the content bundled with the site (stages, roles, programmes, pages). "
        "Safe to run again: existing content is left as editors made it unless --overwrite."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace existing content with the bundled version.",
        )

    def handle(self, *args, overwrite: bool = False, **options):
        # Each app may ship '<app>/content_loader.py'. Apps load in INSTALLED_APPS order, so a
        # lower floor (careers) is in place before a higher one (programmes) refers to it.
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.content_loader"
                if importlib.util.find_spec(module_name) is None:
                    continue
                counts = importlib.import_module(module_name).load(overwrite=overwrite)
                for label, count in counts.items():
                    self.stdout.write(f"{app_config.label}: {count} {label} written")
