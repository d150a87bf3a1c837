"""Running a researcher's SQL where it cannot change anything."""

from __future__ import annotations

import logging
import random
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import psycopg
from psycopg import sql
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from archive_db.db import psycopg_connection
from archive_db.repository.access import (
    POWERFUL_ROLES,
    READER_SETTINGS,
    READER_SUPERUSER_SETTINGS,
    grant_reader,
    password_verifier,
)

DEFAULT_TIMEOUT_MS = 60_000
# The NOLOGIN group whose rights ``archive-db sql`` reads with when the configured login
# is a superuser: each run logs in as a member made for it alone, dropped afterwards.
SQL_READER = "archive_db_sql"
# Enough to log in (VALID UNTIL only guards logging in); a killed run's login is swept
# by a later run once this has passed.
LOGIN_LIFETIME = "5 minutes"
# Members of these read or write the server's files or run programs on it, which a
# READ ONLY transaction does not stop.
SERVER_ACCESS_ROLES = ("pg_read_server_files", "pg_write_server_files", "pg_execute_server_program")
# Roles are server-wide while advisory locks are per database, so runs on two databases
# can still collide on a role's catalog row: unique or duplicate role, deadlock, and
# "tuple concurrently updated" (XX000). The loser tries again.
_RACE_STATES = frozenset({"23505", "42710", "40P01"})
_ATTEMPTS = 6

log = logging.getLogger(__name__)
T = TypeVar("T")


class SuperuserRefused(PermissionError):
    """The connection could bypass READ ONLY (server programs, files)."""


def has_server_powers(connection: Connection) -> bool:
    """Whether the session's login or current role is a superuser, a member of one, or
    a member of a role with access to the server's files or programs.

    Membership counts even without INHERIT: the member can SET ROLE from inside the
    statement. (On PostgreSQL 15 pg_has_role is true for a superuser whatever the role.)
    """
    return bool(
        connection.execute(
            text(
                "SELECT EXISTS (SELECT FROM pg_roles r "
                "WHERE (r.rolsuper OR r.rolname = ANY (:powers)) "
                "AND (pg_has_role(session_user, r.oid, 'MEMBER') "
                "OR pg_has_role(current_user, r.oid, 'MEMBER')))"
            ),
            {"powers": list(SERVER_ACCESS_ROLES)},
        ).scalar_one()
    )


def extra_powers(connection: Connection) -> str | None:
    """Why the session's login can do more than a reader made by grant-reader (through
    itself or any role it belongs to), or None: it owns the archive, may write to a
    table or create in the schema or database, creates roles or databases, replicates,
    bypasses row security, or writes or signals through a predefined role (a member of
    pg_signal_backend could end a running import). Superusers: see has_server_powers."""
    row = connection.execute(
        text(
            """
            WITH mine AS (SELECT m.oid, m.rolname FROM pg_roles m
                          WHERE pg_has_role(session_user, m.oid, 'MEMBER'))
            SELECT
              EXISTS (SELECT FROM mine, pg_database d, pg_namespace n
                      WHERE d.datname = current_database() AND n.nspname = 'public'
                        AND (mine.oid IN (d.datdba, n.nspowner)
                             OR EXISTS (SELECT FROM pg_class c WHERE c.relnamespace = n.oid
                                        AND c.relowner = mine.oid))),
              EXISTS (SELECT FROM mine, pg_class c
                      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
                        AND has_table_privilege(mine.oid, c.oid,
                                                'INSERT, UPDATE, DELETE, TRUNCATE'))
              OR EXISTS (SELECT FROM mine
                         WHERE has_schema_privilege(mine.oid, 'public', 'CREATE')
                            OR has_database_privilege(mine.oid, current_database(), 'CREATE')),
              EXISTS (SELECT FROM mine JOIN pg_roles r ON r.oid = mine.oid
                      WHERE r.rolcreaterole OR r.rolcreatedb OR r.rolreplication
                         OR r.rolbypassrls OR r.rolname = ANY (:powerful))
            """
        ),
        {"powerful": list(POWERFUL_ROLES)},
    ).one()
    owns, writes, powers = row
    if owns:
        return "owns the archive (or belongs to a role that does)"
    if writes:
        return "may write to the archive's tables or create objects in it"
    if powers:
        return ("may create roles or databases, replicate, bypass row security, or "
                "write or signal other sessions through a predefined role")  # fmt: skip
    return None


