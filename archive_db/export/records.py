"""What the exports read: each document with everything said of it, loaded a batch
of documents at a time (one query a table a batch, never one a document), so an
export of any size holds one batch in memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from archive_db.authorities.matching import NameMatcher, NameRow

BATCH = 200


@dataclass(frozen=True, slots=True)
class Entity:
    """A person or place of the archive, as its authority entry names it."""

    kind: str  # person or place
    slug: str
    preferred_name: str
    preferred_name_ru: str | None
    authority_scheme: str | None
    authority_id: str | None
    provisional: bool


@dataclass(frozen=True, slots=True)
class Link:
    """A document's link to a person or place, and how it was made."""

    entity: Entity
    role: str
    language: str
    name_as_written: str
    method: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Version:
    id: int
    language: str
    origin: str
    origin_kind: str
    origin_volume: str | None
    title: str
    body: str | None  # None for revisions that are not current: only the current is exported
    sha256: str
    revision: int
    is_current: bool
    translation_of_id: int | None
    source_line: str | None
    printed_date: str | None
    addressee_block: tuple[str, ...]
    salutation: str | None
    closing_date: str | None
    signatures: tuple[str, ...]
    postscript: str | None
    notes: tuple[str, ...]
    import_run_id: int | None
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Reference:
    position: int
    archive_code: str | None
    archive_code_latin: str | None
    archive_name_ru: str | None
    archive_name_en: str | None
    fond: str | None
    opis: str | None
    papka: str | None
    delo: str | None
    folios: str | None
    folio_start: int | None
    folio_end: int | None
    verso: bool
    ibid: bool
    printed_ru: str | None
    printed_en: str | None


@dataclass(frozen=True, slots=True)
class Citation:
    position: int
    role: str
    pages: str | None
    page_start: int | None
    page_end: int | None
    printed_ru: str | None
    printed_en: str | None
    source_kind: str
    title: str
    title_latin: str | None
    authors: str | None
    volume: str | None
    issue: str | None
    year: int | None
    issue_date: dt.date | None
    publisher: str | None
    place: str | None


@dataclass(slots=True)
class DocumentRecord:
    id: int
    key: str
    volume: str | None
    position: int | None
    kind: str
    title: str
    index_title: str | None
    date_text: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str
    date_edtf: str | None
    date_certainty: str
    classification: str | None
    classification_text: str | None
    origin_place: Entity | None
    halves_disagree: tuple[str, ...] = ()
    versions: list[Version] = field(default_factory=list)
    people: list[Link] = field(default_factory=list)
    places: list[Link] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    # What marks the linked people and places where the text names them: a name
    # matcher shared by the batch, and this document's own (kind, slug) → entity.
    matcher: NameMatcher | None = None
    entities: dict[tuple[str, str], Entity] = field(default_factory=dict)
    # (kind, slug, name) → the authority's kind of that name form (pseudonym ...).
    name_kinds: dict[tuple[str, str, str], str] = field(default_factory=dict)

    @property
    def current_versions(self) -> list[Version]:
        return [v for v in self.versions if v.is_current]


_ENTITY_COLUMNS = (
    "{t}.slug, {t}.preferred_name, {t}.preferred_name_ru, {t}.authority_scheme, "
    "{t}.authority_id, {t}.provisional"
)


def _entity(kind: str, row: Sequence[object], start: int = 0) -> Entity:
    slug, name, name_ru, scheme, ident, provisional = row[start : start + 6]
    return Entity(kind, slug, name, name_ru, scheme, ident, bool(provisional))  # type: ignore[arg-type]


def document_ids(
    conn: Connection,
    keys: Sequence[str] | None = None,
    volume: str | None = None,
    kinds: Sequence[str] | None = None,
) -> list[int]:
    """Ids of the documents asked for, in the volumes' order. Ids only: 10k documents
    are 80 kB; the documents themselves are read a batch at a time."""
    where, params = [], {}
    if keys is not None:
        where.append("key = ANY(:keys)")
        params["keys"] = list(keys)
    if volume is not None:
        where.append("volume = :volume")
        params["volume"] = volume
    if kinds is not None:
        where.append("kind = ANY(:kinds)")
        params["kinds"] = list(kinds)
    sql = "SELECT id FROM documents"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY volume NULLS LAST, position NULLS LAST, key"
    return list(conn.execute(text(sql), params).scalars())


def iter_records(
    conn: Connection, ids: Sequence[int], with_texts: bool = True
) -> Iterator[DocumentRecord]:
    """The documents ``ids``, in that order, a batch at a time. Without texts, only
    the document rows and their links are read (what CMIF needs)."""
    for start in range(0, len(ids), BATCH):
        yield from _batch(conn, list(ids[start : start + BATCH]), with_texts)


