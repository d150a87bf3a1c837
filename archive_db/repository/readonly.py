"""Running a researcher's SQL where it cannot change anything."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy import Connection, text

DEFAULT_TIMEOUT_MS = 60_000


@dataclass(frozen=True, slots=True)
class SqlResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    status: str | None


def run_read_only(
    connection: Connection, statement: str, *, timeout_ms: int = DEFAULT_TIMEOUT_MS
) -> SqlResult:
    """Run one SQL statement in a READ ONLY transaction with a statement timeout,
    as ``pg_read_all_data`` when the connection is a superuser's.

    The transaction is the caller's and must be fresh; roll it back afterwards.
    The statement goes to the server as one prepared statement, so it cannot carry a
    ``COMMIT`` and a second statement. A write raises
    ``psycopg.errors.ReadOnlySqlTransaction``, a timeout ``psycopg.errors.QueryCanceled``.
    """
    connection.execute(text("SET TRANSACTION READ ONLY"))
    # READ ONLY does not stop a superuser's COPY ... TO PROGRAM or TO 'file', nor
    # pg_read_file(): for the statement, drop to the predefined role that reads every
    # table and view and has no such powers (PostgreSQL 14+).
    superuser = connection.execute(
        text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    ).scalar_one()
    if superuser:
        connection.execute(text("SET LOCAL ROLE pg_read_all_data"))
    connection.execute(
        text("SELECT set_config('statement_timeout', :ms, true)"), {"ms": f"{int(timeout_ms)}ms"}
    )
    raw = connection.connection.driver_connection
    if not isinstance(raw, psycopg.Connection):
        raise TypeError("run_read_only needs a connection through the psycopg driver")
    with raw.cursor() as cursor:
        # No parameters: '%' stays as written. prepare=True: the extended protocol,
        # which refuses several statements in one string.
        cursor.execute(statement.replace("\x00", ""), prepare=True)
        if cursor.description is None:
            return SqlResult((), (), cursor.statusmessage)
        columns = tuple(d.name for d in cursor.description)
        return SqlResult(columns, tuple(tuple(r) for r in cursor.fetchall()), cursor.statusmessage)
