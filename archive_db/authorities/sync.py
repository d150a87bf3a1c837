"""Writing the authority entries to the database, and reading the matcher back from it.

Upserts are batched (one statement per few hundred rows) and only rewrite a row
whose values differ, so a re-run writes nothing. Entries removed from the files are
kept (documents may link to them) and reported as stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, or_, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from archive_db.authorities.files import Authorities, PersonEntry, PlaceEntry
from archive_db.authorities.matching import NameMatcher, NameRow
from archive_db.authorities.normalize import normalize_name
from archive_db.models.archives import Archive
from archive_db.models.people import Person, PersonName
from archive_db.models.places import Place, PlaceName
from archive_db.models.sources import Source

BATCH = 500
SOURCE_KEY = ("kind", "title", "volume", "issue", "year", "issue_date")
SOURCE_CONSTRAINT = "uq_sources_kind_title_volume_issue_year_issue_date"

# Every name form of every person and place, provisional ones included: what the
# matcher is built from. Plain SQL so the importer can run it on a psycopg connection.
NAME_ROWS_SQL = """
SELECT p.slug, 'person' AS kind, n.name, n.language, n.kind AS name_kind, NOT p.provisional
  FROM person_names n JOIN people p ON p.id = n.person_id
UNION ALL
SELECT p.slug, 'place', n.name, n.language, n.kind, NOT p.provisional
  FROM place_names n JOIN places p ON p.id = n.place_id
