"""Open data responses shared by every app's API: JSON or CSV, conditional GET with ETag and
Last-Modified, and open CORS so other services' web pages may read them."""

import csv
import hashlib
import io
import json
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from pathlib import Path

import yaml
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_http_methods

from core.csv_export import safe_cell

FORMATS = {"json", "csv"}
LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
CACHE_SECONDS = 300
# The parts of the OpenAPI description every endpoint shares; each app adds its own.
OPENAPI = Path(__file__).with_name("openapi.yaml")


def open_data_view(view: Callable) -> Callable:
    """Read-only, with CORS: answers GET and HEAD, and the preflight a browser sends first
    when a page asks conditionally (If-None-Match)."""

    @require_http_methods(["GET", "HEAD", "OPTIONS"])
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        # X-Request-ID too, so a page reporting a problem with a response can quote it.
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, X-Request-ID"
        return response

    return wrapper


def csv_cell(value) -> str | int:
    """A value as a CSV cell: lists joined, text that a spreadsheet would run defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return value
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    return safe_cell(str(value))


def to_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def respond(
    request: HttpRequest,
    *,
    name: str,
    items: list[dict],
    csv_rows: Callable[[], list[dict]],
    last_modified: datetime | None,
) -> HttpResponse:
    """`items` as JSON, or `csv_rows()` as CSV with ?format=csv, answering 304 when the client
    already has this version."""
    output = request.GET.get("format", "json")
    if output not in FORMATS:
        return JsonResponse(
            {"error": "format must be 'json' or 'csv'"}, status=400, json_dumps_params={"indent": 2}
        )
    if output == "csv":
        body = to_csv(csv_rows())
        content_type = "text/csv; charset=utf-8"
    else:
        document = {
            "meta": {
                "count": len(items),
                "last_modified": last_modified.isoformat() if last_modified else None,
                "licence": LICENCE,
                "licence_url": LICENCE_URL,
            },
            name: items,
        }
        body = json.dumps(document, ensure_ascii=False, indent=2)
        content_type = "application/json"
    return _conditional_response(
        request,
        body=body,
        content_type=content_type,
        last_modified=last_modified,
        filename=f"{name}.csv" if output == "csv" else None,
    )


def _conditional_response(
    request: HttpRequest,
    *,
    body: str,
    content_type: str,
    last_modified: datetime | None = None,
    filename: str | None = None,
) -> HttpResponse:
    """`body`, or 304 when the client already has it; cacheable for CACHE_SECONDS."""
    etag = quote_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
    timestamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = HttpResponse(body, content_type=content_type)
        if filename:
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def api_description(shared: Path, *parts: Path) -> dict:
    """The OpenAPI description of every app's endpoints: `shared` (core/openapi.yaml) with
    each app's `paths` and `components` added. A name described twice stops the site
    starting, as one would silently hide the other."""
    document = yaml.safe_load(shared.read_text())
    for part in parts:
        piece = yaml.safe_load(part.read_text())
        unknown = set(piece) - {"paths", "components"}
        if unknown:
            raise ImproperlyConfigured(f"{part}: only paths and components may be added")
        sections = [(document["paths"], piece.get("paths", {}), "paths")]
        for kind, entries in piece.get("components", {}).items():
            sections.append((document["components"].setdefault(kind, {}), entries, kind))
        for target, entries, kind in sections:
            repeated = set(target) & set(entries)
            if repeated:
                raise ImproperlyConfigured(f"{part}: {kind} already described: {sorted(repeated)}")
            target.update(entries)
    return document


@open_data_view
def openapi(request: HttpRequest, *, document: dict) -> HttpResponse:
    body = json.dumps(document, ensure_ascii=False, indent=2)
    return _conditional_response(request, body=body, content_type="application/json")
