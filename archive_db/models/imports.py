"""The audit trail of the importer: one row per run, one per message."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column, relationship

from archive_db.db import Base, created_at, intpk
from archive_db.vocab import RUN_STATUSES, SEVERITIES, check_in


class ImportRun(Base):
    __tablename__ = "import_runs"
    __table_args__ = (
        CheckConstraint(check_in("status", RUN_STATUSES), name="status"),
        {"comment": "Every run of archive-db import: when, what, and how it ended. A run "
         "left 'running' with no finished_at was interrupted."},
    )  # fmt: skip

    id: Mapped[intpk]
    started_at: Mapped[dt.datetime] = mapped_column(
        server_default=text("now()"), comment="When the run began."
    )
    finished_at: Mapped[dt.datetime | None] = mapped_column(
        comment="When the run ended; NULL while running or if it was killed."
    )
    status: Mapped[str] = mapped_column(
        Text,
        server_default="running",
        comment="running, succeeded, partial (some files rejected) or failed.",
    )
    paths: Mapped[list[str]] = mapped_column(ARRAY(Text), comment="Paths given to the import.")
    dry_run: Mapped[bool] = mapped_column(
        server_default=text("false"), comment="True for --dry-run: nothing else was written."
    )
    hostname: Mapped[str | None] = mapped_column(Text, comment="Machine the run ran on.")
    pid: Mapped[int | None] = mapped_column(comment="Process id of the run.")
    tool_version: Mapped[str | None] = mapped_column(Text, comment="archive-db version.")
    files_seen: Mapped[int] = mapped_column(server_default="0", comment="Seed files found.")
    documents_added: Mapped[int] = mapped_column(server_default="0", comment="New documents.")
    documents_updated: Mapped[int] = mapped_column(
        server_default="0", comment="Documents with a new revision of some text."
    )
    documents_rederived: Mapped[int] = mapped_column(
        server_default="0",
        comment="Documents whose file was unchanged but whose rows an older parser or "
        "linker had derived: derived again (documents.derivation_version).",
    )
    documents_unchanged: Mapped[int] = mapped_column(
        server_default="0", comment="Documents whose texts were already current."
    )
    files_rejected: Mapped[int] = mapped_column(
        server_default="0", comment="Files that could not be imported (see import_messages)."
    )
    warnings: Mapped[int] = mapped_column(server_default="0", comment="Warnings reported.")

    messages: Mapped[list[ImportMessage]] = relationship(
        back_populates="run", cascade="all, delete-orphan", passive_deletes=True
    )


class ImportMessage(Base):
    __tablename__ = "import_messages"
    __table_args__ = (
        CheckConstraint(check_in("severity", SEVERITIES), name="severity"),
        Index("ix_import_messages_path", "path"),
        {"comment": "What an import run had to say about each file: rejections with their "
         "reason, warnings about input recognized only in part."},
    )  # fmt: skip

    id: Mapped[intpk]
    run_id: Mapped[int] = mapped_column(
        ForeignKey("import_runs.id", ondelete="CASCADE"), index=True, comment="The import run."
    )
    path: Mapped[str] = mapped_column(Text, comment="The seed file (or folder) concerned.")
    line: Mapped[int | None] = mapped_column(comment="Line of the file, when one is to blame.")
    severity: Mapped[str] = mapped_column(Text, comment="info, warning or error (rejected).")
    code: Mapped[str] = mapped_column(
        Text, comment="Machine-readable reason: not-utf8, empty, date-mismatch ..."
    )
    message: Mapped[str] = mapped_column(Text, comment="The reason, for people.")
    document_key: Mapped[str | None] = mapped_column(
        Text, comment="Key of the document concerned, when known."
    )
    created_at: Mapped[created_at]

    run: Mapped[ImportRun] = relationship(back_populates="messages")
