"""Driving ``archive-db import`` as a real process (its own session, its own workers)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from tests.reliability.conftest import INCOMPLETE_DOCUMENTS, canonical_dump, query

ARCHIVE_DB = str(Path(sys.executable).with_name("archive-db"))
APPLICATION = "archive-db import"


@dataclass
class Finished:
    code: int
    stdout: str
    stderr: str


def start_import(url: URL, *args: object) -> subprocess.Popen[str]:
    """``archive-db import`` in a new session, so its worker processes share its group."""
    command = [ARCHIVE_DB, "--database-url", url.render_as_string(hide_password=False)]
    return subprocess.Popen(
        [*command, "import", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def finish(process: subprocess.Popen[str], timeout: float = 120) -> Finished:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        raise AssertionError(f"import still running after {timeout}s:\n{out}\n{err}") from None
    return Finished(process.returncode, out, err)


def kill_group(process: subprocess.Popen[str]) -> None:
    """SIGKILL the importer and its workers; nothing of theirs runs afterwards."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def documents(url: URL) -> int:
    try:
        return int(query(url, "SELECT count(*) FROM documents")[0][0])
    except Exception:
        return 0


def wait_for_documents(url: URL, at_least: int, process: subprocess.Popen[str]) -> int:
    """Poll until ``at_least`` documents are committed (the import is mid-run)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        n = documents(url)
        if n >= at_least:
            return n
        if process.poll() is not None:
            code = process.returncode
            raise AssertionError(f"the import ended early ({code}) with {n} documents")
        time.sleep(0.02)
    raise AssertionError(f"fewer than {at_least} documents after 120s")


def search_index(url: URL) -> bool | None:
    """Whether the full-text index is there and valid; None if it is missing."""
    found = query(
        url,
        "SELECT i.indisvalid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid"
        " WHERE c.relname = 'ix_document_versions_search_vector'",
    )
    return found[0][0] if found else None


def wait_for_backends_gone(admin: URL, database: str, timeout: float = 30) -> None:
    """The server notices dead clients on its own; wait until it has rolled them back."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = query(
            admin,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND application_name = %s",
            (database, APPLICATION),
        )[0][0]
        if left == 0:
            return
        time.sleep(0.05)
    raise AssertionError(f"import backends still connected to {database} after {timeout}s")


def assert_nothing_half_written(url: URL, baseline: dict[str, list[tuple]]) -> int:
    """Every stored document is whole and exactly as in the uninterrupted run; returns
    how many there are."""
    assert query(url, INCOMPLETE_DOCUMENTS) == []
    dump = canonical_dump(url)
    keys = {row[0] for row in dump["documents"]}
    for part, rows in dump.items():
        if part == "authorities":
            continue
        assert rows == [r for r in baseline[part] if r[0] in keys], part
    return len(keys)
