"""A first load builds the full-text index once, at the end, instead of row by row.

Keeping the GIN index of ``document_versions.search_vector`` up to date as a cold load
writes costs about a sixth of the load; building it over the loaded table is cheaper
(what pg_restore does). So a run that starts on an empty ``document_versions`` drops
the index and builds it again when it ends, however it ends. A run killed in between
leaves the table without it: the next run finds it missing and builds it. Meanwhile
search still answers, by scanning. The index's definition is the model's, so it comes
back exactly as the migrations made it.

Only a role that owns the table may drop or create its indexes; for any other the
index stays as it is, and a missing one is reported. While it is missing the schema
is not quite the migrations' (``alembic check`` says so, and a migration that changes
this index would fail): the next import by the owner puts it back.
"""

from __future__ import annotations

import contextlib

import psycopg
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex

from archive_db.importer.messages import Message
from archive_db.models import DocumentVersion

NAME = "ix_document_versions_search_vector"
_TABLE = DocumentVersion.__tablename__
_INDEX = next(i for i in DocumentVersion.__table__.indexes if i.name == NAME)
_CREATE = str(CreateIndex(_INDEX, if_not_exists=True).compile(dialect=postgresql.dialect()))
# A GIN build collects its entries in maintenance_work_mem, flushing whenever it is
# full: the stock 64 MB flushes many times over a large load. Never lowered.
_BUILD_MEMORY = """
SELECT set_config('maintenance_work_mem', greatest(
    pg_size_bytes(current_setting('maintenance_work_mem')), pg_size_bytes('256MB')
) / 1024 || 'kB', true)
"""


def _one(conn: psycopg.Connection, sql: str) -> object:
    row = conn.execute(sql).fetchone()
    return row[0] if row else None


def missing(conn: psycopg.Connection) -> bool:
    return _one(conn, f"SELECT to_regclass('{NAME}') IS NULL") is True


def _owned(conn: psycopg.Connection) -> bool:
    """Whether this role has the owner's rights on the table (owns it, is a member of
    the owner role, or is a superuser)."""
    return _one(conn, f"SELECT pg_has_role(relowner, 'USAGE') FROM pg_class"
                      f" WHERE oid = '{_TABLE}'::regclass") is True  # fmt: skip


def _empty(conn: psycopg.Connection) -> bool:
    return _one(conn, f"SELECT NOT EXISTS (SELECT FROM {_TABLE})") is True


def defer(conn: psycopg.Connection) -> bool:
    """Drop the index if the table is empty, so the load that follows does not keep it
    up to date; True if it is now missing and the caller must ``build`` it.

    Nothing here waits: a table that someone holds (a reader, for the drop) keeps its
    index, and the load goes into it."""
    if not _owned(conn):
        return False
    if missing(conn):
        return True  # a killed run's; this one builds it
    with contextlib.suppress(psycopg.errors.LockNotAvailable), conn.transaction():
        conn.execute("SET LOCAL lock_timeout = '100ms'")  # for the look (DDL may hold it)
        if not _empty(conn):
            return False  # every run but the first
        conn.execute(f"LOCK TABLE {_TABLE} IN ACCESS EXCLUSIVE MODE NOWAIT")
        if not _empty(conn):
            return False
        conn.execute(f"DROP INDEX IF EXISTS {NAME}")
        return True
    return False


def build(conn: psycopg.Connection) -> None:
    """Create the index if it is missing. Readers go on; writers wait for it. It waits
    as long as it takes: a role's short lock or statement timeout would fail it at the
    end of every run. Another run building it at the same moment counts as built."""
    with (
        contextlib.suppress(psycopg.errors.UniqueViolation, psycopg.errors.DuplicateTable),
        conn.transaction(),
    ):
        conn.execute("SET LOCAL lock_timeout = 0")
        conn.execute("SET LOCAL statement_timeout = 0")
        conn.execute(_BUILD_MEMORY)
        conn.execute(_CREATE)


def missing_note(dry_run: bool) -> Message:
    """For a run that finds the index missing and will not build it."""
    who = "the next import" if dry_run else "an import by the table's owner"
    return Message(
        NAME, None, "warning", "search-index-missing",
        f"the full-text index of {_TABLE} is missing (a first load stopped before its"
        f" end); search scans every text until {who} builds it",
    )  # fmt: skip
