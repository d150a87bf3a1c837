"""Archival files: the documents of one archive / fond / opis / delo in folio order."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from archive_db.models import ArchivalReference, Archive, Document
from archive_db.repository.errors import InvalidQuery
from archive_db.repository.filters import archive_code_forms, reject_nul
from archive_db.repository.views import FileEntry


def find_archive(session: Session, code: str) -> Archive | None:
    """The archive with this Cyrillic or Latin code (``АП РФ``, ``AP RF``), if any."""
    forms = archive_code_forms(code)
    return session.execute(
        select(Archive).where(or_(Archive.code.in_(forms), Archive.code_latin.in_(forms)))
    ).scalar_one_or_none()


def references(
    session: Session,
    archive: str,
    fond: str | None = None,
    opis: str | None = None,
    delo: str | None = None,
) -> list[FileEntry]:
    """Every reference into ``archive`` (narrowed to a fond, opis, delo), ordered by
    fond, opis, delo and first folio.

    One statement: the archive (a handful of rows) is joined by its code, and within
    one delo the references are one range scan of
    ``ix_archival_references_archive_id_fond_opis_delo`` (archive id, fond, opis, delo,
    folio), each with its document by primary key."""
    if (opis is not None and fond is None) or (delo is not None and opis is None):
        raise InvalidQuery("give fond before opis, and opis before delo")
    for name, value in (("fond", fond), ("opis", opis), ("delo", delo)):
        reject_nul(name, value)
    forms = archive_code_forms(archive)
    ar = ArchivalReference
    q = (
        select(
            Archive.code,
            ar.fond,
            ar.opis,
            ar.delo,
            ar.folios,
            ar.folio_start,
            ar.folio_end,
            Document.key,
            Document.title,
            Document.date_text,
            Document.date_start,
        )
        .select_from(ar)
        .join(Archive, Archive.id == ar.archive_id)
        .join(Document, Document.id == ar.document_id)
        .where(or_(Archive.code.in_(forms), Archive.code_latin.in_(forms)))
    )
    for column, value in ((ar.fond, fond), (ar.opis, opis), (ar.delo, delo)):
        if value is not None:
            q = q.where(column == value.strip())
    q = q.order_by(ar.fond, ar.opis, ar.delo, ar.folio_start, Document.key)
    return [FileEntry(*row) for row in session.execute(q).all()]


def file_documents(
    session: Session, archive: str, fond: str, opis: str, delo: str
) -> list[FileEntry]:
    """The documents of one archival file (delo), in folio order."""
    return references(session, archive, fond, opis, delo)
