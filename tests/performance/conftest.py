import pytest
from django.core.cache import cache


@pytest.fixture
def page_cache_on(settings):
    """The page cache as production runs it (the rest of the suite switches it off)."""
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()
