"""Places, their names, and their roles in documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import (
    REAL,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from archive_db.db import Base, created_at, intpk
from archive_db.models.people import CONFIDENCE_COMMENT, METHOD_COMMENT
from archive_db.vocab import LINK_METHODS, NAME_KINDS, PLACE_KINDS, PLACE_ROLES, SCRIPTS, check_in

if TYPE_CHECKING:
    from archive_db.models.documents import Document


class Place(Base):
    __tablename__ = "places"
    __table_args__ = (
        CheckConstraint(check_in("kind", PLACE_KINDS), name="kind"),
        UniqueConstraint("authority_scheme", "authority_id"),
        CheckConstraint(
            "(authority_scheme IS NULL) = (authority_id IS NULL)", name="authority_pair"
        ),
        {"comment": "Places: cities, countries, regions and features such as the 38th parallel."},
    )

    id: Mapped[intpk]
    slug: Mapped[str] = mapped_column(
        Text, unique=True, comment="Stable handle of the authority entry (pyongyang)."
    )
    preferred_name: Mapped[str] = mapped_column(Text, comment="Display name, English form.")
    preferred_name_ru: Mapped[str | None] = mapped_column(
        Text, comment="Display name, Russian form."
    )
    kind: Mapped[str] = mapped_column(
        Text, server_default="other", comment="settlement, country, region, feature or other."
    )
    authority_scheme: Mapped[str | None] = mapped_column(
        Text, comment="Authority the id belongs to, e.g. wikidata."
    )
    authority_id: Mapped[str | None] = mapped_column(
        Text, comment="Identifier in that authority, e.g. Q18808 for Pyongyang."
    )
    provisional: Mapped[bool] = mapped_column(
        server_default=text("false"),
        comment="True when created by an import for a name no authority entry knows.",
    )
    created_at: Mapped[created_at]

    names: Mapped[list[PlaceName]] = relationship(
        back_populates="place", cascade="all, delete-orphan", passive_deletes=True
    )
    documents: Mapped[list[DocumentPlace]] = relationship(back_populates="place")


class PlaceName(Base):
    __tablename__ = "place_names"
    __table_args__ = (
        CheckConstraint(check_in("kind", NAME_KINDS), name="kind"),
        CheckConstraint(check_in("script", SCRIPTS), name="script"),
        UniqueConstraint("place_id", "name", "language"),
        {"comment": "Every form of a place's name, in each language."},
    )

    id: Mapped[intpk]
    place_id: Mapped[int] = mapped_column(
        ForeignKey("places.id", ondelete="CASCADE"), index=True, comment="The place."
    )
    name: Mapped[str] = mapped_column(Text, comment="The name form as written (Пхеньян).")
    name_normalized: Mapped[str] = mapped_column(
        Text, index=True, comment="Normalized form used for matching (see person_names)."
    )
    kind: Mapped[str] = mapped_column(
        Text, comment="preferred, variant, pseudonym, transliteration or inflected."
    )
    language: Mapped[str] = mapped_column(String(8), comment="Language of this form: ru, en.")
    script: Mapped[str] = mapped_column(Text, comment="ISO 15924 script: Cyrl, Latn.")

    place: Mapped[Place] = relationship(back_populates="names")


class DocumentPlace(Base):
    __tablename__ = "document_places"
    __table_args__ = (
        CheckConstraint(check_in("role", PLACE_ROLES), name="role"),
        CheckConstraint(check_in("method", LINK_METHODS), name="method"),
        CheckConstraint("confidence BETWEEN 0 AND 1", name="confidence_range"),
        UniqueConstraint("document_id", "place_id", "role", "language"),
        Index("ix_document_places_place_id_role", "place_id", "role"),
        {"comment": "Places a document names, and how: origin, destination, mentioned."},
    )

    id: Mapped[intpk]
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), comment="The document."
    )
    place_id: Mapped[int] = mapped_column(
        ForeignKey("places.id", ondelete="RESTRICT"), comment="The place."
    )
    role: Mapped[str] = mapped_column(Text, comment="origin, destination or mentioned.")
    language: Mapped[str] = mapped_column(
        String(8), comment="Language of the version the name was found in."
    )
    name_as_written: Mapped[str] = mapped_column(
        Text, comment="The name exactly as the text writes it (Пхеньян, Кореи)."
    )
    line: Mapped[int | None] = mapped_column(comment="Line of the seed file it was read from.")
    method: Mapped[str] = mapped_column(Text, comment=METHOD_COMMENT)
    confidence: Mapped[float] = mapped_column(REAL, comment=CONFIDENCE_COMMENT)

    document: Mapped[Document] = relationship(back_populates="places")
    place: Mapped[Place] = relationship(back_populates="documents")
