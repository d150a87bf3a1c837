"""What an import has to say about a file: one message, one row of import_messages."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg


@dataclass(frozen=True, slots=True)
class Message:
    path: str
    line: int | None
    severity: str  # info, warning, error (the file was rejected)
    code: str
    message: str
    document_key: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message} [{self.code}]"


MESSAGE_COLUMNS = ("run_id", "path", "line", "severity", "code", "message", "document_key")


def write_messages(conn: psycopg.Connection, run_id: int, messages: list[Message]) -> None:
    """COPY the messages into import_messages, in the caller's transaction."""
    if not messages:
        return
    columns = ", ".join(MESSAGE_COLUMNS)
    with conn.cursor().copy(f"COPY import_messages ({columns}) FROM STDIN") as copy:
        for m in messages:
            copy.write_row((run_id, m.path, m.line, m.severity, m.code, m.message, m.document_key))
