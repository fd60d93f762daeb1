"""Editors' text cannot inject script: every editable text field of every kind of content
holds hostile markup, and every page, feed, export and admin screen that shows it must
escape or sanitise it."""

import csv
import io
import json
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import models
from django.test import Client

from programmes.models import Programme, SignUpClick

PAYLOAD = (
    'Evil "><img src=x onerror=alert(1)><script>alert(2)</script>'
    '<a href="javascript:alert(3)">link</a> <svg onload=alert(4)> [md](javascript:alert(5))'
)
FORMULAE = ['=HYPERLINK("http://evil.example","x")', "+1+2", "-2+3", "@SUM(A1)"]
CONTENT_MODELS = [
    "careers.CareerStage",
    "careers.Role",
    "careers.AreaOfPractice",
    "careers.Standard",
    "careers.Requirement",
    "careers.GuidancePage",
    "core.ContentPage",
    "programmes.Programme",
    "programmes.Provider",
    "programmes.ProgrammeFamily",
]
SKIP_FIELDS = {"slug", "status", "format", "body_html", "sign_up_url", "website"}


def editable_text_fields(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not field.choices
        and field.name not in SKIP_FIELDS
        and not isinstance(field, models.SlugField | models.URLField)
    ]


def poison(value_for) -> None:
    """Put a hostile value in every editable text field, saving through the models so
    Markdown is rendered and search and caches hear of the change as for an admin edit."""
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        for obj in model.objects.all():
            for field in editable_text_fields(model):
                # Cut to the column's size: PostgreSQL, unlike SQLite, enforces it.
                setattr(obj, field.name, value_for(field)[: field.max_length])
            obj.save()


@pytest.fixture
def hostile_content(site_content):
    poison(lambda field: PAYLOAD)


class LiveMarkupFinder(HTMLParser):
    """Elements and attributes a browser would act on: the injected ones show up here,
    while the same text escaped is only character data."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in {"href", "src", "action", "formaction"} and value.startswith(
                ("javascript:", "data:text/html", "vbscript:")
            ):
                self.found.append(f"<{tag} {name}={value[:30]}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")
        # Structured data is never run; were it to end early on an editor's "</script>",
        # whatever followed would show up here as tags.
        self._in_script = tag == "script" and dict(attrs).get("type") != "application/ld+json"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:30]}")


def assert_inert(body: str, where: str) -> None:
    finder = LiveMarkupFinder()
    finder.feed(body)
    assert finder.found == [], f"{where}: live markup {finder.found}"


def test_the_check_finds_live_markup():
    # Unescaped, the payload must be caught, or the tests below prove nothing.
    with pytest.raises(AssertionError):
        assert_inert(f"<p>{PAYLOAD}</p>", "raw")
    for markup in ['<a href=" JavaScript:x">', "<div onclick=x>", "<script>alert(1)</script>"]:
        with pytest.raises(AssertionError):
            assert_inert(markup, "raw")


def crawl(client: Client, start: list[str], limit: int = 400) -> dict[str, str]:
    """Every page reachable from `start` by following links on the site."""
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            seen[path] = ""
            continue
        seen[path] = body = response.content.decode()
        for href in re.findall(r'href="(/[^"#]*)"', body):
            href = href.replace("&amp;", "&")
            if href.startswith(("/static/", "/admin")) or "/sign-up/" in href:
                continue
            if urlsplit(href).path and href not in seen:
                queue.append(href)
    return seen


def test_every_public_page_escapes_editor_text(client, hostile_content):
    pages = crawl(client, ["/", "/sitemap", "/development-programmes/", "/explore-roles/"])
    shown = [path for path, body in pages.items() if "Evil" in body]
    assert len(shown) > 20, "the hostile text should appear on many pages"
    for path, body in pages.items():
        assert_inert(body, path)


def test_search_results_escape_editor_text(client, hostile_content):
    for query in ["Evil", "alert", "script", "onerror"]:
        response = client.get("/search", {"q": query})
        assert response.status_code == 200
        assert "Evil" in response.content.decode().split("<main", 1)[1]
        assert_inert(response.content.decode(), f"search {query}")


def test_sitemaps_escape_editor_text(client, hostile_content):
    for path in ["/sitemap.xml", "/sitemap"]:
        response = client.get(path)
        assert response.status_code == 200
        assert_inert(response.content.decode(), path)


def test_open_data_is_json_and_csv_not_html(client, hostile_content):
    for path in ["/api/v1/programmes", "/api/v1/roles"]:
        response = client.get(path)
        assert response["Content-Type"].startswith("application/json")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "Evil" in json.dumps(response.json())
        response = client.get(path, {"format": "csv"})
        assert response["Content-Type"].startswith("text/csv")
        assert response["X-Content-Type-Options"] == "nosniff"


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_csv_exports_neutralise_spreadsheet_formulae(client, site_content):
    formulae = iter(FORMULAE * 200)
    poison(lambda field: next(formulae))
    for path in ["/api/v1/programmes", "/api/v1/roles"]:
        cells = csv_cells(client.get(path, {"format": "csv"}).content.decode())
        assert any(cell.startswith("'") for cell in cells), path
        for cell in cells:
            assert not cell.startswith(("=", "+", "-", "@")), f"{path}: {cell!r}"


@pytest.fixture
def superuser_client(client, db):
    client.force_login(User.objects.create_superuser("admin", password="a-long-test-password"))
    return client


def test_admin_screens_escape_editor_text(superuser_client, hostile_content):
    client = superuser_client
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        obj = model.objects.first()
        for path in [base, f"{base}?q=Evil", f"{base}{obj.pk}/change/", f"{base}{obj.pk}/history/"]:
            response = client.get(path)
            assert response.status_code == 200, path
            assert_inert(response.content.decode(), path)


def test_insight_dashboard_and_its_export_escape_editor_text(superuser_client, hostile_content):
    client = superuser_client
    programme = Programme.objects.first()
    SignUpClick.objects.create(programme=programme, source_path="/<script>alert(1)</script>")
    response = client.get("/admin/insight/signupinsight/")
    assert response.status_code == 200
    assert "Evil" in response.content.decode()
    assert_inert(response.content.decode(), "insight dashboard")
    export = client.get("/admin/insight/signupinsight/export.csv")
    assert export.status_code == 200
    for cell in csv_cells(export.content.decode()):
        assert not cell.startswith(("=", "+", "-", "@"))


def test_admin_spreadsheet_exports_neutralise_formulae_and_round_trip(site_content):
    import io as _io

    import openpyxl
    from django.contrib.auth.models import User

    from programmes.resources import ProgrammeResource

    formula = '=HYPERLINK("http://evil.example","Click")'
    Programme.objects.filter(slug="asye").update(summary=formula, duration="+1 year")
    rows = ProgrammeResource().export(queryset=Programme.objects.filter(slug="asye"))
    assert rows["summary"] == ["'" + formula]
    assert rows["duration"] == ["'+1 year"]
    # In Excel's format the cell is text, not a formula.
    sheet = openpyxl.load_workbook(_io.BytesIO(rows.export("xlsx"))).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    # Importing the file back restores the text exactly.
    Programme.objects.filter(slug="asye").update(summary="changed", duration="changed")
    # A publisher: an editor's import may not change a published programme.
    publisher = User.objects.create(username="publisher", is_superuser=True)
    result = ProgrammeResource().import_data(rows, dry_run=False, raise_errors=True, user=publisher)
    assert not result.has_errors()
    programme = Programme.objects.get(slug="asye")
    assert (programme.summary, programme.duration) == (formula, "+1 year")