def refresh_reader_group(connection: Connection, group: str = SQL_READER) -> None:
    """Create the reader group or bring its rights up to date (tables created since).

    Runs in the caller's transaction, which must be a superuser's; grant_reader takes a
    transaction-level advisory lock, so runs on one database take turns.
    """
    grant_reader(connection, group)
    # Older versions made the group itself a login with a password: take both away.
    if connection.execute(
        text("SELECT rolcanlogin OR rolpassword IS NOT NULL FROM pg_authid WHERE rolname = :g"),
        {"g": group},
    ).scalar_one():
        psycopg_connection(connection).execute(
            sql.SQL("ALTER ROLE {} NOLOGIN PASSWORD NULL").format(sql.Identifier(group))
        )


def create_sql_login(connection: Connection, group: str = SQL_READER) -> tuple[str, str]:
    """Create a login of this run's own in ``group``; return its name and password.

    Only the password's hash reaches the server, so it shows in no log. The login
    expires after LOGIN_LIFETIME; drop it with drop_sql_login when done.
    """
    role = f"{group}_{secrets.token_hex(8)}"
    if len(role) > 63:
        raise ValueError("the group's name is too long for its logins' names")
    password = secrets.token_urlsafe(24)
    until = connection.execute(
        text("SELECT (clock_timestamp() + CAST(:life AS interval))::text"),
        {"life": LOGIN_LIFETIME},
    ).scalar_one()
    name = sql.Identifier(role)
    raw = psycopg_connection(connection)
    raw.execute(
        sql.SQL("CREATE ROLE {} LOGIN INHERIT PASSWORD {} VALID UNTIL {} IN ROLE {}").format(
            name,
            sql.Literal(password_verifier(connection, role, password)),
            sql.Literal(until),
            sql.Identifier(group),
        )
    )
    # Settings are not inherited from a group: the reader's, on this login too.
    for key, value in (READER_SETTINGS | READER_SUPERUSER_SETTINGS).items():
        raw.execute(sql.SQL("ALTER ROLE {} SET {} = {}").format(
            name, sql.Identifier(key), sql.Literal(value)))  # fmt: skip
    return role, password


def drop_sql_login(connection: Connection, role: str) -> None:
    psycopg_connection(connection).execute(
        sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role))
    )


def sweep_sql_logins(connection: Connection, group: str = SQL_READER) -> list[str]:
    """Drop the logins of runs that died before dropping their own: expired members of
    ``group`` named like create_sql_login's, with no session left. Return their names."""
    prefix = f"{group}_"
    found = connection.execute(
        text(
            "SELECT r.rolname FROM pg_roles r "
            "JOIN pg_auth_members m ON m.member = r.oid "
            "JOIN pg_roles g ON g.oid = m.roleid AND g.rolname = :group "
            "WHERE left(r.rolname, length(:prefix)) = :prefix "
            "AND substr(r.rolname, length(:prefix) + 1) ~ '^[0-9a-f]{16}$' "
            "AND r.rolvaliduntil < now() "
            "AND NOT EXISTS (SELECT FROM pg_stat_activity a WHERE a.usesysid = r.oid)"
        ),
        {"group": group, "prefix": prefix},
    )
    stale = list(found.scalars())  # all fetched before the DROPs use the connection
    raw = psycopg_connection(connection)
    dropped = []
    for role in stale:
        try:
            with raw.transaction():  # a savepoint: another run may be sweeping it too
                drop_sql_login(connection, role)
        except psycopg.Error as exc:
            log.info("left the stale SQL login %s: %s", role, exc)
        else:
            dropped.append(role)
    return dropped


def _lost_race(exc: Exception) -> bool:
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    state = getattr(orig, "sqlstate", None)
    if state == "XX000":
        return "concurrently" in str(orig)
    return state in _RACE_STATES


def _retrying(engine: Engine, work: Callable[[Connection], T]) -> T:
    """``work`` in a transaction of its own, run again when it lost a race on a role."""
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            with engine.begin() as connection:
                return work(connection)
        except (psycopg.Error, DBAPIError) as exc:
            if attempt == _ATTEMPTS or not _lost_race(exc):
                raise
        time.sleep(random.uniform(0.01, 0.05 * attempt))
    raise AssertionError("unreachable")


@contextmanager
def reader_login(engine: Engine, *, group: str = SQL_READER) -> Iterator[URL]:
    """``engine``'s URL, logging in as a new member of the reader group made for this
    run; the member is dropped on exit. ``engine`` must log in as a superuser; close
    every connection made with the URL before leaving the block.

    Every run has its own login and password, so parallel runs neither fight over one
    role's password nor lose it to each other.
    """

    def prepare(connection: Connection) -> tuple[str, str]:
        refresh_reader_group(connection, group)
        sweep_sql_logins(connection, group)
        return create_sql_login(connection, group)

    role, password = _retrying(engine, prepare)
    try:
        yield engine.url.set(username=role, password=password)
    finally:
        try:
            _retrying(engine, lambda connection: drop_sql_login(connection, role))
        except (psycopg.Error, DBAPIError) as exc:
            log.warning("could not drop the SQL login %s (a later run sweeps it): %s", role, exc)