ORDER BY 1, 3, 4
"""


@dataclass(slots=True)
class AuthorityIds:
    people: dict[str, int] = field(default_factory=dict)  # slug → people.id
    places: dict[str, int] = field(default_factory=dict)  # slug → places.id
    archives: dict[str, int] = field(default_factory=dict)  # Cyrillic code → archives.id
    sources: dict[str, int] = field(default_factory=dict)  # slug → sources.id
    source_keys: dict[tuple[object, ...], int] = field(default_factory=dict)  # natural key → id
    # In the database but no longer in the files: kept, for a curator to look at.
    stale_people: list[str] = field(default_factory=list)
    stale_places: list[str] = field(default_factory=list)
    stale_archives: list[str] = field(default_factory=list)
    # Provisional entries an authority entry now matches: (kind, provisional slug, slug).
    provisional_matches: list[tuple[str, str, str]] = field(default_factory=list)


def _batches(
    rows: Sequence[dict[str, Any]], size: int = BATCH
) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _upsert(session: Session, table: Table, rows: Sequence[dict[str, Any]],
            conflict: dict[str, Any], update: Iterable[str]) -> None:  # fmt: skip
    """INSERT … ON CONFLICT DO UPDATE of ``update`` columns, only where a value differs."""
    update = list(update)
    for batch in _batches(rows):
        stmt = insert(table).values(list(batch))
        stmt = stmt.on_conflict_do_update(
            **conflict,
            set_={c: stmt.excluded[c] for c in update},
            where=or_(*(table.c[c].is_distinct_from(stmt.excluded[c]) for c in update)),
        )
        session.execute(stmt)


def _entries(
    session: Session,
    table: Table,
    names: Table,
    fk: str,
    entries: Sequence[PersonEntry | PlaceEntry],
    extra: dict[str, str],
) -> dict[str, int]:
    """People or places and all their name forms; returns slug → id."""
    rows = [
        {"slug": e.slug, "preferred_name": e.preferred_name,
         "preferred_name_ru": e.preferred_name_ru, "authority_scheme": e.authority_scheme,
         "authority_id": e.authority_id, "provisional": False,
         **{column: getattr(e, attr) for column, attr in extra.items()}}
        for e in entries
    ]  # fmt: skip
    _upsert(session, table, rows, {"index_elements": ["slug"]}, (c for c in rows[0] if c != "slug"))
    slugs = [e.slug for e in entries]
    query = select(table.c.slug, table.c.id).where(table.c.slug.in_(slugs))
    ids = {slug: id_ for slug, id_ in session.execute(query)}
    name_rows = [
        {fk: ids[e.slug], "name": n.name, "name_normalized": normalize_name(n.name),
         "kind": n.kind, "language": n.language, "script": n.script}
        for e in entries for n in e.names
    ]  # fmt: skip
    _upsert(session, names, name_rows, {"index_elements": [fk, "name", "language"]},
            ("name_normalized", "kind", "script"))  # fmt: skip
    return ids


def sync_authorities(session: Session, authorities: Authorities) -> AuthorityIds:
    """Upsert every entry; the caller owns the transaction (nothing is committed here)."""
    result = AuthorityIds()
    people, places = Person.__table__, Place.__table__
    if authorities.people:
        result.people = _entries(session, people, PersonName.__table__, "person_id",
                                 authorities.people, {"note": "note"})  # fmt: skip
    if authorities.places:
        result.places = _entries(session, places, PlaceName.__table__, "place_id",
                                 authorities.places, {"kind": "place_kind"})  # fmt: skip
    if authorities.archives:
        result.archives = _archives(session, authorities)
    if authorities.sources:
        result.sources, result.source_keys = _sources(session, authorities)
    result.stale_people = _stale(session, people, authorities.people)
    result.stale_places = _stale(session, places, authorities.places)
    archives = Archive.__table__
    codes = {a.code for a in authorities.archives}
    result.stale_archives = [
        c for (c,) in session.execute(select(archives.c.code)) if c not in codes
    ]
    result.provisional_matches = _provisional_matches(session, authorities)
    return result


def _archives(session: Session, authorities: Authorities) -> dict[str, int]:
    table = Archive.__table__
    rows = [{"code": a.code, "code_latin": a.code_latin, "name_ru": a.name_ru, "name_en": a.name_en}
            for a in authorities.archives]  # fmt: skip
    _upsert(
        session, table, rows, {"index_elements": ["code"]}, ("code_latin", "name_ru", "name_en")
    )
    codes = [a.code for a in authorities.archives]
    query = select(table.c.code, table.c.id).where(table.c.code.in_(codes))
    return {code: id_ for code, id_ in session.execute(query)}


SourceKey = tuple[object, ...]


def _sources(
    session: Session, authorities: Authorities
) -> tuple[dict[str, int], dict[SourceKey, int]]:
    table = Source.__table__
    rows = [
        {"kind": s.kind, "title": s.title, "volume": s.volume, "issue": None, "year": s.year,
         "issue_date": None, "title_latin": s.title_latin, "authors": s.authors,
         "publisher": s.publisher, "place": s.place}
        for s in authorities.sources
    ]  # fmt: skip
    _upsert(session, table, rows, {"constraint": SOURCE_CONSTRAINT},
            ("title_latin", "authors", "publisher", "place"))  # fmt: skip
    titles = {s.title for s in authorities.sources}
    query = select(*(table.c[c] for c in SOURCE_KEY), table.c.id).where(table.c.title.in_(titles))
    by_key = {tuple(row[:-1]): row[-1] for row in session.execute(query)}
    wanted = {s.key for s in authorities.sources}
    by_key = {k: v for k, v in by_key.items() if k in wanted}
    return {s.slug: by_key[s.key] for s in authorities.sources}, by_key


def _stale(
    session: Session, table: Table, entries: Sequence[PersonEntry | PlaceEntry]
) -> list[str]:
    slugs = {e.slug for e in entries}
    query = select(table.c.slug).where(table.c.provisional.is_(False)).order_by(table.c.slug)
    return [s for (s,) in session.execute(query) if s not in slugs]


def _provisional_matches(session: Session, authorities: Authorities) -> list[tuple[str, str, str]]:
    rows = session.execute(text(
        "SELECT 'person', slug, preferred_name FROM people WHERE provisional"
        " UNION ALL SELECT 'place', slug, preferred_name FROM places WHERE provisional"
        " ORDER BY 1, 2"
    )).all()  # fmt: skip
    if not rows:
        return []
    matcher = NameMatcher.from_authorities(authorities)
    found = []
    for kind, slug, name in rows:
        language = "en" if name.isascii() else "ru"
        if (m := matcher.match(name, language, kind)) is not None:
            found.append((kind, slug, m.slug))
    return found


def matcher_from_db(session: Session, authorities: Authorities | None = None) -> NameMatcher:
    """A matcher over every name in the database, provisional entries included.

    Provisional names are matched as whole names but not looked for in running text
    (they are unchecked, often a single surname). ``authorities`` restores the files'
    ``scan_exclude`` lists, which the database does not hold.
    """
    excluded: set[tuple[str, str, str]] = set()
    if authorities is not None:
        for kind, entries in (("person", authorities.people), ("place", authorities.places)):
            for e in entries:
                excluded |= {(kind, e.slug, n) for n in e.scan_exclude}
    rows = []
    for slug, kind, name, language, name_kind, scan in session.execute(text(NAME_ROWS_SQL)):
        if scan and excluded and (kind, slug, normalize_name(name)) in excluded:
            scan = False
        rows.append(NameRow(slug, kind, name, language, name_kind, scan))
    matcher = NameMatcher(rows)
    if authorities is not None:
        names = {p.slug: p.preferred_name_ru or p.preferred_name for p in authorities.people}
        matcher.collections = [(c.volumes, c.author, names[c.author])
                               for c in authorities.collections]
    return matcher
