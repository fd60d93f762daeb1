"""Insight is on the top floor: the floors below never reach it, and the ground floor knows no
other app's addresses; what insight adds to every page it registers through config."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse

from insight.pages import COUNTED_PAGES

ROOT = Path(__file__).resolve().parents[2]
BELOW_INSIGHT = ["core", "careers", "programmes"]
# Addresses of pages that live on the floors above core.
OTHER_APPS_ADDRESSES = ["/career-stages/", "/development-programmes/", "/explore-roles/"]


def python_files(app: str) -> list[Path]:
    return [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize("app", BELOW_INSIGHT)
def test_no_lower_floor_imports_insight(app):
    reaching_up = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in python_files(app)
        for module in imported_modules(path)
        if module == "insight" or module.startswith("insight.")
    ]
    assert reaching_up == []


def test_core_names_no_other_apps_addresses():
    naming = [
        f"{path.relative_to(ROOT)}: {address}"
        for path in python_files("core")
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
