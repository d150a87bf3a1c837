"""People, every form of their names, and their roles in documents."""

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
from archive_db.vocab import LINK_METHODS, NAME_KINDS, PERSON_ROLES, SCRIPTS, check_in

if TYPE_CHECKING:
    from archive_db.models.documents import Document

# Shared with document_places.
METHOD_COMMENT = (
    "How the link was made: layout (addressee block, signature, place line), title, "
    "salutation, collection (the collected works' author), authority (an authority name "
    "form found in running text), ner (entity recognition) or curator (a curator's "
    "decision: curate merge or promote). See docs/linking.md."
)
CONFIDENCE_COMMENT = (
    "How sure the method is of this link, 0 to 1 (1: read from the layout or decided by "
    "a curator). Whether the entry itself is curated is people.provisional / "
    "places.provisional."
)


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (
        UniqueConstraint("authority_scheme", "authority_id"),
        CheckConstraint(
            "(authority_scheme IS NULL) = (authority_id IS NULL)", name="authority_pair"
        ),
        {"comment": "People: from the curated authority files, or provisional when first "
         "met as an unknown addressee or signatory."},
    )  # fmt: skip

    id: Mapped[intpk]
    slug: Mapped[str] = mapped_column(
        Text, unique=True, comment="Stable handle of the authority entry (stalin, kim-il-sung)."
    )
    preferred_name: Mapped[str] = mapped_column(
        Text, comment="Display name, English form (Joseph Stalin)."
    )
    preferred_name_ru: Mapped[str | None] = mapped_column(
        Text, comment="Display name, Russian form (Иосиф Виссарионович Сталин)."
    )
    authority_scheme: Mapped[str | None] = mapped_column(
        Text, comment="Authority the id belongs to, e.g. wikidata."
    )
    authority_id: Mapped[str | None] = mapped_column(
        Text, comment="Identifier in that authority, e.g. the Wikidata QID Q855."
    )
    provisional: Mapped[bool] = mapped_column(
        server_default=text("false"),
        comment="True when created by an import for a name no authority entry knows.",
    )
    note: Mapped[str | None] = mapped_column(Text, comment="Curator's note.")
    created_at: Mapped[created_at]

    names: Mapped[list[PersonName]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )
    documents: Mapped[list[DocumentPerson]] = relationship(back_populates="person")


class PersonName(Base):
    __tablename__ = "person_names"
    __table_args__ = (
        CheckConstraint(check_in("kind", NAME_KINDS), name="kind"),
        CheckConstraint(check_in("script", SCRIPTS), name="script"),
        UniqueConstraint("person_id", "name", "language"),
        {"comment": "Every form of a person's name: preferred, variants, pseudonyms, "
         "transliterations, inflected forms met in texts."},
    )  # fmt: skip

    id: Mapped[intpk]
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True, comment="The person."
    )
    name: Mapped[str] = mapped_column(Text, comment="The name form as written (Фын Си).")
    name_normalized: Mapped[str] = mapped_column(
        Text,
        index=True,
        comment="Lowercased, look-alike Latin letters folded to Cyrillic, ё as е, "
        "punctuation dropped: what name matching compares.",
    )
    kind: Mapped[str] = mapped_column(
        Text, comment="preferred, variant, pseudonym, transliteration or inflected."
    )
    language: Mapped[str] = mapped_column(String(8), comment="Language of this form: ru, en.")
    script: Mapped[str] = mapped_column(Text, comment="ISO 15924 script: Cyrl, Latn.")

    person: Mapped[Person] = relationship(back_populates="names")


class DocumentPerson(Base):
    __tablename__ = "document_people"
    __table_args__ = (
        CheckConstraint(check_in("role", PERSON_ROLES), name="role"),
        CheckConstraint(check_in("method", LINK_METHODS), name="method"),
        CheckConstraint("confidence BETWEEN 0 AND 1", name="confidence_range"),
        UniqueConstraint("document_id", "person_id", "role", "language"),
        Index("ix_document_people_person_id_role", "person_id", "role"),
        {"comment": "Who takes part in a document and how: author, signatory, addressee, "
         "intermediary, recipient, mentioned."},
    )  # fmt: skip

    id: Mapped[intpk]
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), comment="The document."
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), comment="The person."
    )
    role: Mapped[str] = mapped_column(
        Text, comment="author, signatory, addressee, intermediary, recipient or mentioned."
    )
    language: Mapped[str] = mapped_column(
        String(8), comment="Language of the version the name was found in."
    )
    name_as_written: Mapped[str] = mapped_column(
        Text, comment="The name exactly as the text writes it (Ким Ир Сена, Fyn Si)."
    )
    line: Mapped[int | None] = mapped_column(comment="Line of the seed file it was read from.")
    method: Mapped[str] = mapped_column(Text, comment=METHOD_COMMENT)
    confidence: Mapped[float] = mapped_column(REAL, comment=CONFIDENCE_COMMENT)

    document: Mapped[Document] = relationship(back_populates="people")
    person: Mapped[Person] = relationship(back_populates="documents")
