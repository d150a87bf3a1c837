"""The first command creates an embedded server: it says where the data lives and that
the server keeps running until `archive-db db stop` (it said only "migrating")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive_db.cli import main


def test_the_first_run_says_where_the_server_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ARCHIVE_DB_URL", raising=False)
    monkeypatch.setenv("ARCHIVE_DB_HOME", str(tmp_path))
    runner = CliRunner()
    try:
        first = runner.invoke(main, ["db", "url"])
        assert first.exit_code == 0, first.output
        assert first.stderr == (
            f"archive-db: created an embedded PostgreSQL; its data is in {tmp_path / 'pgdata'}; "
            "it keeps running for the next commands until `archive-db db stop`\n"
        )
        second = runner.invoke(main, ["db", "url"])  # running: nothing to say
        assert second.exit_code == 0 and second.stderr == ""
    finally:
        runner.invoke(main, ["db", "stop"])
    # A new process, as each command is (the server wheel remembers servers in-process).
    started = subprocess.run([sys.executable, "-m", "archive_db", "db", "url"],
                             capture_output=True, text=True, timeout=120)  # fmt: skip
    try:
        assert started.stderr.startswith("archive-db: started the embedded PostgreSQL; ")
    finally:
        runner.invoke(main, ["db", "stop"])
