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
    """Run one SQL statement in a READ ONLY transaction with a statement timeout.

    The transaction is the caller's and must be fresh; roll it back afterwards.
    The statement goes to the server as one prepared statement, so it cannot carry a
    ``COMMIT`` and a second statement. A write raises
    ``psycopg.errors.ReadOnlySqlTransaction``, a timeout ``psycopg.errors.QueryCanceled``.
    """
    connection.execute(text("SET TRANSACTION READ ONLY"))
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