@dataclass(frozen=True, slots=True)
class SqlResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    status: str | None


@dataclass(frozen=True, slots=True)
class SqlStream:
    """A statement's result as it comes: ``rows`` is read from the server in batches
    (a server-side cursor), so memory stays flat however many rows there are."""

    columns: tuple[str, ...]
    rows: Iterator[tuple[Any, ...]]
    status: str | None


# Rows fetched per round trip when streaming.
FETCH_ROWS = 2000
# What DECLARE refuses that is still a statement to run as it is: not a query
# (SHOW, EXPLAIN, utility statements), or a query a cursor cannot hold.
_NOT_A_CURSOR = (psycopg.errors.SyntaxError, psycopg.errors.FeatureNotSupported)


def _guard(connection: Connection, timeout_ms: int) -> None:
    # READ ONLY does not stop a superuser's COPY ... TO PROGRAM or pg_read_file(), and a
    # member of a superuser role can SET ROLE to it from inside the statement: only a
    # login without those powers is safe (the CLI logs in through reader_login).
    if has_server_powers(connection):
        raise SuperuserRefused(
            "refusing to run a researcher's SQL on a connection with a superuser's powers "
            "or access to the server's files; connect as a role made with "
            "`archive-db grant-reader`"
        )
    if (why := extra_powers(connection)) is not None:
        raise SuperuserRefused(
            f"refusing to run a researcher's SQL as a login that {why}; connect as a "
            "role made with `archive-db grant-reader`"
        )
    connection.execute(text("SET TRANSACTION READ ONLY"))
    # The reader's bounds, whatever the role made its own defaults (any role may).
    connection.execute(
        text("SELECT set_config(k, v, true) FROM unnest(CAST(:k AS text[]), CAST(:v AS text[]))"
             " AS s(k, v)"),
        {"k": list(READER_SETTINGS), "v": list(READER_SETTINGS.values())},
    )  # fmt: skip
    connection.execute(
        text("SELECT set_config('statement_timeout', :ms, true)"), {"ms": f"{int(timeout_ms)}ms"}
    )


def stream_read_only(
    connection: Connection, statement: str, *, timeout_ms: int = DEFAULT_TIMEOUT_MS
) -> SqlStream:
    """Like run_read_only, the rows streamed instead of collected. The statement
    timeout applies to each batch fetched. Read ``rows`` before the transaction ends."""
    _guard(connection, timeout_ms)
    raw = psycopg_connection(connection)
    statement = statement.replace("\x00", "")
    try:
        with raw.transaction():  # a savepoint: kept by the cursor, undone if DECLARE fails
            server = raw.cursor(name="archive_db_sql")
            server.itersize = FETCH_ROWS
            # The extended protocol: one statement, as below.
            server.execute(statement)
    except _NOT_A_CURSOR:
        pass
    else:
        assert server.description is not None
        return SqlStream(tuple(d.name for d in server.description), iter(server), None)
    cursor = raw.cursor()
    # No parameters: '%' stays as written. prepare=True: the extended protocol,
    # which refuses several statements in one string.
    cursor.execute(statement, prepare=True)
    if cursor.description is None:
        return SqlStream((), iter(()), cursor.statusmessage)
    return SqlStream(tuple(d.name for d in cursor.description), iter(cursor), cursor.statusmessage)


def run_read_only(
    connection: Connection, statement: str, *, timeout_ms: int = DEFAULT_TIMEOUT_MS
) -> SqlResult:
    """Run one SQL statement in a READ ONLY transaction with a statement timeout, on a
    connection without a superuser's powers or an owner's or writer's rights (raises
    SuperuserRefused otherwise), with the reader's settings (READER_SETTINGS).

    The transaction is the caller's and must be fresh; roll it back afterwards.
    The statement goes to the server as one statement (the extended protocol), so it
    cannot carry a ``COMMIT`` and a second statement. A write raises
    ``psycopg.errors.ReadOnlySqlTransaction``, a timeout ``psycopg.errors.QueryCanceled``.
    """
    result = stream_read_only(connection, statement, timeout_ms=timeout_ms)
    return SqlResult(result.columns, tuple(tuple(r) for r in result.rows), result.status)
