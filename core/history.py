"""Readable differences between versions of content, for the admin's history page."""

import difflib

from django.utils.html import format_html, format_html_join
from simple_history.template_utils import HistoricalRecordContextHelper

SHORT_TEXT = 120


class ReadableDiff(HistoricalRecordContextHelper):
    """Short values show as 'old -> new'. Long or multi-line text shows only the lines that
    changed: the removed lines on the left of the arrow, the added lines on the right."""

    def stringify_delta_change_values(self, change, old, new):
        if not (isinstance(old, str) and isinstance(new, str)) or _is_short(old, new):
            return super().stringify_delta_change_values(change, old, new)
        removed, added = changed_lines(old, new)
        return _lines_html(removed), _lines_html(added)


def _is_short(old: str, new: str) -> bool:
    return "\n" not in old + new and max(len(old), len(new)) <= SHORT_TEXT


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("- ") and line[2:].strip():
            removed.append(line[2:])
        elif line.startswith("+ ") and line[2:].strip():
            added.append(line[2:])
    return removed, added


def _lines_html(lines: list[str]):
    if not lines:
        return format_html("<em>{}</em>", "(nothing)")
    return format_html_join("", "<div>{}</div>", ((line,) for line in lines))
