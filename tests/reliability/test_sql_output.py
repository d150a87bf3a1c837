"""archive-db sql: rows streamed (memory flat with the result's size), and one line,
never a traceback, for what the attack of issue 14 tried (items 13 and 14)."""

from __future__ import annotations

import functools
import subprocess
import sys
import uuid

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import URL

from archive_db.cli import research
from archive_db.config import libpq_url
from archive_db.repository import readonly
from archive_db.repository.readonly import reader_login
from tests.reliability.conftest import Run

# archive-db sql in a process of its own that reports its peak memory on stderr.
_MEASURED = (
    "import resource, sys\n"
    "from archive_db.cli import main\n"
    "try:\n"
    "    main()\n"
    "finally:\n"
    "    print('maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
)


def _peak_kb(url: URL, rows: int) -> int:
    statement = f"SELECT g, repeat('x', 40) AS pad FROM generate_series(1, {rows}) g"
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, "--database-url",
         url.render_as_string(hide_password=False), "sql", statement],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == rows + 1  # a pipe gets every row, and the header
    return int(done.stderr.split("maxrss")[-1])


def test_sql_streams_rows_in_flat_memory(database_url: URL) -> None:
    """Memory does not grow with the result: 20k rows and 1M rows peak within 40 MB
    of each other (the whole result in memory took 1.5 GB at 5M rows)."""
    small, large = _peak_kb(database_url, 20_000), _peak_kb(database_url, 1_000_000)
    assert large - small < 40 * 1024, (small, large)


def test_a_terminal_gets_a_capped_table(
    database_url: URL, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(research, "_on_terminal", lambda: True)
    result = run_cli("sql", "SELECT g FROM generate_series(1, 5000) g")
    assert result.exit_code == 0, result.output
    assert f"only the first {research.TERMINAL_ROWS} rows" in result.output
    assert " 1000 " in result.output and " 1001 " not in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["COPY documents TO STDOUT"], "archive-db sql: SQL error: COPY cannot be used"),
        (["SELECT pg_cancel_backend(pg_backend_pid())"],
         "archive-db sql: cancelled: canceling statement due to user request"),
        (["SELECT pg_sleep(5)", "--timeout", "0.2"],
         "archive-db sql: cancelled: the statement ran longer than 0.2 s (--timeout)"),
        (["SELECT 1", "--timeout", "inf"], "Invalid value for '--timeout'"),
        (["SELECT 1", "--timeout", "nan"], "Invalid value for '--timeout'"),
        (["SELECT 1", "--timeout", "1e300"], "Invalid value for '--timeout'"),
    ],
    ids=["copy-to-stdout", "cancel-self", "timeout", "inf", "nan", "huge"],
)  # fmt: skip
def test_one_line_not_a_traceback(
    args: list[str], expected: str, database_url: URL, run_cli: Run
) -> None:
    result = run_cli("sql", *args)
    assert result.exit_code in (1, 2), result.output
    assert expected in result.output, result.output
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    if result.exit_code == 1:
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert "ran longer" not in result.output or "--timeout" in args


def test_a_reader_group_with_server_file_access_is_one_line(
    database_url: URL, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader group granted pg_read_server_files: refused with one line (a
    traceback before). A group of this test's own: archive_db_sql is server-wide."""
    group = f"archive_db_sql_test_{uuid.uuid4().hex[:6]}"
    # `sql` imports reader_login when it runs (the CLI loads lazily): patch it at home.
    monkeypatch.setattr(readonly, "reader_login", functools.partial(reader_login, group=group))
    admin = psycopg.connect(libpq_url(database_url), autocommit=True)
    try:
        assert run_cli("sql", "SELECT 1").exit_code == 0  # makes the group
        admin.execute(sql.SQL("GRANT pg_read_server_files TO {}").format(sql.Identifier(group)))
        result = run_cli("sql", "SELECT pg_read_file('/etc/hostname')")
        assert result.exit_code == 1, result.output
        assert result.output.startswith("archive-db sql: refused: ")
        assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    finally:
        admin.execute(sql.SQL("DROP OWNED BY {0}; DROP ROLE {0}").format(sql.Identifier(group)))
        admin.close()
