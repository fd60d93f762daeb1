"""The ground floors know no other app's addresses; what insight adds to every page it registers
through config (tests/test_floors.py checks that no floor imports a higher one)."""

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse

from insight.pages import COUNTED_PAGES
from tests.test_floors import ROOT, python_files

# Addresses of pages that live on the floors above core.
OTHER_APPS_ADDRESSES = ["/career-stages/", "/development-programmes/", "/explore-roles/"]


@pytest.mark.parametrize("app", ["core", "edge", "editorial"])
def test_the_ground_floors_name_no_other_apps_addresses(app):
    naming = [
        f"{path.relative_to(ROOT)}: {address}"
        for path in python_files(app)
        for address in OTHER_APPS_ADDRESSES
        if address in path.read_text()
    ]
    assert naming == []


def test_insight_registers_what_it_adds_through_settings():
    assert "insight.page_views.PageViewMiddleware" in settings.MIDDLEWARE
    # Above the page cache, or cached pages would not be counted.
    assert settings.MIDDLEWARE.index(
        "insight.page_views.PageViewMiddleware"
    ) < settings.MIDDLEWARE.index("edge.page_cache.PageCacheMiddleware")
    processors = settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    assert "insight.context_processors.cookies" in processors


@pytest.mark.parametrize("page", COUNTED_PAGES.values(), ids=lambda page: page.url_name)
def test_every_counted_page_is_a_page_of_the_site(page):
    """A renamed URL would silently stop being counted."""
    try:
        reverse(page.url_name, kwargs={page.lookup: "a-slug"} if page.model else None)
    except NoReverseMatch:
        reverse(page.url_name)  # a page with its argument fixed in the URL, such as /privacy
    if page.model:
        assert page.model_class()._meta.get_field(page.lookup)
