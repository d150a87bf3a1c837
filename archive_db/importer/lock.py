"""One import at a time, and no migration under a running one: table locks held by a
connection of the run's own, in a transaction it keeps open (idle) for the whole run.

Advisory locks, used before, can be taken by any role that connects, so a reader
could stop the nightly import for as long as it liked. LOCK TABLE in these modes
needs UPDATE, DELETE or TRUNCATE on the table, which readers never have (see
archive_db/models/locks.py); a lock ends with its holder's session.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import psycopg

from archive_db.migrate import LOCK_NOT_AVAILABLE, SCHEMA_IN_USE

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class ImportLocked(Exception):
    """Another import holds the lock."""

    def __init__(self, holder_pid: int | None) -> None:
        self.holder_pid = holder_pid
        who = f" (server process {holder_pid})" if holder_pid else ""
        super().__init__(f"another import is running{who}; try again later or pass --wait")


class SchemaChanged(Exception):
    """The schema is not the one this code needs (migrated while the run waited)."""


def acquire(conn: psycopg.Connection, wait: bool, head: str) -> None:
    """Take the locks in ``conn``'s transaction, to be kept open for the run (its
    session must not be autocommit), or raise ImportLocked.

    First the schema (a migration waits for the run, the run for a migration), then
    the import lock; then the schema must still be at ``head``.
    """
    if conn.autocommit:
        raise ValueError("the lock holder needs a transaction of its own")
    # The holder sits idle in its transaction for the whole run.
    conn.execute("SET idle_in_transaction_session_timeout = 0")
    conn.execute("SET lock_timeout = 0")
    conn.commit()
    while True:  # NOWAIT, tried again: see migrate.SCHEMA_IN_USE
        try:
            conn.execute(SCHEMA_IN_USE)
            break
        except psycopg.errors.LockNotAvailable:
            conn.rollback()
            time.sleep(0.1)
    try:
        conn.execute("LOCK TABLE import_lock IN EXCLUSIVE MODE" + ("" if wait else " NOWAIT"))
    except psycopg.errors.LockNotAvailable:
        conn.rollback()
        raise ImportLocked(holder(conn)) from None
    except psycopg.errors.UndefinedTable:
        conn.rollback()
        raise SchemaChanged("the database schema has no import lock: it is behind") from None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if row is None or row[0] != head:
        conn.rollback()
        raise SchemaChanged(
            f"the database schema is at {row[0] if row else 'base'}, this archive-db needs "
            f"{head} (migrated while this import waited)"
        )


def holder(conn: psycopg.Connection) -> int | None:
    row = conn.execute(
        "SELECT pid FROM pg_locks WHERE locktype = 'relation' AND granted"
        " AND mode = 'ExclusiveLock' AND relation = to_regclass('public.import_lock')"
        " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    ).fetchone()
    return row[0] if row else None


def take_for_transaction(session: Session) -> bool:
    """The import lock for the rest of ``session``'s transaction (a curator's decision,
    a withdrawal: never halfway through an import); False when an import holds it."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    try:
        with session.begin_nested():
            session.execute(text("LOCK TABLE import_lock IN EXCLUSIVE MODE NOWAIT"))
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) != LOCK_NOT_AVAILABLE:
            raise
        return False
    return True
