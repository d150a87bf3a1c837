"""One import at a time: a session-level PostgreSQL advisory lock."""

from __future__ import annotations

import psycopg

# Any 64-bit constant unique to this purpose; "ARCHIMPT".
IMPORT_LOCK_ID = 0x41524348_494D5054


class ImportLocked(Exception):
    """Another import holds the lock."""

    def __init__(self, holder_pid: int | None) -> None:
        self.holder_pid = holder_pid
        who = f" (server process {holder_pid})" if holder_pid else ""
        super().__init__(f"another import is running{who}; try again later or pass --wait")


def acquire(conn: psycopg.Connection, wait: bool) -> None:
    """Take the lock for the life of ``conn``'s session, or raise ImportLocked."""
    if wait:
        conn.execute("SELECT pg_advisory_lock(%s)", (IMPORT_LOCK_ID,))
    else:
        got = conn.execute("SELECT pg_try_advisory_lock(%s)", (IMPORT_LOCK_ID,)).fetchone()
        if not (got and got[0]):
            raise ImportLocked(holder(conn))
    conn.commit()


def holder(conn: psycopg.Connection) -> int | None:
    # Advisory lock ids of 64 bits show in pg_locks split into classid/objid halves.
    row = conn.execute(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
        " AND classid::bigint = %s AND objid::bigint = %s AND objsubid = 1",
        (IMPORT_LOCK_ID >> 32, IMPORT_LOCK_ID & 0xFFFFFFFF),
    ).fetchone()
    return row[0] if row else None
