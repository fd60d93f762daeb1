"""The bundled content, loaded once per test run and copied into each test that asks for it.

`load_content` saves every item through the models (history, Markdown, the search index), which
takes a second or more; a few hundred tests want that content. So the test database loads it
once, when it is created: the rows it wrote are copied into side tables of their own (Django
does not know them, so neither rolling back nor a transactional test's flush touches them) and
taken out of the real tables again. A test that asks for the content gets the rows copied back
inside its own transaction, in a few milliseconds; every other test starts with the empty
database it had before, so counts, slugs and `load_content`'s own tests need nothing special.
"""

from django.core.management import call_command
from django.db import connection, transaction

COPY_PREFIX = "bundled__"

# The tables `load_content` writes to, found when the database is created, with their columns.
_tables: dict[str, list[str]] = {}


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def row_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.django_table_names(only_existing=True):
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - our tables
            counts[table] = cursor.fetchone()[0]
    return counts


def keep_aside() -> None:
    """Load the bundled content and keep a copy of its rows beside the real tables, which are
    left as the migrations made them."""
    before = row_counts()
    call_command("load_content", verbosity=0)
    after = row_counts()
    written = sorted(table for table, count in after.items() if count != before[table])
    # Only tables the migrations leave empty can be emptied again and refilled from a copy.
    touched = [table for table in written if before[table]]
    if touched:
        raise RuntimeError(f"load_content added rows to tables that had some: {touched}")
    _tables.clear()
    with transaction.atomic(), connection.cursor() as cursor:
        for table in written:
            # Named, not `*`: a test that migrates backwards and forwards again may leave the
            # table's columns in another order.
            columns = [
                _quote(column.name)
                for column in connection.introspection.get_table_description(cursor, table)
            ]
            _tables[table] = columns
            names, copy = ", ".join(columns), _quote(COPY_PREFIX + table)
            cursor.execute(f"DROP TABLE IF EXISTS {copy}")
            cursor.execute(f"CREATE TABLE {copy} AS SELECT {names} FROM {_quote(table)}")  # noqa: S608
            cursor.execute(f"DELETE FROM {_quote(table)}")  # noqa: S608


def tables() -> list[str]:
    return list(_tables)


def put_back() -> None:
    """Copy the bundled content into the real tables (inside the test's transaction, or
    committed in a transactional test, whose flush then removes it again)."""
    if not _tables:
        raise RuntimeError("the bundled content was not kept aside when the database was made")
    # One transaction, so foreign keys (deferred until commit) need no particular order.
    with transaction.atomic(), connection.cursor() as cursor:
        for table, columns in _tables.items():
            names, copy = ", ".join(columns), _quote(COPY_PREFIX + table)
            insert = f"INSERT INTO {_quote(table)} ({names}) SELECT {names} FROM {copy}"  # noqa: S608
            cursor.execute(insert)
