"""Linking a document to the people, places, archives and sources it names.

Names are resolved with the authority matcher; an addressee, signatory or
intermediary no entry knows becomes a provisional person (or place), never dropped.
Lookups are cached per process, and every miss costs one statement per batch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import psycopg

from archive_db.importer import rows
from archive_db.importer.messages import Message
from archive_db.seedfile.model import Citation, NameRole, ParsedDocument

PERSON_ROLES = {
    NameRole.AUTHOR,
    NameRole.SIGNATORY,
    NameRole.ADDRESSEE,
    NameRole.INTERMEDIARY,
    NameRole.RECIPIENT,
}
PLACE_ROLES = {NameRole.ORIGIN, NameRole.DESTINATION}


class Match(Protocol):
    slug: str
    kind: str  # "person" or "place"


class Mention(Protocol):
    slug: str
    kind: str
    text_as_written: str
    start: int


class Matcher(Protocol):
    def match(self, name: str, language: str) -> Match | None: ...
    def find_mentions(self, text: str, language: str) -> Sequence[Mention]: ...


@dataclass(slots=True)
class Links:
    people: list[tuple[object, ...]] = field(default_factory=list)  # rows.PERSON_LINK_COLUMNS
    places: list[tuple[object, ...]] = field(default_factory=list)  # rows.PLACE_LINK_COLUMNS
    origin_place: dict[int, int] = field(default_factory=dict)  # document id → place id
    messages: list[Message] = field(default_factory=list)


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-") or "unnamed"


class Linker:
    def __init__(self, matcher: Matcher, normalize: callable, script_of: callable) -> None:  # type: ignore[valid-type]
        self.matcher = matcher
        self.normalize = normalize
        self.script_of = script_of
        self.ids: dict[tuple[str, str], int] = {}  # (kind, slug) → id
        self._archives: dict[str, int] = {}
        self._sources: dict[tuple[object, ...], int] = {}

    def load_ids(self, conn: psycopg.Connection) -> None:
        for kind, table in (("person", "people"), ("place", "places")):
            for slug, id_ in conn.execute(f"SELECT slug, id FROM {table}"):
                self.ids[(kind, slug)] = id_

    # -- people and places --------------------------------------------------------
    def link(self, conn: psycopg.Connection, docs: Iterable[tuple[int, ParsedDocument]]) -> Links:
        links = Links()
        pending: list[tuple[int, str, str, str, str, int | None]] = []  # unresolved names
        seen: set[tuple[object, ...]] = set()
        # (kind, id, language, line) of this document's names that carry a role.
        role_lines: set[tuple[str, int, str, int | None]] = set()

        def add(
            doc_id: int,
            kind: str,
            id_: int,
            role: str,
            language: str,
            written: str,
            line: int | None,
        ) -> None:
            if (key := (doc_id, kind, id_, role, language)) not in seen:
                seen.add(key)
                if role != "mentioned":
                    role_lines.add((kind, id_, language, line))
                target = links.people if kind == "person" else links.places
                target.append((doc_id, id_, role, language, written, line))
                if kind == "place" and role == "origin":
                    links.origin_place.setdefault(doc_id, id_)

        for doc_id, doc in docs:
            role_lines.clear()
            for name in doc.names:
                if name.role not in PERSON_ROLES | PLACE_ROLES:
                    continue  # mentions are found in the bodies below
                match = self.matcher.match(name.text, name.language)
                kind = "place" if name.role in PLACE_ROLES else "person"
                if match is not None and match.kind == kind:
                    id_ = self.ids.get((kind, match.slug))
                    if id_ is not None:
                        add(doc_id, kind, id_, name.role.value, name.language, name.text, name.line)
                        if name.role is NameRole.SIGNATORY:  # who signs, wrote it
                            add(doc_id, kind, id_, "author", name.language, name.text, name.line)
                        continue
                pending.append((doc_id, kind, name.role.value, name.language, name.text, name.line))
            # The addressee block and signatures are part of the body too: a name on
            # the line that gave it a role is not also "mentioned" there.
            for version in doc.versions:
                for m in self.matcher.find_mentions(version.body, version.language):
                    id_ = self.ids.get((m.kind, m.slug))
                    line = version.body_line + version.body.count("\n", 0, m.start)
                    if id_ is not None and (m.kind, id_, version.language, line) not in role_lines:
                        add(
                            doc_id,
                            m.kind,
                            id_,
                            "mentioned",
                            version.language,
                            m.text_as_written,
                            line,
                        )

        for doc_id, kind, role, language, written, line in pending:
            id_ = self._provisional(conn, kind, written, language)
            add(doc_id, kind, id_, role, language, written, line)
            if role == "signatory":
                add(doc_id, kind, id_, "author", language, written, line)
        return links

    def _provisional(self, conn: psycopg.Connection, kind: str, name: str, language: str) -> int:
        """The provisional entry for a name no authority knows (created on first sight)."""
        normalized = self.normalize(name)
        slug = "provisional-" + _slug(normalized)
        if (id_ := self.ids.get((kind, slug))) is not None:
            return id_
        table, names, fk = (
            ("people", "person_names", "person_id")
            if kind == "person"
            else ("places", "place_names", "place_id")
        )
        # ON CONFLICT: a concurrent worker may create the same entry first.
        conn.execute(
            f"INSERT INTO {table} (slug, preferred_name, provisional) VALUES (%s, %s, true)"
            " ON CONFLICT (slug) DO NOTHING",
            (slug, name),
        )
        (id_,) = conn.execute(f"SELECT id FROM {table} WHERE slug = %s", (slug,)).fetchone()  # type: ignore[misc]
        conn.execute(
            f"INSERT INTO {names} ({fk}, name, name_normalized, kind, language, script)"
            " VALUES (%s, %s, %s, 'variant', %s, %s) ON CONFLICT DO NOTHING",
            (id_, name, normalized, language, self.script_of(name)),
        )
        self.ids[(kind, slug)] = id_
        return id_

    # -- archives and sources -----------------------------------------------------
    def archive_ids(self, conn: psycopg.Connection, codes: dict[str, str | None]) -> dict[str, int]:
        """Cyrillic code → archive id; codes no one has seen are added."""
        missing = [c for c in codes if c not in self._archives]
        if missing:
            conn.cursor().executemany(
                "INSERT INTO archives (code, code_latin) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                [(c, codes[c]) for c in missing],
            )
            cur = conn.execute("SELECT code, id FROM archives WHERE code = ANY(%s)", (missing,))
            self._archives.update(dict(cur.fetchall()))
        return self._archives

    def source_ids(self, conn: psycopg.Connection, citations: Sequence[Citation]) -> dict:
        """Natural key → source id, creating the sources met for the first time.

        A citation that prints less than the stored source (the volume without its
        year) lands on the one stored source that agrees with every field it has.
        """
        todo = {rows.source_key(c): c for c in citations if rows.source_key(c) not in self._sources}
        for key in list(todo):
            kind, title, volume, issue, year, day = key
            found = conn.execute(
                _SOURCE_LOOKUP, (kind, title, volume, issue, year, year, day, day)
            ).fetchall()
            if len(found) == 1:
                self._sources[key] = found[0][0]
                del todo[key]
        if todo:
            cur = conn.cursor()
            cur.executemany(
                "INSERT INTO sources (kind, title, volume, issue, year, issue_date, title_latin,"
                " authors, publisher, place) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                " ON CONFLICT ON CONSTRAINT uq_sources_kind_title_volume_issue_year_issue_date"
                " DO UPDATE SET title_latin = coalesce(sources.title_latin, EXCLUDED.title_latin)"
                " RETURNING id",
                [
                    (*key, c.source_latin, c.authors, c.publisher, c.place)
                    for key, c in todo.items()
                ],
                returning=True,
            )
            for key in todo:
                self._sources[key] = cur.fetchone()[0]  # type: ignore[index]
                cur.nextset()
        return self._sources


# kind, title, volume and issue must agree; a year or day the citation lacks may differ.
_SOURCE_LOOKUP = """
SELECT id FROM sources
WHERE kind = %s AND title = %s AND volume IS NOT DISTINCT FROM %s
  AND issue IS NOT DISTINCT FROM %s
  AND (%s::smallint IS NULL OR year = %s) AND (%s::date IS NULL OR issue_date = %s)
LIMIT 2
"""
