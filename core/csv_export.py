"""Cells that are safe to open in a spreadsheet. Every file the site writes for one (the
admin's CSV downloads, open data as CSV, spreadsheet exports of content) goes through
safe_cell."""

import csv
from collections.abc import Iterable

from django.http import HttpResponse

# A cell starting with one of these runs as a formula in Excel and similar programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str | int | float:
    """Text that a spreadsheet would run as a formula is made inert with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restored_cell(value):
    """A cell as it was before safe_cell, for a file that comes back to be imported, so a round
    trip changes nothing."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value


def csv_response(filename: str, rows: Iterable[Iterable]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response