def _batch(conn: Connection, ids: list[int], with_texts: bool) -> list[DocumentRecord]:
    docs: dict[int, DocumentRecord] = {}
    for row in conn.execute(
        text(
            "SELECT d.id, d.key, d.volume, d.position, d.kind, d.title, d.index_title, "
            "d.date_text, d.date_start, d.date_end, d.date_precision, d.date_edtf, "
            "d.date_certainty, d.classification, d.classification_text, "
            "coalesce(d.halves_disagree, '{}'), p.id IS NOT NULL, "
            + _ENTITY_COLUMNS.format(t="p")
            + " FROM documents d LEFT JOIN places p ON p.id = d.origin_place_id "
            "WHERE d.id = ANY(:ids)"
        ),
        {"ids": ids},
    ):
        docs[row[0]] = DocumentRecord(
            *row[:15],
            origin_place=_entity("place", row, 17) if row[16] else None,
            halves_disagree=tuple(row[15]),
        )
    params = {"ids": ids}
    for kind, owner in (("person", "people"), ("place", "places")):
        for row in conn.execute(
            text(
                "SELECT l.document_id, l.role, l.language, l.name_as_written, l.method, "
                f"l.confidence, {_ENTITY_COLUMNS.format(t='e')} FROM document_{owner} l "
                f"JOIN {owner} e ON e.id = l.{kind}_id WHERE l.document_id = ANY(:ids) "
                "ORDER BY l.document_id, l.id"
            ),
            params,
        ):
            getattr(docs[row[0]], owner).append(Link(_entity(kind, row, 6), *row[1:6]))
    if with_texts:
        _texts(conn, docs, params)
    return [docs[i] for i in ids if i in docs]


def _texts(conn: Connection, docs: dict[int, DocumentRecord], params: dict) -> None:
    for row in conn.execute(
        text(
            "SELECT document_id, id, language, origin, origin_kind, origin_volume, title, "
            "CASE WHEN is_current THEN body END, sha256, revision, is_current, "
            "translation_of_id, source_line, printed_date, "
            "coalesce(addressee_block, '{}'), salutation, closing_date, "
            "coalesce(signatures, '{}'), postscript, coalesce(notes, '{}'), "
            "import_run_id, created_at FROM document_versions WHERE document_id = ANY(:ids) "
            "ORDER BY document_id, language = 'ru' DESC, language, origin, revision"
        ),
        params,
    ):
        values = list(row[1:])
        for i in (13, 16, 18):  # the arrays
            values[i] = tuple(values[i])
        docs[row[0]].versions.append(Version(*values))
    for row in conn.execute(
        text(
            "SELECT r.document_id, r.position, a.code, a.code_latin, a.name_ru, a.name_en, "
            "r.fond, r.opis, r.papka, r.delo, r.folios, r.folio_start, r.folio_end, "
            "r.verso, r.ibid, r.printed_ru, r.printed_en FROM archival_references r "
            "LEFT JOIN archives a ON a.id = r.archive_id WHERE r.document_id = ANY(:ids) "
            "ORDER BY r.document_id, r.position"
        ),
        params,
    ):
        docs[row[0]].references.append(Reference(*row[1:]))
    for row in conn.execute(
        text(
            "SELECT c.document_id, c.position, c.role, c.pages, c.page_start, c.page_end, "
            "c.printed_ru, c.printed_en, s.kind, s.title, s.title_latin, s.authors, "
            "s.volume, s.issue, s.year, s.issue_date, s.publisher, s.place "
            "FROM citations c JOIN sources s ON s.id = c.source_id "
            "WHERE c.document_id = ANY(:ids) ORDER BY c.document_id, c.position"
        ),
        params,
    ):
        docs[row[0]].citations.append(Citation(*row[1:]))
    _name_forms(conn, docs)


def _name_forms(conn: Connection, docs: dict[int, DocumentRecord]) -> None:
    """One name matcher for the batch (authorities.matching: case forms, look-alike
    letters, whole names), fed every form of the linked people and places and what
    the links wrote; each document then marks only its own people and places."""
    entities: dict[tuple[str, str], Entity] = {}
    rows: set[NameRow] = set()
    kinds: dict[tuple[str, str, str], str] = {}  # the authority's own forms, by kind
    for doc in docs.values():
        for link in (*doc.people, *doc.places):
            entities[(link.entity.kind, link.entity.slug)] = link.entity
            rows.add(NameRow(link.entity.slug, link.entity.kind, link.name_as_written,
                             link.language))  # fmt: skip
    for kind, owner in (("person", "people"), ("place", "places")):
        slugs = [slug for k, slug in entities if k == kind]
        if slugs:
            for slug, name, language, name_kind in conn.execute(
                text(
                    f"SELECT e.slug, n.name, n.language, n.kind FROM {kind}_names n "
                    f"JOIN {owner} e ON e.id = n.{kind}_id WHERE e.slug = ANY(:slugs)"
                ),
                {"slugs": slugs},
            ):
                rows.add(NameRow(slug, kind, name, language, name_kind))
                kinds[(kind, slug, name)] = name_kind
    matcher = NameMatcher(sorted(rows))
    for doc in docs.values():
        doc.matcher = matcher
        doc.name_kinds = kinds
        doc.entities = {
            (link.entity.kind, link.entity.slug): link.entity for link in (*doc.people, *doc.places)
        }
