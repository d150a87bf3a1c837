"""Documents and their versions (one text per language and origin, with revisions)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Computed,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column, relationship

from archive_db.db import Base, created_at, intpk
from archive_db.vocab import (
    CLASSIFICATIONS,
    DATE_CERTAINTIES,
    DATE_PRECISIONS,
    DOCUMENT_KINDS,
    ORIGIN_KINDS,
    check_in,
)

if TYPE_CHECKING:
    from archive_db.models.archives import ArchivalReference
    from archive_db.models.imports import ImportRun
    from archive_db.models.people import DocumentPerson
    from archive_db.models.places import DocumentPlace, Place
    from archive_db.models.sources import Citation

# The text search configuration follows the version's language; other languages
# get 'simple' (no stemming) rather than a wrong stemmer.
SEARCH_VECTOR_SQL = (
    "to_tsvector(CASE language WHEN 'ru' THEN 'russian'::regconfig "
    "WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END, "
    "coalesce(title, '') || ' ' || body)"
)


HALVES_DISAGREE_COMMENT = (
    "Why the file's translation and its Russian text look like two different documents "
    "(dates, addressees, kind, people, length), as the parser found them; NULL when nothing "
    "says so. A flagged translation has no translation_of_id: neither text is the other's "
    "translation. The view mismatched_versions lists them."
)


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint(check_in("kind", DOCUMENT_KINDS), name="kind"),
        CheckConstraint(check_in("date_precision", DATE_PRECISIONS), name="date_precision"),
        CheckConstraint(check_in("date_certainty", DATE_CERTAINTIES), name="date_certainty"),
        CheckConstraint(check_in("classification", CLASSIFICATIONS), name="classification"),
        CheckConstraint("date_start <= date_end", name="date_bounds_ordered"),
        Index("ix_documents_date_start_date_end", "date_start", "date_end"),
        {"comment": "One historical document, identified by the stable key of its seed file."},
    )

    id: Mapped[intpk]
    key: Mapped[str] = mapped_column(
        Text,
        unique=True,
        comment="Stable key across re-exports: the hex part of the seed file name "
        "(fb0b047ba36df19f), or the file stem for irregular names.",
    )
    volume: Mapped[str | None] = mapped_column(
        Text, comment="Volume the seed file came from, as its folder is named (tom18)."
    )
    position: Mapped[int | None] = mapped_column(
        comment="Position in its volume's index: the NNN of the file name."
    )
    kind: Mapped[str] = mapped_column(
        Text, comment="Kind of document, from its title: telegram, letter, speech, order ..."
    )
    title: Mapped[str] = mapped_column(
        Text, comment="Index title, English where there is one (Telegram to T.F. Shtykov)."
    )
    index_title: Mapped[str | None] = mapped_column(
        Text, comment="Russian index title as printed, often with the date."
    )
    date_text: Mapped[str | None] = mapped_column(
        Text, comment="The date as printed in the document (8 октября 1950 г.)."
    )
    date_header: Mapped[str | None] = mapped_column(
        Text, comment="The ISO date of the seed file's metadata line, as written."
    )
    date_start: Mapped[dt.date | None] = mapped_column(
        comment="Earliest day the document can date from (inclusive)."
    )
    date_end: Mapped[dt.date | None] = mapped_column(
        comment="Latest day the document can date from (inclusive)."
    )
    date_precision: Mapped[str] = mapped_column(
        Text, server_default="unknown", comment="day, month, year, range or unknown."
    )
    date_edtf: Mapped[str | None] = mapped_column(
        Text, comment="The date in Extended Date/Time Format (1950-10-08, 1950-10, ../1920-07-18)."
    )
    date_certainty: Mapped[str] = mapped_column(
        Text,
        server_default="unknown",
        comment="exact (printed), inferred (editors' dating in brackets), approximate, "
        "bound (only 'before'/'after' known) or unknown.",
    )
    classification: Mapped[str | None] = mapped_column(
        Text, comment="Security classification, normalized: top_secret, secret, confidential ..."
    )
    classification_text: Mapped[str | None] = mapped_column(
        Text, comment="The classification as printed (Особо секретно.)."
    )
    origin_place_id: Mapped[int | None] = mapped_column(
        ForeignKey("places.id", ondelete="SET NULL"),
        index=True,
        comment="Where the document was written, when known.",
    )
    source_path: Mapped[str | None] = mapped_column(
        Text, comment="Seed file path it was last imported from, as given to the import."
    )
    halves_disagree: Mapped[list[str] | None] = mapped_column(
        ARRAY(Text),
        comment=HALVES_DISAGREE_COMMENT,
    )
    file_sha256: Mapped[str | None] = mapped_column(
        String(64),
        comment="SHA-256 of the whole seed file last imported: an unchanged file is skipped "
        "without parsing.",
    )
    derivation_version: Mapped[int] = mapped_column(
        server_default="0",
        comment="archive_db.derivation.DERIVATION_VERSION of the import that derived this "
        "document's rows from its file (0: before versions were recorded). An import "
        "re-derives documents of an older version even when their file is unchanged.",
    )
    created_at: Mapped[created_at]
    updated_at: Mapped[dt.datetime] = mapped_column(
        server_default=text("now()"), comment="When an import last changed this document."
    )

    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    origin_place: Mapped[Place | None] = relationship()
    archival_references: Mapped[list[ArchivalReference]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ArchivalReference.position",
    )
    citations: Mapped[list[Citation]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Citation.position",
    )
    people: Mapped[list[DocumentPerson]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    places: Mapped[list[DocumentPlace]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )


class DocumentVersion(Base):
    """One revision of one text of a document. Append-only: a changed text is a new row."""

    __tablename__ = "document_versions"
    __table_args__ = (
        CheckConstraint(check_in("origin_kind", ORIGIN_KINDS), name="origin_kind"),
        CheckConstraint("revision >= 1", name="revision_positive"),
        CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name="sha256_hex"),
        UniqueConstraint("document_id", "language", "origin", "revision"),
        # At most one current revision per text.
        Index(
            "uq_document_versions_current",
            "document_id",
            "language",
            "origin",
            unique=True,
            postgresql_where=text("is_current"),
        ),
        Index("ix_document_versions_search_vector", "search_vector", postgresql_using="gin"),
        {
            "comment": "The texts of a document: one row per revision of each language "
            "and origin; the current revision has is_current."
        },
    )

    id: Mapped[intpk]
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), comment="The document."
    )
    language: Mapped[str] = mapped_column(
        String(8), comment="ISO 639-1 language of this text: ru, en."
    )
    origin: Mapped[str] = mapped_column(
        Text, comment="Provenance token of the seed file's metadata line: tom18, AI."
    )
    origin_kind: Mapped[str] = mapped_column(
        Text, comment="volume (printed in a volume), machine_translation, human_translation."
    )
    origin_volume: Mapped[str | None] = mapped_column(
        Text, comment="Collected-works volume number the text was printed in (18)."
    )
    translation_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_versions.id", ondelete="SET NULL"),
        index=True,
        comment="The revision this text was translated from, for translations.",
    )
    title: Mapped[str] = mapped_column(Text, comment="Title of this version as printed.")
    body: Mapped[str] = mapped_column(
        Text, comment="The text verbatim, typos and mixed scripts included. Never rewritten."
    )
    sha256: Mapped[str] = mapped_column(
        String(64), comment="SHA-256 of body (UTF-8), lowercase hex: detects changed texts."
    )
    revision: Mapped[int] = mapped_column(
        SmallInteger, server_default="1", comment="1 for the first import, +1 per changed text."
    )
    is_current: Mapped[bool] = mapped_column(
        server_default=text("true"), comment="True for the latest revision of this text."
    )
    source_line: Mapped[str | None] = mapped_column(
        Text, comment="The version's source line as printed (Source: Tom 18 / Том 18)."
    )
    printed_date: Mapped[str | None] = mapped_column(
        Text, comment="Date printed under this version's heading."
    )
    addressee_block: Mapped[list[str] | None] = mapped_column(
        ARRAY(Text), comment="Lines of the addressee block as printed."
    )
    salutation: Mapped[str | None] = mapped_column(Text, comment="Salutation as printed.")
    closing_date: Mapped[str | None] = mapped_column(
        Text, comment="Date printed at the end of the text."
    )
    signatures: Mapped[list[str] | None] = mapped_column(
        ARRAY(Text), comment="Signatures as printed (Фын Си)."
    )
    postscript: Mapped[str | None] = mapped_column(Text, comment="Postscript as printed.")
    notes: Mapped[list[str] | None] = mapped_column(
        ARRAY(Text), comment="Editor's notes (Примечание. / Note.) as printed."
    )
    import_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_runs.id", ondelete="SET NULL"),
        index=True,
        comment="The import run that brought this revision.",
    )
    search_vector: Mapped[str] = mapped_column(
        TSVECTOR,
        Computed(SEARCH_VECTOR_SQL, persisted=True),
        comment="Full-text index of title and body, stemmed by language (russian/english).",
    )
    created_at: Mapped[created_at]

    document: Mapped[Document] = relationship(back_populates="versions")
    translation_of: Mapped[DocumentVersion | None] = relationship(remote_side="DocumentVersion.id")
    import_run: Mapped[ImportRun | None] = relationship()
