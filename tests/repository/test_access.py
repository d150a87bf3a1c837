"""Read-only roles and read-only SQL."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from archive_db import config
from archive_db.db import make_engine
from archive_db.repository import SuperuserRefused, grant_reader, run_read_only
from tests.repository.conftest import reader_engine
from tests.repository.data import SPECIMEN_KEY, Fixture
from tests.repository.test_cli import run


def test_reader_role_reads_and_is_refused_writes(session: Session, archive: Fixture) -> None:
    role = f"reader_{uuid.uuid4().hex[:8]}"
    conn = session.connection()
    assert grant_reader(conn, role)[0] is True  # CREATE ROLE is transactional: rolled back
    assert grant_reader(conn, role)[0] is False  # again: updated, not duplicated
    login = conn.execute(
        text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r"), {"r": role}
    ).scalar_one()
    assert login is False
    raw = conn.connection.driver_connection
    set_role = sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(role))
    with raw.transaction(force_rollback=True):  # a savepoint
        raw.execute(set_role)
        assert raw.execute("SELECT count(*) FROM documents").fetchone() == (6,)
        assert raw.execute("SELECT count(*) FROM document_overview").fetchone() == (6,)
    for statement in [
        "INSERT INTO archives (code) VALUES ('X')",
        "UPDATE documents SET kind = 'other'",
        "DELETE FROM citations",
        "CREATE TABLE mine (x int)",
    ]:
        with pytest.raises(psycopg.errors.InsufficientPrivilege), raw.transaction():
            raw.execute(set_role)
            raw.execute(statement)


def test_role_names_are_quoted_not_pasted(session: Session) -> None:
    role = 'odd "name"; DROP TABLE documents; --'
    conn = session.connection()
    pgconn = conn.connection.driver_connection.pgconn
    with tempfile.TemporaryFile("w+") as trace:
        pgconn.trace(trace.fileno())
        try:
            grant_reader(conn, role, password="it's a \\ secret")
        finally:
            pgconn.untrace()
        trace.seek(0)
        sent = trace.read()
    assert "LOGIN PASSWORD" in sent and "secret" not in sent  # only the hash is sent
    row = conn.execute(
        text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r"), {"r": role}
    ).scalar_one()
    assert row is True
    assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() >= 0


def test_run_read_only(session: Session, archive: Fixture) -> None:
    conn = session.connection()
    nested = session.begin_nested()
    # A savepoint cannot change the read-write mode; use a fresh connection instead.
    nested.rollback()
    engine = session.get_bind().engine
    with engine.connect() as superuser, pytest.raises(SuperuserRefused):
        run_read_only(superuser, "SELECT 1")
    with reader_engine(engine.url) as reader, reader.connect() as fresh:
        result = run_read_only(fresh, "SELECT 1 AS one, '100%' AS pct")
        assert result.columns == ("one", "pct")
        assert result.rows == ((1, "100%"),)
        fresh.rollback()
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            run_read_only(fresh, "DELETE FROM documents")
        fresh.rollback()
        with pytest.raises(psycopg.errors.SyntaxError, match="multiple commands"):
            run_read_only(fresh, "COMMIT; DELETE FROM documents")
        fresh.rollback()
        with pytest.raises(psycopg.errors.QueryCanceled):
            run_read_only(fresh, "SELECT pg_sleep(2)", timeout_ms=50)
        fresh.rollback()
    assert (
        conn.execute(
            text("SELECT count(*) FROM documents WHERE key = :k"), {"k": SPECIMEN_KEY}
        ).scalar_one()
        == 1
    )


@pytest.fixture
def powerful_login(seeded_url: URL, request: pytest.FixtureRequest) -> Iterator[URL]:
    """A login that is no superuser itself but a member of ``request.param``: a
    predefined role, or "superuser" for a superuser role of the test's own."""
    tag = uuid.uuid4().hex[:8]
    login, boss = f"adb_member_{tag}", f"adb_boss_{tag}"
    with psycopg.connect(config.libpq_url(seeded_url), autocommit=True) as conn:
        if request.param == "superuser":
            conn.execute(sql.SQL("CREATE ROLE {} SUPERUSER NOLOGIN").format(sql.Identifier(boss)))
            granted = boss
        else:
            granted = request.param
        # NOINHERIT: the member must SET ROLE to use its powers, which a statement can do.
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN NOINHERIT PASSWORD 'member' IN ROLE {}").format(
                sql.Identifier(login), sql.Identifier(granted)
            )
        )
    try:
        yield seeded_url.set(username=login, password="member")
    finally:
        with psycopg.connect(config.libpq_url(seeded_url), autocommit=True) as conn:
            for role in (login, boss):
                conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


POWERS = ["superuser", "pg_execute_server_program", "pg_read_server_files",
          "pg_write_server_files"]  # fmt: skip


@pytest.mark.parametrize("powerful_login", POWERS, indirect=True)
def test_members_of_powerful_roles_are_refused(powerful_login: URL) -> None:
    engine = make_engine(powerful_login)
    try:
        with engine.connect() as conn:
            is_super = text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            assert conn.execute(is_super).scalar_one() is False
            with pytest.raises(SuperuserRefused):
                run_read_only(conn, "SELECT 1")
    finally:
        engine.dispose()
    # The CLI cannot make a reader login with it either (no CREATEROLE): it says so.
    result = run(powerful_login, "sql", "SELECT 1")
    assert result.exit_code == 1
    assert result.stderr.startswith("archive-db sql: refused: ")
    assert len(result.stderr.strip().splitlines()) == 1
