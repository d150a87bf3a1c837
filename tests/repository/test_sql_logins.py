"""``archive-db sql``'s logins: one per run in the reader group, so parallel runs do not
fight over a password; dropped after the run, or swept once expired."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import text
from sqlalchemy.engine import URL

from archive_db import config
from archive_db.db import make_engine
from archive_db.repository.readonly import (
    SQL_READER,
    create_sql_login,
    reader_login,
    sweep_sql_logins,
)

ARCHIVE_DB = str(Path(sys.executable).with_name("archive-db"))
WHO = "SELECT current_user AS who, count(*) AS n FROM documents"


def _admin(url: URL) -> psycopg.Connection:
    return psycopg.connect(config.libpq_url(url), autocommit=True)


def _existing(url: URL, roles: list[str]) -> list[str]:
    with _admin(url) as conn:
        rows = conn.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY (%s)", [roles])
        return [r for (r,) in rows]


def _drop_group(group: str, *urls: URL) -> None:
    """Drop a test's own reader group: its grants in each database first, and any
    login of its that a failed test left behind."""
    name = sql.Identifier(group)
    with _admin(urls[0]) as conn:
        prefix = f"{group}_"
        for (login,) in conn.execute(
            "SELECT rolname FROM pg_roles WHERE left(rolname, length(%s)) = %s", [prefix, prefix]
        ).fetchall():
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(login)))
    for url in urls:
        with _admin(url) as conn:
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [group]).fetchone():
                conn.execute(sql.SQL("DROP OWNED BY {}").format(name))
    with _admin(urls[0]) as conn:
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(name))


def _start_sql(url: URL, *args: str) -> subprocess.Popen[str]:
    command = [ARCHIVE_DB, "--database-url", url.render_as_string(hide_password=False), "sql"]
    return subprocess.Popen(
        [*command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for_no_session(url: URL, role: str) -> None:
    """A closed connection's server process ends a moment later."""
    deadline = time.monotonic() + 10
    with _admin(url) as conn:
        while conn.execute("SELECT 1 FROM pg_stat_activity WHERE usename = %s", [role]).fetchone():
            assert time.monotonic() < deadline, f"{role} still has a session"
            time.sleep(0.05)


@pytest.fixture
def group(seeded_url: URL, database_url: URL) -> Iterator[str]:
    """A reader group of the test's own (not matching archive_db_sql_*), dropped after."""
    name = f"adb_test_{uuid.uuid4().hex[:8]}"
    yield name
    _drop_group(name, seeded_url, database_url)


def test_parallel_sql_runs_all_succeed(seeded_url: URL, database_url: URL) -> None:
    # Two databases: advisory locks are per database, the roles are server-wide.
    urls = [seeded_url if i % 4 else database_url for i in range(8)]
    runs = [_start_sql(url, WHO, "--format", "json") for url in urls]
    finished = [(p.communicate(timeout=120), p.returncode) for p in runs]
    logins = []
    for url, ((out, err), code) in zip(urls, finished, strict=True):
        assert code == 0, err
        assert err == ""
        row = json.loads(out)
        assert row["n"] == (6 if url == seeded_url else 0)
        assert row["who"].startswith(f"{SQL_READER}_")
        logins.append(row["who"])
    assert len(set(logins)) == len(logins)  # a login per run
    assert _existing(seeded_url, logins) == []  # each dropped after its run
    with _admin(seeded_url) as conn:
        group_row = conn.execute(
            "SELECT rolcanlogin, rolpassword IS NULL FROM pg_authid WHERE rolname = %s",
            [SQL_READER],
        ).fetchone()
    assert group_row == (False, True)  # the group itself is no login


def test_racing_runs_create_the_group_once(seeded_url: URL, database_url: URL, group: str) -> None:
    engines = [make_engine(seeded_url), make_engine(database_url)]
    start = threading.Barrier(8)

    def one_run(i: int) -> tuple[str, int]:
        start.wait()
        with reader_login(engines[i % 2], group=group) as url:
            reader = make_engine(url)
            try:
                with reader.connect() as conn:
                    who, n = conn.execute(text(WHO)).one()
                    conn.rollback()
            finally:
                reader.dispose()
        return who, n

    try:
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(one_run, range(8)))
    finally:
        for engine in engines:
            engine.dispose()
    assert sorted(n for _, n in results) == [0] * 4 + [6] * 4
    logins = [who for who, _ in results]
    assert len(set(logins)) == 8
    assert _existing(seeded_url, logins) == []


def test_expired_logins_are_swept_unless_in_use(seeded_url: URL, group: str) -> None:
    engine = make_engine(seeded_url)
    try:
        with reader_login(engine, group=group):
            pass  # creates the group
        with engine.begin() as conn:
            stale, _ = create_sql_login(conn, group)
            busy, busy_password = create_sql_login(conn, group)
        as_busy = seeded_url.set(username=busy, password=busy_password)
        with psycopg.connect(config.libpq_url(as_busy)):
            with engine.begin() as conn:
                for role in (stale, busy):  # as if their runs had been killed long ago
                    conn.exec_driver_sql(f"ALTER ROLE \"{role}\" VALID UNTIL '2000-01-01'")
            with engine.begin() as conn:
                assert sweep_sql_logins(conn, group) == [stale]
            assert _existing(seeded_url, [stale, busy]) == [busy]
        _wait_for_no_session(seeded_url, busy)
        with engine.begin() as conn:
            assert sweep_sql_logins(conn, group) == [busy]
    finally:
        engine.dispose()


def test_the_password_is_sent_only_hashed(seeded_url: URL, group: str) -> None:
    engine = make_engine(seeded_url)
    try:
        with reader_login(engine, group=group):
            pass  # creates the group: the trace below shows only the login's creation
        with engine.begin() as conn, tempfile.TemporaryFile("w+") as trace:
            pgconn = conn.connection.driver_connection.pgconn
            pgconn.trace(trace.fileno())
            try:
                role, password = create_sql_login(conn, group)
            finally:
                pgconn.untrace()
            trace.seek(0)
            sent = trace.read()
            stored = conn.execute(
                text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"), {"r": role}
            ).scalar_one()
            conn.rollback()
    finally:
        engine.dispose()
    assert "CREATE ROLE" in sent
    assert password not in sent
    assert stored.startswith(("SCRAM-SHA-256$", "md5")) and stored in sent
