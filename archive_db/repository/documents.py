"""One document with everything about it, and the revision history of its texts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive_db.models import (
    ArchivalReference,
    Archive,
    Citation,
    Document,
    DocumentPerson,
    DocumentPlace,
    DocumentVersion,
    Person,
    Place,
    Source,
)
from archive_db.repository.errors import DocumentNotFound, InvalidQuery
from archive_db.repository.filters import reject_nul
from archive_db.repository.views import (
    CitationView,
    DocumentDetail,
    PersonRole,
    PlaceRole,
    ReferenceView,
    RevisionView,
    VersionView,
)

# Printed texts first, then human, then machine translations.
_ORIGIN_ORDER = {"volume": 0, "human_translation": 1, "other": 2, "machine_translation": 3}


def _version_view(v: DocumentVersion) -> VersionView:
    return VersionView(
        id=v.id,
        language=v.language,
        origin=v.origin,
        origin_kind=v.origin_kind,
        title=v.title,
        body=v.body,
        sha256=v.sha256,
        revision=v.revision,
        is_current=v.is_current,
        addressee_block=tuple(v.addressee_block or ()),
        signatures=tuple(v.signatures or ()),
        printed_date=v.printed_date,
        closing_date=v.closing_date,
        postscript=v.postscript,
        translation_of_id=v.translation_of_id,
    )


def get_document(session: Session, key: str, *, language: str | None = None) -> DocumentDetail:
    """The document ``key`` with its current versions (only ``language`` if given),
    people, places, archival references and citations. Raises :class:`DocumentNotFound`."""
    if not key or len(key) > 200:
        raise InvalidQuery("a document key is 1 to 200 characters")
    reject_nul("document key", key)
    reject_nul("language", language)
    doc = session.execute(select(Document).where(Document.key == key)).scalar_one_or_none()
    if doc is None:
        raise DocumentNotFound(key)

    versions_q = select(DocumentVersion).where(
        DocumentVersion.document_id == doc.id, DocumentVersion.is_current
    )
    if language:
        versions_q = versions_q.where(DocumentVersion.language == language)
    versions = sorted(
        session.execute(versions_q).scalars(),
        key=lambda v: (v.language != "ru", _ORIGIN_ORDER.get(v.origin_kind, 9), v.origin),
    )

    people_rows = session.execute(
        select(DocumentPerson, Person)
        .join(Person, Person.id == DocumentPerson.person_id)
        .where(DocumentPerson.document_id == doc.id)
        .order_by(DocumentPerson.role, DocumentPerson.language, DocumentPerson.id)
    ).all()
    place_rows = session.execute(
        select(DocumentPlace, Place)
        .join(Place, Place.id == DocumentPlace.place_id)
        .where(DocumentPlace.document_id == doc.id)
        .order_by(DocumentPlace.role, DocumentPlace.language, DocumentPlace.id)
    ).all()
    ref_rows = session.execute(
        select(ArchivalReference, Archive)
        .outerjoin(Archive, Archive.id == ArchivalReference.archive_id)
        .where(ArchivalReference.document_id == doc.id)
        .order_by(ArchivalReference.position)
    ).all()
    cite_rows = session.execute(
        select(Citation, Source)
        .join(Source, Source.id == Citation.source_id)
        .where(Citation.document_id == doc.id)
        .order_by(Citation.position)
    ).all()

    return DocumentDetail(
        key=doc.key,
        kind=doc.kind,
        title=doc.title,
        index_title=doc.index_title,
        volume=doc.volume,
        position=doc.position,
        date_text=doc.date_text,
        date_start=doc.date_start,
        date_end=doc.date_end,
        date_precision=doc.date_precision,
        date_certainty=doc.date_certainty,
        classification=doc.classification,
        classification_text=doc.classification_text,
        versions=tuple(_version_view(v) for v in versions),
        people=tuple(
            PersonRole(
                p.slug,
                p.preferred_name,
                p.preferred_name_ru,
                dp.role,
                dp.language,
                dp.name_as_written,
            )
            for dp, p in people_rows
        ),
        places=tuple(
            PlaceRole(
                p.slug,
                p.preferred_name,
                p.preferred_name_ru,
                dp.role,
                dp.language,
                dp.name_as_written,
            )
            for dp, p in place_rows
        ),
        references=tuple(
            ReferenceView(
                position=r.position,
                archive_code=a.code if a else None,
                archive_code_latin=a.code_latin if a else None,
                fond=r.fond,
                opis=r.opis,
                delo=r.delo,
                folios=r.folios,
                folio_start=r.folio_start,
                folio_end=r.folio_end,
                printed_ru=r.printed_ru,
                printed_en=r.printed_en,
                papka=r.papka,
            )
            for r, a in ref_rows
        ),
        citations=tuple(
            CitationView(
                position=c.position,
                role=c.role,
                source_kind=s.kind,
                source_title=s.title,
                source_title_latin=s.title_latin,
                volume=s.volume,
                issue=s.issue,
                year=s.year,
                pages=c.pages,
                printed_ru=c.printed_ru,
                printed_en=c.printed_en,
            )
            for c, s in cite_rows
        ),
        halves_disagree=tuple(doc.halves_disagree or ()),
    )


def revision_history(
    session: Session, key: str, *, language: str | None = None, origin: str | None = None
) -> list[RevisionView]:
    """Every revision of the document's texts (of one language / origin if given),
    oldest first within each text. Raises :class:`DocumentNotFound`."""
    for name, value in (("document key", key), ("language", language), ("origin", origin)):
        reject_nul(name, value)
    doc_id = session.execute(select(Document.id).where(Document.key == key)).scalar_one_or_none()
    if doc_id is None:
        raise DocumentNotFound(key)
    q = select(DocumentVersion).where(DocumentVersion.document_id == doc_id)
    if language:
        q = q.where(DocumentVersion.language == language)
    if origin:
        q = q.where(DocumentVersion.origin == origin)
    q = q.order_by(DocumentVersion.language, DocumentVersion.origin, DocumentVersion.revision)
    return [
        RevisionView(
            version_id=v.id,
            language=v.language,
            origin=v.origin,
            revision=v.revision,
            is_current=v.is_current,
            sha256=v.sha256,
            title=v.title,
            created_at=v.created_at,
            import_run_id=v.import_run_id,
        )
        for v in session.execute(q).scalars()
    ]
