"""Published sources (volumes, journals, newspapers, books) and citations of documents."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, SmallInteger, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from archive_db.db import Base, created_at, intpk
from archive_db.vocab import CITATION_ROLES, SOURCE_KINDS, check_in

if TYPE_CHECKING:
    from archive_db.models.documents import Document


class Source(Base):
    __tablename__ = "sources"
    __table_args__ = (
        CheckConstraint(check_in("kind", SOURCE_KINDS), name="kind"),
        # One row per publication; NULLs compare equal so re-imports find it again.
        UniqueConstraint(
            "kind", "title", "volume", "issue", "year", "issue_date",
            postgresql_nulls_not_distinct=True,
        ),
        {"comment": "Publications documents are printed in: a collected-works volume, "
         "a journal issue, a newspaper issue, a book."},
    )  # fmt: skip

    id: Mapped[intpk]
    kind: Mapped[str] = mapped_column(
        Text, comment="collected_works, journal, newspaper, book or other."
    )
    title: Mapped[str] = mapped_column(
        Text, comment="Title in Russian as cited (Вестник Архива Президента Российской Федерации)."
    )
    title_latin: Mapped[str | None] = mapped_column(
        Text, comment="Title as the English version cites it (Vestnik)."
    )
    authors: Mapped[str | None] = mapped_column(Text, comment="Authors of a book, as printed.")
    volume: Mapped[str | None] = mapped_column(Text, comment="Volume (Т. 18).")
    issue: Mapped[str | None] = mapped_column(Text, comment="Issue number (№ 1).")
    year: Mapped[int | None] = mapped_column(SmallInteger, comment="Year of publication.")
    issue_date: Mapped[dt.date | None] = mapped_column(comment="Day of a newspaper issue.")
    publisher: Mapped[str | None] = mapped_column(Text, comment="Publisher, as printed.")
    place: Mapped[str | None] = mapped_column(Text, comment="Place of publication (Тверь).")
    created_at: Mapped[created_at]

    citations: Mapped[list[Citation]] = relationship(back_populates="source")


class Citation(Base):
    __tablename__ = "citations"
    __table_args__ = (
        CheckConstraint(check_in("role", CITATION_ROLES), name="role"),
        CheckConstraint("page_start <= page_end", name="pages_ordered"),
        UniqueConstraint("document_id", "position"),
        {"comment": "Where a document is published: source, pages, and what the "
         "publication is to the document (first publication, source of the text)."},
    )  # fmt: skip

    id: Mapped[intpk]
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), comment="The document."
    )
    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="RESTRICT"), index=True, comment="The publication."
    )
    position: Mapped[int] = mapped_column(
        SmallInteger, comment="Order of this citation among the document's citations, from 1."
    )
    role: Mapped[str] = mapped_column(
        Text, comment="first_publication, text_source (the volume the text is from) or publication."
    )
    pages: Mapped[str | None] = mapped_column(Text, comment="Pages as printed (132–133).")
    page_start: Mapped[int | None] = mapped_column(comment="First page.")
    page_end: Mapped[int | None] = mapped_column(comment="Last page.")
    printed_ru: Mapped[str | None] = mapped_column(
        Text, comment="The citation as printed in the Russian version."
    )
    printed_en: Mapped[str | None] = mapped_column(
        Text, comment="The citation as printed in the English version."
    )

    document: Mapped[Document] = relationship(back_populates="citations")
    source: Mapped[Source] = relationship(back_populates="citations")
