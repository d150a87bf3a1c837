"""Archives and archival references (archive, fond, opis, delo, folios)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    SmallInteger,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from archive_db.db import Base, created_at, intpk

if TYPE_CHECKING:
    from archive_db.models.documents import Document


class Archive(Base):
    __tablename__ = "archives"
    __table_args__ = (
        {"comment": "Archives that hold the originals, with their codes in both scripts."},
    )

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(
        Text, unique=True, comment="Code in Cyrillic as printed in Russian references (АП РФ)."
    )
    code_latin: Mapped[str | None] = mapped_column(
        Text, unique=True, comment="Code in Latin transliteration (AP RF)."
    )
    name_ru: Mapped[str | None] = mapped_column(
        Text, comment="Full name in Russian (Архив Президента Российской Федерации)."
    )
    name_en: Mapped[str | None] = mapped_column(
        Text, comment="Full name in English (Archive of the President of the Russian Federation)."
    )
    created_at: Mapped[created_at]

    references: Mapped[list[ArchivalReference]] = relationship(back_populates="archive")


class ArchivalReference(Base):
    __tablename__ = "archival_references"
    __table_args__ = (
        CheckConstraint("folio_start <= folio_end", name="folios_ordered"),
        UniqueConstraint("document_id", "position"),
        # All documents of one delo, in folio order: one index range scan.
        Index(
            "ix_archival_references_archive_id_fond_opis_delo",
            "archive_id",
            "fond",
            "opis",
            "delo",
            "folio_start",
        ),
        {"comment": "Where a document's original is kept: archive, fond, opis, delo, folios. "
         "The Russian and English prints of one reference are one row."},
    )  # fmt: skip

    id: Mapped[intpk]
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), comment="The document."
    )
    position: Mapped[int] = mapped_column(
        SmallInteger, comment="Order of this reference among the document's references, from 1."
    )
    archive_id: Mapped[int | None] = mapped_column(
        ForeignKey("archives.id", ondelete="RESTRICT"),
        comment="The archive; NULL when the print could not be parsed (see printed_*).",
    )
    fond: Mapped[str | None] = mapped_column(
        Text, comment="Fond (Ф.) as printed; text because it may carry letters (Р-9401)."
    )
    opis: Mapped[str | None] = mapped_column(Text, comment="Opis (Оп.), inventory, as printed.")
    papka: Mapped[str | None] = mapped_column(
        Text,
        comment="Folder (П., папка) between opis and delo, as printed: Foreign Policy Archive"
        " (АВП) references, Ф. 059. Оп. 1. П. 18. Д. 123.",
    )
    delo: Mapped[str | None] = mapped_column(Text, comment="Delo (Д.), file, as printed (12а).")
    folios: Mapped[str | None] = mapped_column(
        Text, comment="Folios (Л.) as printed: 65–67, 12, 15–17 об."
    )
    folio_start: Mapped[int | None] = mapped_column(comment="First folio number.")
    folio_end: Mapped[int | None] = mapped_column(comment="Last folio number.")
    verso: Mapped[bool] = mapped_column(
        server_default=text("false"), comment="True when the last folio is a verso (об.)."
    )
    ibid: Mapped[bool] = mapped_column(
        server_default=text("false"),
        comment="Printed as 'Там же' (ibid.): completed from the previous reference.",
    )
    printed_ru: Mapped[str | None] = mapped_column(
        Text, comment="The reference as printed in the Russian version."
    )
    printed_en: Mapped[str | None] = mapped_column(
        Text, comment="The reference as printed in the English version."
    )

    document: Mapped[Document] = relationship(back_populates="archival_references")
    archive: Mapped[Archive | None] = relationship(back_populates="references")
