"""Who may write: the grant-reader role and ``archive-db sql`` change nothing, ever."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import URL

from archive_db.config import libpq_url
from tests.reliability.conftest import Run, canonical_dump, query, seeds_tree, table_counts

VIEWS = ("document_overview", "document_texts", "document_people_roles", "archival_files")


@pytest.fixture
def imported(run_cli: Run, database_url: URL, tmp_path: Path) -> URL:
    result = run_cli("import", seeds_tree(tmp_path / "seeds", 3), "--jobs", 1)
    assert result.exit_code == 0, result.output
    return database_url


@pytest.fixture
def reader(imported: URL, run_cli: Run) -> Iterator[psycopg.Connection]:
    """A connection as a role made by ``archive-db grant-reader`` (with a password)."""
    role = f"reader_{uuid.uuid4().hex[:8]}"
    result = run_cli("grant-reader", role, "--password", "secret")
    assert result.exit_code == 0, result.output
    conn = psycopg.connect(libpq_url(imported.set(username=role, password="secret")))
    try:
        yield conn
    finally:
        conn.close()
        with psycopg.connect(libpq_url(imported), autocommit=True) as owner:
            owner.execute(sql.SQL("DROP OWNED BY {0}; DROP ROLE {0}").format(sql.Identifier(role)))


def _tables(url: URL) -> list[str]:
    return [
        t
        for (t,) in query(
            url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        )
    ]


def test_reader_reads_every_table_and_view(imported: URL, reader: psycopg.Connection) -> None:
    views = {
        v for (v,) in query(imported, "SELECT viewname FROM pg_views WHERE schemaname = 'public'")
    }
    assert set(VIEWS) <= views
    for relation in [*_tables(imported), *sorted(views)]:
        with reader.transaction():
            owner_count = query(imported, f"SELECT count(*) FROM {relation}")[0][0]
            got = reader.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(relation))
            )
            assert got.fetchone() == (owner_count,), relation
    assert reader.execute("SELECT count(*) FROM document_overview").fetchone() == (3,)


def _refused(reader: psycopg.Connection, statement: str, *, read_write: bool) -> type:
    """The error class a statement meets; with ``read_write`` the reader first turns its
    default read-only mode off, so only privileges stand in the way."""
    try:
        with reader.transaction():
            if read_write:
                reader.execute("SET TRANSACTION READ WRITE")
            reader.execute(statement)
    except psycopg.Error as exc:
        return type(exc)
    raise AssertionError(f"the reader could run: {statement}")


WRITES = [
    "INSERT INTO {t} DEFAULT VALUES",
    "UPDATE {t} SET {c} = {c}",
    "DELETE FROM {t}",
    "TRUNCATE {t} CASCADE",
    "SELECT * FROM {t} FOR UPDATE",
    "ALTER TABLE {t} ADD COLUMN x int",
    "DROP TABLE {t} CASCADE",
    "CREATE INDEX ON {t} ({c})",
]
CREATES = [
    "CREATE TABLE public.mine (x int)",
    "CREATE VIEW public.mine AS SELECT 1 AS x",
    "CREATE FUNCTION public.mine() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    "CREATE SEQUENCE public.mine",
    "CREATE SCHEMA mine",
    "CREATE MATERIALIZED VIEW public.mine AS SELECT 1 AS x",
    "SELECT nextval(pg_get_serial_sequence('documents', 'id'))",
]


def test_reader_cannot_write_or_create(imported: URL, reader: psycopg.Connection) -> None:
    before = canonical_dump(imported)
    counts = table_counts(imported)
    first_column = dict(
        query(
            imported,
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = 'public' AND ordinal_position = 1",
        )
    )
    tables = _tables(imported)
    statements = [w.format(t=t, c=first_column[t]) for t in tables for w in WRITES] + CREATES
    for statement in statements:
        # As it connects: read-only by default (grant-reader sets it).
        assert _refused(reader, statement, read_write=False) in (
            psycopg.errors.ReadOnlySqlTransaction,
            psycopg.errors.InsufficientPrivilege,
        ), statement
        # With read-write turned back on: the privileges refuse.
        assert _refused(reader, statement, read_write=True) is (
            psycopg.errors.InsufficientPrivilege
        ), statement
    assert canonical_dump(imported) == before
    assert table_counts(imported) == counts


def test_reader_can_read_tables_created_later(imported: URL, reader: psycopg.Connection) -> None:
    with psycopg.connect(libpq_url(imported), autocommit=True) as owner:
        owner.execute("CREATE TABLE later_table (x int)")
        owner.execute("INSERT INTO later_table VALUES (1)")
    assert reader.execute("SELECT x FROM later_table").fetchall() == [(1,)]
    reader.rollback()
    assert _refused(reader, "INSERT INTO later_table VALUES (2)", read_write=True) is (
        psycopg.errors.InsufficientPrivilege
    )


# -- archive-db sql ----------------------------------------------------------------

SQL_WRITES = [
    "INSERT INTO archives (code) VALUES ('X')",
    "UPDATE documents SET kind = 'other'",
    "DELETE FROM citations",
    "TRUNCATE documents CASCADE",
    "CREATE TABLE mine (x int)",
    "CREATE VIEW mine AS SELECT 1",
    "DROP TABLE citations",
    "ALTER TABLE documents ADD COLUMN x int",
    "SELECT key FROM documents FOR UPDATE",
    "SELECT key FROM documents FOR SHARE",
    "WITH gone AS (DELETE FROM citations RETURNING 1) SELECT count(*) FROM gone",
    "WITH new AS (INSERT INTO archives (code) VALUES ('Y') RETURNING 1) SELECT 1",
    "SET TRANSACTION READ WRITE",
    "SELECT set_config('transaction_read_only', 'off', true)",
    "COMMIT; DELETE FROM documents",
    "DELETE FROM documents; COMMIT",
    "SELECT 1; DELETE FROM documents",
    "DO $$BEGIN DELETE FROM citations; END$$",
    "DO $$BEGIN PERFORM set_config('transaction_read_only', 'off', true);"
    " DELETE FROM citations; END$$",
    "COPY documents FROM PROGRAM 'true'",
    "COPY archives (code) FROM STDIN",
    "SELECT nextval(pg_get_serial_sequence('documents', 'id'))",
    "VACUUM documents",
    "CREATE DATABASE mine",
    "ALTER SYSTEM SET work_mem = '1GB'",
    "PREPARE TRANSACTION 'mine'",
    "REFRESH MATERIALIZED VIEW document_overview",
    "COMMENT ON TABLE documents IS 'mine'",
    "GRANT ALL ON documents TO PUBLIC",
    "CALL no_such_procedure()",
    "DELETE FROM documents -- \x00 NUL in a comment",
]


@pytest.mark.parametrize("statement", SQL_WRITES)
def test_sql_command_refuses_writes(statement: str, imported: URL, run_cli: Run) -> None:
    before = canonical_dump(imported)
    result = run_cli("sql", statement)
    assert result.exit_code == 1, result.output
    assert result.output.startswith("archive-db sql: "), result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output  # one clear line
    assert canonical_dump(imported) == before
    assert query(imported, "SELECT count(*) FROM pg_largeobject_metadata") == [(0,)]
    assert query(imported, "SELECT count(*) FROM pg_prepared_xacts") == [(0,)]


# Accepted by the server in a READ ONLY transaction, but rolled back: nothing stays.
SQL_HARMLESS = [
    "SELECT lo_create(0)",
    "LOCK TABLE documents IN ACCESS EXCLUSIVE MODE",
    "COMMIT",
    "ROLLBACK",
    "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
]


@pytest.mark.parametrize("statement", SQL_HARMLESS)
def test_sql_command_leaves_no_trace(statement: str, imported: URL, run_cli: Run) -> None:
    before = canonical_dump(imported)
    result = run_cli("sql", statement)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    assert canonical_dump(imported) == before
    assert query(imported, "SELECT count(*) FROM pg_largeobject_metadata") == [(0,)]
    # The next statement runs read-only again.
    assert run_cli("sql", "DELETE FROM citations").exit_code == 1
    assert canonical_dump(imported) == before


def test_sql_command_refusal_names_read_only(imported: URL, run_cli: Run) -> None:
    result = run_cli("sql", "DELETE FROM citations")
    assert "read-only" in result.output


def test_sql_command_still_reads(imported: URL, run_cli: Run) -> None:
    result = run_cli("sql", "SELECT count(*) AS n FROM document_overview", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output == "n\n3\n"


def test_sql_command_runs_no_server_program(imported: URL, run_cli: Run, tmp_path: Path) -> None:
    is_super = query(imported, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    assert is_super == [(True,)]  # the tests (and the embedded default) connect as superuser
    marker = Path("/tmp") / f"archive-db-sql-{uuid.uuid4().hex}"
    try:
        shell = run_cli("sql", f"COPY (SELECT 1) TO PROGRAM 'cat > {marker}'")
        run_cli("sql", f"DO $$BEGIN EXECUTE 'COPY (SELECT 1) TO ''{marker}.2'''; END$$")
        assert not marker.exists() and not Path(f"{marker}.2").exists()
        reading = run_cli("sql", "SELECT pg_read_file('/etc/hostname')")
        assert reading.exit_code == 1, reading.output
        # Taking the superuser's role back from inside the statement does not work
        # either: archive-db sql logs in as a reader, not as the URL's superuser.
        back = run_cli("sql", "DO $$BEGIN PERFORM set_config('role', 'postgres', true); "
                              f"EXECUTE 'COPY (SELECT 1) TO PROGRAM ''cat > {marker}'''; END$$")
        assert back.exit_code == 1 and not marker.exists(), back.output
        whoami = run_cli("sql", "SELECT current_user, session_user", "--format", "csv")
        current, session = whoami.output.splitlines()[1].split(",")
        assert current == session and re.fullmatch(r"archive_db_sql_[0-9a-f]{16}", current)
        assert shell.exit_code == 1, shell.output
    finally:
        for leftover in (marker, Path(f"{marker}.2")):
            if leftover.exists():
                leftover.unlink()
