"""Sitemap pieces every app's sitemaps.py builds on, and the core app's own pages."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from core.models import ContentPage


class SiteSitemap(Sitemap):
    """A sitemap section. `label` heads the section on the HTML sitemap page."""

    label = ""

    def get_domain(self, site=None) -> str:
        if settings.SITE_URL:
            return settings.SITE_URL.split("://", 1)[1]
        return super().get_domain(site)

    def get_protocol(self, protocol=None) -> str:
        if settings.SITE_URL:
            return settings.SITE_URL.split("://", 1)[0]
        return super().get_protocol(protocol)

    def title(self, item) -> str:
        return str(item)


class PublicSitemap(SiteSitemap):
    """Every public object of a model, last modified when it was last saved."""

    model = None

    def items(self):
        return self.model.objects.public()

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(SiteSitemap):
    """Fixed pages: (URL name, title, the model whose latest change dates the page)."""

    pages: list[tuple[str, str, type | None]] = []

    def items(self):
        return self.pages

    def location(self, item) -> str:
        return reverse(item[0])

    def title(self, item) -> str:
        return item[1]

    def __init__(self):
        super().__init__()
        # Several pages are dated by the same model: ask for each model's latest change once.
        self._latest: dict[type, object] = {}

    def lastmod(self, item):
        model = item[2]
        if model is None:
            return None
        if model not in self._latest:
            latest = model.objects.public().aggregate(latest=Max("updated_at"))["latest"]
            self._latest[model] = latest
        return self._latest[model]


class ContentPageSitemap(PublicSitemap):
    label = "About this service"
    model = ContentPage


SITEMAPS = {"pages": ContentPageSitemap}
