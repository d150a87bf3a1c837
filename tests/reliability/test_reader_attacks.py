"""Issue 14's attack, replayed as the attacker ran it: as a grant-reader role in a real
session (psql's place), and through the ``archive-db`` CLI. Each test failed before
its fix; tests/reliability/README.md lists what is promised and which test checks it.
"""

from __future__ import annotations

import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import URL

from archive_db.config import libpq_url
from tests.reliability.conftest import Run, canonical_dump, query, seeds_tree
from tests.reliability.faults import ARCHIVE_DB, finish, start_import
from tests.reliability.test_access import _refused, imported, reader  # noqa: F401

# The advisory lock ids the archive used before (import, migration, grant).
OLD_LOCK_IDS = (0x41524348_494D5054, 0x41524348_4D494752, 0x6172636876646201)


def _cli(url: URL, *args: object, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``archive-db`` as its own process, stopped (and failed) if it hangs."""
    return subprocess.run(
        [ARCHIVE_DB, "--database-url", url.render_as_string(hide_password=False),
         *map(str, args)],
        capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def _role(conn: psycopg.Connection) -> str:
    return str(conn.info.user)


def _reader_url(imported: URL, reader: psycopg.Connection) -> URL:  # noqa: F811
    return imported.set(username=_role(reader), password="secret")


@pytest.fixture
def login(imported: URL) -> Iterator[tuple[str, URL]]:  # noqa: F811
    """A bare login role (no rights yet), dropped with all it owns afterwards."""
    role = f"attacker_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(libpq_url(imported), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'secret'").format(
            sql.Identifier(role)))  # fmt: skip
    yield role, imported.set(username=role, password="secret")
    with psycopg.connect(libpq_url(imported), autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,)
        )
        admin.execute(sql.SQL("REASSIGN OWNED BY {0} TO CURRENT_USER; DROP OWNED BY {0};"
                              " DROP ROLE {0}").format(sql.Identifier(role)))  # fmt: skip


# -- 2: lasting changes ------------------------------------------------------------

LASTING = [
    "SELECT lo_create(0)",
    "SELECT lo_creat(-1)",
    "SELECT lo_from_bytea(0, 'five megabytes')",
    "SELECT lo_import('/etc/hostname')",
    "SELECT pg_logical_emit_message(true, 'attack', 'x')",
    "SELECT pg_logical_emit_message(false, 'attack', 'x'::bytea)",
    "CREATE TEMPORARY TABLE mine AS SELECT * FROM documents",
]


@pytest.mark.parametrize("statement", LASTING)
def test_reader_cannot_make_large_objects_wal_or_temporary_tables(
    statement: str,
    imported: URL,  # noqa: F811
    reader: psycopg.Connection,  # noqa: F811
    run_cli: Run,
) -> None:
    """Even with its transaction switched to READ WRITE (a reader may), and through sql."""
    assert _refused(reader, statement, read_write=True) is psycopg.errors.InsufficientPrivilege
    result = run_cli("sql", statement)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert query(imported, "SELECT count(*) FROM pg_largeobject_metadata") == [(0,)]


def test_reader_changing_its_own_defaults_gains_nothing(
    imported: URL,  # noqa: F811
    reader: psycopg.Connection,  # noqa: F811
    run_cli: Run,
) -> None:
    """PostgreSQL lets every role change its own defaults (ALTER ROLE itself SET, even
    IN DATABASE, which takes precedence): that cannot be stopped, so it must give
    nothing. Its writes are refused all the same, the bounds that matter are
    superuser-only, archive-db sql sets its own, and grant-reader puts them back."""
    role, database = sql.Identifier(_role(reader)), sql.Identifier(imported.database)
    reader.rollback()
    changed = True  # PostgreSQL 15 allows it; should a later one refuse, all the better
    for scope in (sql.SQL(""), sql.SQL(" IN DATABASE {}").format(database)):
        for setting in ("default_transaction_read_only = off", "work_mem = '4GB'",
                        "statement_timeout = 0", "client_connection_check_interval = 0"):
            try:
                with reader.transaction():
                    reader.execute("SET TRANSACTION READ WRITE")
                    reader.execute(sql.SQL("ALTER ROLE {}{} SET ").format(role, scope)
                                   + sql.SQL(setting))  # fmt: skip
            except psycopg.errors.InsufficientPrivilege:
                changed = False
    with pytest.raises(psycopg.errors.InsufficientPrivilege), reader.transaction():
        reader.execute(sql.SQL("SET TRANSACTION READ WRITE"))
        reader.execute(sql.SQL("ALTER ROLE {} SET temp_file_limit = -1").format(role))
    with pytest.raises(psycopg.errors.InsufficientPrivilege), reader.transaction():
        reader.execute("SET temp_file_limit = -1")

    url = _reader_url(imported, reader)
    before = canonical_dump(imported)
    with psycopg.connect(libpq_url(url)) as again:
        shown = again.execute("SHOW default_transaction_read_only").fetchone()
        assert shown == (("off",) if changed else ("on",))
        assert again.execute("SHOW temp_file_limit").fetchone() == ("2GB",)
        for statement in ("DELETE FROM citations", "INSERT INTO archives (code) VALUES ('X')",
                          "SELECT lo_create(0)", "CREATE TABLE public.mine (x int)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), again.transaction():
                again.execute(statement)
    assert canonical_dump(imported) == before
    shown = run_cli("--database-url", url.render_as_string(hide_password=False), "sql",
                    "SELECT current_setting('transaction_read_only') AS ro,"
                    " current_setting('work_mem') AS wm,"
                    " current_setting('client_connection_check_interval') AS cc",
                    "--format", "csv")  # fmt: skip
    assert shown.output.splitlines() == ["ro,wm,cc", "on,16MB,5s"], shown.output

    assert run_cli("grant-reader", _role(reader)).exit_code == 0  # puts them back
    with psycopg.connect(libpq_url(url)) as fixed:
        assert fixed.execute("SHOW default_transaction_read_only").fetchone() == ("on",)
        assert fixed.execute("SHOW work_mem").fetchone() == ("16MB",)


# -- 3: the archive's locks ----------------------------------------------------------

LOCKS = [
    "LOCK TABLE import_lock IN EXCLUSIVE MODE",
    "LOCK TABLE grant_lock IN EXCLUSIVE MODE",
    "LOCK TABLE alembic_version IN SHARE MODE",
    "LOCK TABLE alembic_version IN SHARE UPDATE EXCLUSIVE MODE",
    "SELECT * FROM import_lock FOR UPDATE",
]


def test_reader_cannot_take_the_archives_locks(
    imported: URL,  # noqa: F811
    reader: psycopg.Connection,  # noqa: F811
    run_cli: Run,
    tmp_path: Path,
) -> None:
    for statement in LOCKS:
        assert _refused(reader, statement, read_write=True) is (
            psycopg.errors.InsufficientPrivilege
        ), statement
        result = run_cli("sql", statement)
        assert result.exit_code == 1 and "refused" in result.output, result.output
    # The reader holds all it can, in psql and through archive-db sql at once: the
    # lock tables read in an open transaction, and the old advisory lock ids.
    reader.execute("SELECT * FROM import_lock, grant_lock, alembic_version")
    for lock_id in OLD_LOCK_IDS:
        reader.execute("SELECT pg_advisory_lock(%s)", (lock_id,))
    hogging = (f"SELECT pg_advisory_lock({OLD_LOCK_IDS[0]}), pg_sleep(120)"
               " FROM import_lock RIGHT JOIN (SELECT 1) s ON true")  # fmt: skip
    hog = subprocess.Popen(
        [ARCHIVE_DB, "--database-url", _reader_url(imported, reader).render_as_string(
            hide_password=False), "sql", hogging],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        started = time.monotonic()
        done = finish(start_import(imported, seeds_tree(tmp_path / "more", 2, "tom19")), 60)
        assert done.code == 0, done.stderr
        granted = _cli(imported, "grant-reader", f"other_{uuid.uuid4().hex[:8]}")
        assert granted.returncode == 0, granted.stderr
        assert _cli(imported, "db", "upgrade").returncode == 0
        assert time.monotonic() - started < 60
    finally:
        hog.kill()
        hog.wait()


def test_a_dead_sql_clients_session_ends(
    imported: URL,  # noqa: F811
    reader: psycopg.Connection,  # noqa: F811
) -> None:
    """kill -9 of archive-db sql mid-statement: its backend ends within seconds
    (it ran on, holding whatever it held, until the statement finished)."""
    role = _role(reader)
    client = subprocess.Popen(
        [ARCHIVE_DB, "--database-url", _reader_url(imported, reader).render_as_string(
            hide_password=False), "sql", "SELECT pg_sleep(300)"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    # Its statement is a FETCH from the cursor that holds pg_sleep.
    sleeping = "SELECT count(*) FROM pg_stat_activity WHERE usename = %s AND state = 'active'"
    deadline = time.monotonic() + 30
    while query(imported, sleeping, (role,)) != [(1,)] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert query(imported, sleeping, (role,)) == [(1,)]
    client.kill()
    client.wait()
    deadline = time.monotonic() + 20
    while query(imported, sleeping, (role,)) != [(0,)] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert query(imported, sleeping, (role,)) == [(0,)]


# -- 4: an owner's URL ---------------------------------------------------------------


def test_sql_with_an_owner_url_that_is_not_a_superuser_runs_nothing(
    imported: URL,  # noqa: F811
    login: tuple[str, URL],
    run_cli: Run,
) -> None:
    role, url = login
    with psycopg.connect(libpq_url(imported), autocommit=True) as admin:
        admin.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
            sql.Identifier(imported.database), sql.Identifier(role)))  # fmt: skip
        admin.execute(sql.SQL("GRANT ALL ON ALL TABLES IN SCHEMA public TO {}").format(
            sql.Identifier(role)))  # fmt: skip
    with psycopg.connect(libpq_url(url), application_name="canary") as canary:
        result = run_cli(
            "--database-url", url.render_as_string(hide_password=False), "sql",
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE application_name = 'canary'",
        )  # fmt: skip
        assert result.exit_code == 1, result.output
        assert result.output.startswith("archive-db sql: refused: the URL's role owns")
        assert canary.execute("SELECT 1").fetchone() == (1,)  # still alive


# -- 5: bounds -----------------------------------------------------------------------


def test_reader_sessions_are_bounded(
    imported: URL,  # noqa: F811
    reader: psycopg.Connection,  # noqa: F811
    run_cli: Run,
) -> None:
    """work_mem and temp_file_limit on every reader (the per-run logins of sql too);
    temp_file_limit stops a spilling sort with one line. (WAL: the functions that write
    it are revoked, test_reader_cannot_make_large_objects_wal_or_temporary_tables.)"""
    shown = run_cli("sql", "SELECT current_setting('work_mem') AS wm,"
                           " current_setting('temp_file_limit') AS tf", "--format", "csv")
    assert shown.output.splitlines() == ["wm,tf", "16MB,2GB"], shown.output
    assert reader.execute("SHOW temp_file_limit").fetchone() == ("2GB",)
    reader.rollback()
    with psycopg.connect(libpq_url(imported), autocommit=True) as admin:  # a small limit
        admin.execute(sql.SQL("ALTER ROLE {} SET temp_file_limit = '1MB'").format(
            sql.Identifier(_role(reader))))  # fmt: skip
    spill = "SELECT g FROM generate_series(1, 2000000) g ORDER BY g DESC LIMIT 1"
    result = run_cli("--database-url", _reader_url(imported, reader).render_as_string(
        hide_password=False), "sql", spill)  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "temporary file size exceeds" in result.output and "temp_file_limit" in result.output
    assert len(result.output.strip().splitlines()) == 1


# -- 6: grant-reader on the tool's own roles -----------------------------------------


def test_grant_reader_refuses_the_roles_that_own_or_migrate_the_archive(
    imported: URL,  # noqa: F811
    login: tuple[str, URL],
    run_cli: Run,
) -> None:
    role, _ = login
    me = str(query(imported, "SELECT current_user")[0][0])
    settings = "SELECT count(*) FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole"
    before = query(imported, settings)
    refused = run_cli("grant-reader", me)
    assert refused.exit_code == 2, refused.output
    assert f"refusing to make {me} a read-only role: {me} is a superuser" in refused.output
    with psycopg.connect(libpq_url(imported), autocommit=True) as admin:
        admin.execute(sql.SQL("ALTER TABLE citations OWNER TO {}").format(sql.Identifier(role)))
    owner = run_cli("grant-reader", role)
    assert owner.exit_code == 2 and "owns the archive" in owner.output, owner.output
    assert query(imported, settings) == before  # nothing was set on either
    assert run_cli("sql", "SELECT 1 AS one", "--format", "csv").output == "one\n1\n"
    tree = seeds_tree(Path(f"/tmp/{role}"), 1)
    try:
        assert run_cli("import", tree).exit_code == 0  # the tool still works
    finally:
        subprocess.run(["rm", "-rf", str(tree)], check=True)


# -- 11: a downgrade during an import ---------------------------------------------------


def test_a_downgrade_waits_for_a_running_import(imported: URL) -> None:  # noqa: F811
    """The locks a running import holds (lock.acquire): db downgrade waits for them."""
    from alembic.script import ScriptDirectory

    from archive_db import migrate
    from archive_db.importer import lock

    head = migrate.head_revision()
    below = ScriptDirectory.from_config(migrate.alembic_config()).get_revision(head).down_revision
    with psycopg.connect(libpq_url(imported)) as running:
        lock.acquire(running, wait=False, head=head)
        downgrade = subprocess.Popen(
            [ARCHIVE_DB, "--database-url", imported.render_as_string(hide_password=False),
             "db", "downgrade", str(below)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(3)
        assert downgrade.poll() is None  # waiting
        assert query(imported, "SELECT version_num FROM alembic_version") == [(head,)]
        running.rollback()  # the import ends
    _, err = downgrade.communicate(timeout=60)
    assert downgrade.returncode == 0, err
    assert query(imported, "SELECT version_num FROM alembic_version") == [(below,)]
