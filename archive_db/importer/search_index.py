"""A first load builds the full-text index once, at the end, instead of row by row.

Keeping the GIN index of ``document_versions.search_vector`` up to date as a cold load
writes costs about a sixth of the load; building it over the loaded table is cheaper
(what pg_restore does). So a run that starts on an empty ``document_versions`` drops
the index and builds it again when it ends, however it ends. A run killed in between
leaves the table without it: the next run finds it missing and builds it. Meanwhile
search still answers, by scanning. The index's definition is the model's, so it comes
back exactly as the migrations made it.
"""

from __future__ import annotations

import contextlib

import psycopg
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex

from archive_db.models import DocumentVersion

NAME = "ix_document_versions_search_vector"
_INDEX = next(i for i in DocumentVersion.__table__.indexes if i.name == NAME)
_CREATE = str(CreateIndex(_INDEX, if_not_exists=True).compile(dialect=postgresql.dialect()))
# A GIN build collects its entries in maintenance_work_mem, flushing whenever it is
# full: the stock 64 MB flushes many times over a large load. Never lowered.
_BUILD_MEMORY = """
SELECT set_config('maintenance_work_mem', greatest(
    pg_size_bytes(current_setting('maintenance_work_mem')), pg_size_bytes('256MB')
) / 1024 || 'kB', true)
"""


def missing(conn: psycopg.Connection) -> bool:
    return conn.execute("SELECT to_regclass(%s) IS NULL", (NAME,)).fetchone() == (True,)


def defer(conn: psycopg.Connection) -> bool:
    """Drop the index if the table is empty, so the load that follows does not keep it
    up to date; True if it is now missing and the caller must ``build`` it. Never waits:
    a reader holding the table, or a role that does not own it, keeps the index."""
    if missing(conn):
        return True  # a killed run's; this one builds it
    with contextlib.suppress(psycopg.errors.LockNotAvailable, psycopg.errors.InsufficientPrivilege):
        with conn.transaction():
            conn.execute("SET LOCAL lock_timeout = '1s'")
            conn.execute(f"LOCK TABLE {DocumentVersion.__tablename__} IN ACCESS EXCLUSIVE MODE")
            if conn.execute("SELECT EXISTS (SELECT FROM document_versions)").fetchone() == (True,):
                return False
            conn.execute(f"DROP INDEX {NAME}")
        return True
    return False


def build(conn: psycopg.Connection) -> None:
    """Create the index if it is missing. Readers may go on; writers wait for it."""
    with conn.transaction():
        conn.execute(_BUILD_MEMORY)
        conn.execute(_CREATE)
