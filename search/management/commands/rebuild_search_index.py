from django.core.management.base import BaseCommand

from search.services import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the site search index from all published content."

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(f"search: {count} pages indexed")
