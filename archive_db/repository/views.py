"""Frozen result types: what the query layer hands out instead of ORM objects.

They are plain values: safe to keep after the session is closed, to compare in
tests, and to turn into JSON with :func:`dataclasses.asdict`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class VersionView:
    """One current text of a document (or one revision of it)."""

    id: int
    language: str
    origin: str
    origin_kind: str
    title: str
    body: str
    sha256: str
    revision: int
    is_current: bool
    addressee_block: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()
    printed_date: str | None = None
    closing_date: str | None = None
    postscript: str | None = None
    # The text this one translates; None for an original, and for a translation whose
    # file pairs it with another document's Russian text (DocumentDetail.halves_disagree).
    translation_of_id: int | None = None


@dataclass(frozen=True, slots=True)
class PersonRole:
    """A person's part in a document, with the name as the text writes it."""

    slug: str
    preferred_name: str
    preferred_name_ru: str | None
    role: str
    language: str
    name_as_written: str


@dataclass(frozen=True, slots=True)
class PlaceRole:
    """A place a document names, and how."""

    slug: str
    preferred_name: str
    preferred_name_ru: str | None
    role: str
    language: str
    name_as_written: str


@dataclass(frozen=True, slots=True)
class ReferenceView:
    """One archival reference: where the original is kept."""

    position: int
    archive_code: str | None
    archive_code_latin: str | None
    fond: str | None
    opis: str | None
    delo: str | None
    folios: str | None
    folio_start: int | None
    folio_end: int | None
    printed_ru: str | None
    printed_en: str | None
    papka: str | None = None  # folder (П.), last so positional construction still works

    @property
    def readable(self) -> str:
        """The reference in Russian citation style: ``АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67``."""
        if self.archive_code is None:
            return (self.printed_ru or self.printed_en or "").rstrip(".")
        parts = [self.archive_code]
        for label, value in (
            ("Ф.", self.fond),
            ("Оп.", self.opis),
            ("П.", self.papka),
            ("Д.", self.delo),
            ("Л.", self.folios),
        ):
            if value:
                parts.append(f"{label} {value}")
        return ". ".join(parts)


@dataclass(frozen=True, slots=True)
class CitationView:
    """One publication of a document, with its locator."""

    position: int
    role: str
    source_kind: str
    source_title: str
    source_title_latin: str | None
    volume: str | None
    issue: str | None
    year: int | None
    pages: str | None
    printed_ru: str | None
    printed_en: str | None


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    """A document with everything known about it; ``versions`` holds current texts only."""

    key: str
    kind: str
    title: str
    index_title: str | None
    volume: str | None
    position: int | None
    date_text: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str
    date_certainty: str
    classification: str | None
    classification_text: str | None
    versions: tuple[VersionView, ...]
    people: tuple[PersonRole, ...]
    places: tuple[PlaceRole, ...]
    references: tuple[ReferenceView, ...]
    citations: tuple[CitationView, ...]
    # Why the texts look like two different documents (dates, addressees, kind, people,
    # length); empty when they are one document in several languages.
    halves_disagree: tuple[str, ...] = ()

    def version(self, language: str) -> VersionView | None:
        """The current text in ``language``: printed before translated."""
        for v in self.versions:
            if v.language == language:
                return v
        return None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One current version matching a search; ``snippet`` marks hits with
    :data:`~archive_db.repository.search.HIGHLIGHT_START` / ``HIGHLIGHT_STOP``."""

    key: str
    version_id: int
    language: str
    origin: str
    title: str
    kind: str
    date_text: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    rank: float
    snippet: str


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of hits; pass ``next_cursor`` back for the next page (None: last page)."""

    hits: tuple[SearchHit, ...]
    next_cursor: str | None


@dataclass(frozen=True, slots=True)
class FileEntry:
    """A document's place in an archival file (fond/opis/delo)."""

    archive_code: str
    fond: str | None
    opis: str | None
    delo: str | None
    folios: str | None
    folio_start: int | None
    folio_end: int | None
    key: str
    title: str
    date_text: str | None
    date_start: dt.date | None


@dataclass(frozen=True, slots=True)
class NameCount:
    """A person or a place with the number of documents naming it."""

    slug: str
    preferred_name: str
    preferred_name_ru: str | None
    documents: int


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """A short mention of a document: enough to list it and look it up."""

    key: str
    title: str
    kind: str
    date_text: str | None
    date_start: dt.date | None
    role: str
    roles: tuple[str, ...] = ()  # every role in the document; ``role`` is the first


@dataclass(frozen=True, slots=True)
class YearGroup:
    """A person's documents in one year (``year`` None: undated)."""

    year: int | None
    documents: tuple[DocumentRef, ...]


@dataclass(frozen=True, slots=True)
class RevisionView:
    """One revision of one text, for its history."""

    version_id: int
    language: str
    origin: str
    revision: int
    is_current: bool
    sha256: str
    title: str
    created_at: dt.datetime
    import_run_id: int | None
