"""The run's own rows: import_runs (opened first, closed last) and main-process messages."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from importlib.metadata import version

import psycopg

from archive_db.importer.messages import Message, write_messages
from archive_db.importer.worker import SHOWN_WARNINGS, BatchResult


@dataclass(slots=True)
class Totals:
    files_seen: int = 0
    added: int = 0
    updated: int = 0
    rederived: int = 0
    unchanged: int = 0
    rejected: int = 0
    warnings: int = 0
    revisions: int = 0
    rejections: list[Message] = field(default_factory=list)
    shown_warnings: list[Message] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # stored keys absent from re-imported volumes
    withdrawn: int = 0  # files of withdrawn documents, skipped

    def add(self, batch: BatchResult) -> None:
        self.added += batch.added
        self.updated += batch.updated
        self.rederived += batch.rederived
        self.revisions += batch.revisions
        self.warnings += batch.warnings
        self.show(batch.shown)
        self.add_rejections(batch.rejected)

    def add_notes(self, notes: list[Message]) -> None:
        """Messages of the run itself (paths, duplicate keys), not of a batch."""
        self.warnings += sum(m.severity == "warning" for m in notes)
        self.show([m for m in notes if m.severity == "warning"])
        self.add_rejections([m for m in notes if m.severity == "error"])

    def show(self, warnings: list[Message]) -> None:
        self.shown_warnings += warnings[: SHOWN_WARNINGS - len(self.shown_warnings)]

    def add_rejections(self, rejected: list[Message]) -> None:
        self.rejected += len(rejected)
        self.rejections += rejected

    @property
    def status(self) -> str:
        return "partial" if self.rejected else "succeeded"


def open_run(conn: psycopg.Connection, paths: list[str], dry_run: bool) -> int:
    """Committed at once, so a run that dies stays visible as 'running'."""
    row = conn.execute(
        "INSERT INTO import_runs (paths, dry_run, hostname, pid, tool_version)"
        " VALUES (%s, %s, %s, %s, %s) RETURNING id",
        (paths, dry_run, socket.gethostname(), os.getpid(), version("archive-db")),
    ).fetchone()
    conn.commit()
    assert row is not None
    return row[0]


def close_interrupted(conn: psycopg.Connection, run_id: int) -> list[Message]:
    """Runs still 'running' while this one holds the import lock were killed (or lost
    the server) before they could close: mark them failed, finished_at left NULL, and
    say so in this run's messages, so the nightly report shows it once."""
    cur = conn.execute(
        "UPDATE import_runs SET status = 'failed' WHERE status = 'running' AND id <> %s"
        " RETURNING id, pid, hostname, started_at",
        (run_id,),
    )
    interrupted = sorted(cur.fetchall())
    conn.commit()
    return [
        Message(f"run {rid}", None, "warning", "interrupted-run",
                f"import run {rid} (pid {pid} on {host}, started {started:%Y-%m-%d %H:%M:%S %Z})"
                " was interrupted before it finished; marked failed. Whatever it committed is"
                " whole, and this run imports the rest.")
        for rid, pid, host, started in interrupted
    ]  # fmt: skip


def close_run(conn: psycopg.Connection, run_id: int, totals: Totals, status: str) -> None:
    conn.execute(
        "UPDATE import_runs SET finished_at = now(), status = %s, files_seen = %s,"
        " documents_added = %s, documents_updated = %s, documents_rederived = %s,"
        " documents_unchanged = %s,"
        " files_rejected = %s, warnings = %s WHERE id = %s",
        (
            status,
            totals.files_seen,
            totals.added,
            totals.updated,
            totals.rederived,
            totals.unchanged,
            totals.rejected,
            totals.warnings,
            run_id,
        ),
    )
    conn.commit()


def record(conn: psycopg.Connection, run_id: int, messages: list[Message]) -> None:
    write_messages(conn, run_id, messages)
    conn.commit()
