"""Load sign-up clicks the database missed back from the log, once it is available again."""

import datetime
import json
import sys
import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programmes import services

REQUIRED = {"click_id", "programme", "created_at", "source_path", "stage", "visitor_key", "is_bot"}


def click_records(lines) -> tuple[list[dict], int]:
    """The logged clicks among any other log lines (each may carry a timestamp and level
    before the JSON), and how many lines mentioned a click but could not be read."""
    records, unreadable = [], 0
    for line in lines:
        if services.CLICK_NOT_SAVED_EVENT not in line:
            continue
        start = line.find("{")
        try:
            record = json.loads(line[start:]) if start >= 0 else None
        except json.JSONDecodeError:
            record = None
        if not _is_click(record):
            unreadable += 1
            continue
        records.append(record)
    return records, unreadable


def _is_click(record) -> bool:
    if not isinstance(record, dict) or record.get("event") != services.CLICK_NOT_SAVED_EVENT:
        return False
    if not record.keys() >= REQUIRED:
        return False
    try:
        uuid.UUID(record["click_id"])
        datetime.datetime.fromisoformat(record["created_at"])
    except (TypeError, ValueError):
        return False
    text_fields = ("programme", "source_path", "stage", "visitor_key")
    return all(isinstance(record[name], str) for name in text_fields)


class Command(BaseCommand):
    help = (
        "Store the sign-up clicks logged as 'sign_up_click_not_saved' while the database was "
        "unavailable. Safe to run more than once on the same log: no click is stored twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("logfile", nargs="+", help="Log files to read ('-' for standard input)")

    def handle(self, *args, logfile: list[str], **options):
        records, unreadable = [], 0
        for name in logfile:
            if name == "-":
                found, bad = click_records(sys.stdin)
            else:
                path = Path(name)
                if not path.is_file():
                    raise CommandError(f"No such file: {name}")
                with path.open(encoding="utf-8", errors="replace") as lines:
                    found, bad = click_records(lines)
            records += found
            unreadable += bad
        result = services.replay_sign_up_clicks(records=records)
        self.stdout.write(
            f"Added {result['added']} clicks; {result['already_stored']} were already stored; "
            f"{result['unknown_programme']} were for programmes that no longer exist; "
            f"{unreadable} lines could not be read."
        )
