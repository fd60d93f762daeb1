"""The suite's copy of the bundled content (tests/bundled_content.py) is the content
`load_content` makes, and only the tests that ask for it get it."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.bundled_content import row_counts, tables


@pytest.mark.django_db
def test_a_test_that_does_not_ask_for_the_content_starts_without_it():
    assert tables(), "load_content wrote nothing when the test database was made"
    counts = row_counts()
    assert {table: counts[table] for table in tables()} == dict.fromkeys(tables(), 0)


def test_the_copy_is_everything_load_content_makes(site_content):
    counts = row_counts()
    assert all(counts[table] for table in tables())
    output = StringIO()
    # Loading again over complete content writes nothing and adds no row anywhere.
    call_command("load_content", stdout=output)
    assert row_counts() == counts
    written = [line.split(": ")[1] for line in output.getvalue().splitlines()]
    assert written and all(line.startswith("0 ") for line in written)
