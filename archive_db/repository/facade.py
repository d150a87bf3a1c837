"""``ArchiveRepository``: the query functions bound to one Session."""

from __future__ import annotations

from sqlalchemy.orm import Session

from archive_db.repository import archival, documents, people, search
from archive_db.repository.filters import SearchFilters
from archive_db.repository.views import (
    DocumentDetail,
    FileEntry,
    NameCount,
    RevisionView,
    SearchPage,
    YearGroup,
)


class ArchiveRepository:
    """Read access to the archive through a Session the caller owns: nothing here
    commits, flushes or closes it. Each method is the module function of the same
    name with the session bound (its docstring is that function's). Results are
    frozen dataclasses; :func:`archive_db.repository.to_json` writes any of them as
    JSON. Bad input raises :class:`~archive_db.repository.InvalidQuery`."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def document(self, key: str, *, language: str | None = None) -> DocumentDetail:
        return documents.get_document(self.session, key, language=language)

    def revisions(
        self, key: str, *, language: str | None = None, origin: str | None = None
    ) -> list[RevisionView]:
        return documents.revision_history(self.session, key, language=language, origin=origin)

    def search(
        self,
        query: str,
        filters: SearchFilters | None = None,
        *,
        limit: int = 20,
        cursor: str | None = None,
        order: str = "rank",
    ) -> SearchPage:
        return search.search(self.session, query, filters, limit=limit, cursor=cursor, order=order)

    def file_documents(self, archive: str, fond: str, opis: str, delo: str) -> list[FileEntry]:
        return archival.file_documents(self.session, archive, fond, opis, delo)

    def references(
        self,
        archive: str,
        fond: str | None = None,
        opis: str | None = None,
        delo: str | None = None,
    ) -> list[FileEntry]:
        return archival.references(self.session, archive, fond, opis, delo)

    def people(self, *, role: str | None = None, limit: int | None = None) -> list[NameCount]:
        return people.people(self.session, role=role, limit=limit)

    def places(self, *, limit: int | None = None) -> list[NameCount]:
        return people.places(self.session, limit=limit)

    def person_timeline(self, person: str, *, role: str | None = None) -> list[YearGroup]:
        return people.person_timeline(self.session, person, role=role)


# help(ArchiveRepository) shows what each method does: the functions' docstrings.
for _method, _function in (
    ("document", documents.get_document),
    ("revisions", documents.revision_history),
    ("search", search.search),
    ("file_documents", archival.file_documents),
    ("references", archival.references),
    ("people", people.people),
    ("places", people.places),
    ("person_timeline", people.person_timeline),
):
    getattr(ArchiveRepository, _method).__doc__ = _function.__doc__
del _method, _function
