"""Read-only roles and read-only SQL."""

from __future__ import annotations

import tempfile
import uuid

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import text
from sqlalchemy.orm import Session

from archive_db.repository import SuperuserRefused, grant_reader, run_read_only
from tests.repository.conftest import reader_engine
from tests.repository.data import SPECIMEN_KEY, Fixture


def test_reader_role_reads_and_is_refused_writes(session: Session, archive: Fixture) -> None:
    role = f"reader_{uuid.uuid4().hex[:8]}"
    conn = session.connection()
    assert grant_reader(conn, role) is True  # CREATE ROLE is transactional: rolled back
    assert grant_reader(conn, role) is False  # again: updated, not duplicated
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
