"""Archival files: the documents of one archive / fond / opis / delo in folio order."""

from __future__ import annotations

from sqlalchemy import bindparam, or_, select
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


_AR = ArchivalReference
# Built once: only the values change from call to call (a delo is looked up often).
_LISTING = (
    select(
        Archive.code,
        _AR.fond,
        _AR.opis,
        _AR.delo,
        _AR.folios,
        _AR.folio_start,
        _AR.folio_end,
        Document.key,
        Document.title,
        Document.date_text,
        Document.date_start,
    )
    .select_from(_AR)
    .join(Archive, Archive.id == _AR.archive_id)
    .join(Document, Document.id == _AR.document_id)
    .where(
        or_(
            Archive.code.in_(bindparam("codes", expanding=True)),
            Archive.code_latin.in_(bindparam("codes", expanding=True)),
        )
    )
    .order_by(_AR.fond, _AR.opis, _AR.delo, _AR.folio_start, Document.key)
)
_BY = {name: getattr(_AR, name) == bindparam(name) for name in ("fond", "opis", "delo")}
_STATEMENTS = {
    given: _LISTING.where(*(_BY[name] for name in given))
    for given in ((), ("fond",), ("fond", "opis"), ("fond", "opis", "delo"))
}


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
    values = {"fond": fond, "opis": opis, "delo": delo}
    for name, value in values.items():
        reject_nul(name, value)
    given = {name: value.strip() for name, value in values.items() if value is not None}
    statement = _STATEMENTS[tuple(given)]
    rows = session.connection().execute(statement, {"codes": archive_code_forms(archive), **given})
    return [FileEntry(*row) for row in rows]


def file_documents(
    session: Session, archive: str, fond: str, opis: str, delo: str
) -> list[FileEntry]:
    """The documents of one archival file (delo), in folio order."""
    return references(session, archive, fond, opis, delo)
