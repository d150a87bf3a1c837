"""Withdrawn documents: what was taken out of the archive, when, why and by whom."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from archive_db.db import Base, intpk


class WithdrawnDocument(Base):
    __tablename__ = "withdrawn_documents"
    __table_args__ = (
        # One standing withdrawal per key: the importer skips it while it stands.
        Index("uq_withdrawn_documents_key_standing", "key", unique=True,
              postgresql_where=text("readded_at IS NULL")),
        {"comment": "Documents withdrawn with archive-db withdraw: the document as it was "
         "(metadata and current texts), when, why and by whom. The next import of its "
         "volume skips the key until it is re-added (archive-db import --readd-withdrawn)."},
    )  # fmt: skip

    id: Mapped[intpk]
    key: Mapped[str] = mapped_column(Text, comment="Key of the withdrawn document.")
    title: Mapped[str] = mapped_column(Text, comment="Its title when it was withdrawn.")
    reason: Mapped[str] = mapped_column(Text, comment="Why it was withdrawn, as given.")
    withdrawn_at: Mapped[dt.datetime] = mapped_column(
        server_default=text("now()"), comment="When it was withdrawn."
    )
    withdrawn_by: Mapped[str] = mapped_column(
        Text, server_default=text("CURRENT_USER"), comment="Database role that withdrew it."
    )
    document: Mapped[dict[str, Any]] = mapped_column(
        JSONB,
        comment="The document as archive-db show --json gave it: metadata, people, places, "
        "references, citations and current texts.",
    )
    readded_at: Mapped[dt.datetime | None] = mapped_column(
        comment="When an import added it again (--readd-withdrawn); NULL while withdrawn."
    )
    readded_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_runs.id", ondelete="SET NULL"),
        comment="The import run that added it again.",
    )
