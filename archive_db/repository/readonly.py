"""Running a researcher's SQL where it cannot change anything."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy import Connection, text

DEFAULT_TIMEOUT_MS = 60_000
# The login ``archive-db sql`` uses when the configured one is a superuser.
SQL_READER = "archive_db_sql"


class SuperuserRefused(PermissionError):
    """The connection could bypass READ ONLY (server programs, files)."""


def is_superuser(connection: Connection) -> bool:
    return bool(
        connection.execute(
            text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        ).scalar_one()
    )


def sql_login(connection: Connection) -> str:
    """Create or refresh the reader login for researchers' SQL; return its new password.

    Runs in the caller's transaction, which must be a superuser's. The password is
    fresh each time, so nobody learns a lasting one from a process listing.
    """
    from archive_db.repository.access import grant_reader

    password = secrets.token_urlsafe(24)
    grant_reader(connection, SQL_READER, password)
    return password


@dataclass(frozen=True, slots=True)
class SqlResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    status: str | None


def run_read_only(
    connection: Connection, statement: str, *, timeout_ms: int = DEFAULT_TIMEOUT_MS
) -> SqlResult:
    """Run one SQL statement in a READ ONLY transaction with a statement timeout, on a
    connection that is not a superuser's (raises SuperuserRefused otherwise).

    The transaction is the caller's and must be fresh; roll it back afterwards.
    The statement goes to the server as one prepared statement, so it cannot carry a
    ``COMMIT`` and a second statement. A write raises
    ``psycopg.errors.ReadOnlySqlTransaction``, a timeout ``psycopg.errors.QueryCanceled``.
    """
    # READ ONLY does not stop a superuser's COPY ... TO PROGRAM or pg_read_file(), and
    # a superuser can undo any SET ROLE from inside the statement: only a login
    # without those powers is safe (the CLI logs in as a reader role; see sql_login).
    if is_superuser(connection):
        raise SuperuserRefused(
            "refusing to run a researcher's SQL on a superuser's connection; connect as a "
            "role made with `archive-db grant-reader`"
        )
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
