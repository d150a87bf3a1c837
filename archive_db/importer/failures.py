"""What a database error during an import means: one document's fault, a moment's
contention worth retrying, or a reason to stop the whole run.

Only a document's fault is reported against a file. Everything else says nothing
about the file being written: a lock or statement timeout, a deadlock, a full disk,
missing privileges or a lost connection would otherwise reject good files by the
hundred (and the nightly job would blame the input).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal, TypeVar

import psycopg

from archive_db.errors import first_line

T = TypeVar("T")

Verdict = Literal["gone", "transient", "stop", "document"]

# Retry a transient error this many times, waiting 0.2 s, 0.4 s, 0.8 s ... between.
ATTEMPTS = 5
_TRANSIENT = {
    "40001",  # serialization_failure
    "40P01",  # deadlock_detected
    "55P03",  # lock_not_available: lock_timeout
    "57014",  # query_canceled: statement_timeout or pg_cancel_backend
}
_GONE = {"57P01", "57P02", "57P03"}  # admin / crash shutdown, cannot connect now
# Classes that no document can cause: resources (disk full, out of memory, too many
# connections), operator intervention, system errors, the server's configuration.
_STOP_CLASSES = {"53", "57", "58", "F0", "HV", "P0", "XX"}
# Privileges, a read-only server, a missing table: every document would fail alike.
_STOP = {"42501", "25006", "42P01", "42703", "42883", "3D000", "3F000"}


class RunStopped(Exception):
    """The database refused for a reason no document caused; the batch was rolled back."""


def verdict(exc: psycopg.Error, conn: psycopg.Connection) -> Verdict:
    state = exc.sqlstate
    if conn.broken or conn.closed or state is None or state[:2] == "08" or state in _GONE:
        return "gone"
    if state in _TRANSIENT:
        return "transient"
    if state in _STOP or state[:2] in _STOP_CLASSES:
        return "stop"
    return "document"


def retrying(conn: psycopg.Connection, step: Callable[[], T], what: str) -> T:
    """Run ``step`` (a whole transaction, or autocommit statements that are safe to
    repeat), retrying transient refusals. A document's fault is re-raised for the
    caller to attribute; anything else stops the run."""
    for attempt in range(ATTEMPTS):
        try:
            return step()
        except psycopg.Error as exc:
            match verdict(exc, conn):
                case "document":
                    raise
                case "gone":
                    raise psycopg.OperationalError(
                        f"the connection to the server was lost while {what}: {first_line(exc)}"
                    ) from None
                case "stop":
                    raise RunStopped(
                        f"the database refused while {what}: {first_line(exc)}"
                    ) from None
                case "transient" if attempt + 1 == ATTEMPTS:
                    raise RunStopped(
                        f"the database kept refusing while {what} ({ATTEMPTS} attempts):"
                        f" {first_line(exc)}"
                    ) from None
            time.sleep(0.2 * 2**attempt)
    raise AssertionError("unreachable")
