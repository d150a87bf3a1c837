"""Linking a document to the people, places, archives and sources it names.

Two steps. ``prepare`` runs before a batch's transaction, on the worker's
autocommit connection: it resolves every name, archive and source of the batch and
creates the ones nobody has seen (a provisional person for an unknown addressee or
signatory, never dropped) in short statements of their own, in sorted order. So
workers never wait on each other's long transactions nor deadlock, and a batch that
rolls back cannot leave the caches pointing at rows that are gone. ``link`` then
builds the batch's rows from the caches alone, inside the transaction.
"""

from __future__ import annotations

import fnmatch
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Protocol

import psycopg

from archive_db.importer import rows
from archive_db.seedfile.model import Citation, NameMention, NameRole, ParsedDocument

PERSON_ROLES = {NameRole.AUTHOR, NameRole.SIGNATORY, NameRole.ADDRESSEE, NameRole.INTERMEDIARY,
                NameRole.RECIPIENT}  # fmt: skip
PLACE_ROLES = {NameRole.ORIGIN, NameRole.DESTINATION}
_TABLES = {"person": ("people", "person_names", "person_id"),
           "place": ("places", "place_names", "place_id")}  # fmt: skip


class Match(Protocol):
    slug: str
    kind: str  # "person" or "place"


class Mention(Protocol):
    slug: str
    kind: str
    text_as_written: str
    start: int


MentionLine = tuple[str, str, str, int]  # kind, slug, name as written, line
DocumentMentions = list[list[MentionLine]]  # one list per version, in version order


class Matcher(Protocol):
    def match(self, name: str, language: str) -> Match | None: ...
    def find_mentions(self, text: str, language: str) -> Sequence[Mention]: ...


@dataclass(slots=True)
class Links:
    people: list[tuple[object, ...]] = field(default_factory=list)  # rows.PERSON_LINK_COLUMNS
    places: list[tuple[object, ...]] = field(default_factory=list)  # rows.PLACE_LINK_COLUMNS
    origin_place: dict[int, int] = field(default_factory=dict)  # document id → place id


def provisional_slug(normalized_name: str) -> str:
    """The slug of the provisional entry made for a name no authority entry knows."""
    return "provisional-" + (
        re.sub(r"[^\w]+", "-", normalized_name.casefold()).strip("-") or "unnamed"
    )


class Linker:
    def __init__(
        self, matcher: Matcher, normalize: Callable[[str], str], script_of: Callable[[str], str]
    ) -> None:
        self.matcher = matcher
        self.normalize = normalize
        self.script_of = script_of
        self.ids: dict[tuple[str, str], int] = {}  # (kind, slug) → id
        # (kind, text, language, nominative) → slug, or None for a name not to file
        self._names: dict[tuple[str, str, str, str | None], str | None] = {}
        self._archives: dict[str, int] = {}  # Cyrillic code → id
        self._sources: dict[tuple[object, ...], int] = {}  # rows.source_key → id

    def load_ids(self, conn: psycopg.Connection) -> None:
        for kind, (table, _, _) in _TABLES.items():
            for slug, id_ in conn.execute(f"SELECT slug, id FROM {table}"):
                self.ids[(kind, slug)] = id_

    # -- step 1: resolve and create, outside the batch's transaction ---------------
    def recognize(self, doc: ParsedDocument) -> None:
        """Add to ``doc.names`` the people its Russian text names that the recognizer
        finds (``archive_db.recognition``), as mentions to resolve with the role names.
        Pure: it runs in the parsing process, ahead of the database work."""
        from archive_db.recognition import recognize

        for version in doc.versions:
            if version.language != "ru":
                continue
            line_ends = list(accumulate(len(t) + 1 for t in version.body.split("\n")))
            # What the authority matcher finds wins over a proposal that overlaps or
            # touches it ("Соединенных Штатах Америки" is the USA, not also "Америка").
            known = [(m.start, m.end) for m in self.matcher.find_mentions(version.body, "ru")]
            greeting = version.body.find(version.salutation) if version.salutation else -1
            for p in recognize(version.body):
                if any(s - 1 <= p.end and p.start <= e + 1 for s, e in known):
                    continue
                if p.kind == "place" and greeting <= p.start < greeting + len(
                        version.salutation or ""):
                    continue  # a salutation greets a person: "Здравствуй, Татька!"
                line = version.body_line + bisect_right(line_ends, p.start)
                doc.names.append(NameMention(p.text, NameRole.MENTIONED, "ru", line, p.kind,
                                             method="ner", confidence=0.8, lemma=p.lemma))

    def _resolved(self, doc: ParsedDocument) -> Iterable[tuple[NameMention, str, str]]:
        """(name, kind, slug) of the names the file gives a role or the recognizer found.
        A name in a translation that no authority entry knows is left out where the
        original is there: the original's layout names the same person, in its language."""
        has_original = any(v.language == "ru" for v in doc.versions)
        for name in doc.names:
            if name.role in PERSON_ROLES | PLACE_ROLES or name.method == "ner":
                kind = "place" if name.role in PLACE_ROLES else name.kind
                slug = self._slug_of(kind, name)
                if slug is None or (has_original and name.language != "ru"
                                    and slug.startswith("provisional-")):
                    continue
                yield name, kind, slug

    def prepare(self, conn: psycopg.Connection, docs: Sequence[ParsedDocument]) -> None:
        assert conn.autocommit, "prepare commits as it goes: it needs an autocommit connection"
        unknown: dict[tuple[str, str], tuple[str, str]] = {}  # (kind, slug) → (name, language)
        for doc in docs:
            for name, kind, slug in self._resolved(doc):
                if (kind, slug) not in self.ids:
                    shown = name.lemma or name.text
                    # The fullest form names the entry: "Н. С. Аллилуева" over "Аллилуева".
                    if len(shown) > len(unknown.get((kind, slug), ("", ""))[0]):
                        unknown[(kind, slug)] = (shown, name.language)
        self._create_provisional(conn, unknown)
        codes = {r.archive: r.archive_latin for d in docs for r in d.archival_references}
        self._create_archives(conn, {c: latin for c, latin in codes.items() if c})
        self._create_sources(conn, [c for d in docs for c in d.citations])

    def _place_slug(self, name: NameMention) -> str | None:
        """A place no authority entry knows: a country under its CLDR name (which may be a
        curated entry's), else a provisional entry under its English name. A multi-word
        name the recognizer proposes is too often a phrase to file unconfirmed."""
        from archive_db.recognition import placenames

        lemma = name.lemma or name.text
        if name.language != "ru":
            return provisional_slug(self.normalize(lemma))
        if (country := placenames.country(lemma)) is not None:
            match = self.matcher.match(country, "en")
            if match is not None and match.kind == "place" and ("place", match.slug) in self.ids:
                return match.slug
        elif name.method == "ner" and " " in lemma.strip():
            return None
        return provisional_slug(self.normalize(placenames.english(lemma)))

    def _slug_of(self, kind: str, name: NameMention) -> str | None:
        """The authority entry a name resolves to (as written, else in the nominative),
        else its provisional slug: the nominative without initials, so that "В. В.
        Мартышин" of a title and "Мартышину" of the addressee line are one entry. None:
        not to be filed (the recognizer's "place" that the authorities know as a person)."""
        key = (kind, name.text, name.language, name.lemma)
        if key not in self._names:
            self._names[key] = self._resolve(kind, name)
        return self._names[key]

    def _resolve(self, kind: str, name: NameMention) -> str | None:
        for form in dict.fromkeys(f for f in (name.text, name.lemma) if f):
            match = self.matcher.match(form, name.language)
            if match is not None and match.kind == kind and (kind, match.slug) in self.ids:
                return match.slug
            if match is not None and name.method == "ner":
                return None  # "Энгельса" read as a place is Engels
        if kind == "place":
            return self._place_slug(name)
        words = (name.lemma or name.text).split()
        core = " ".join(w for w in words if not w.endswith(".")) or " ".join(words)
        return provisional_slug(self.normalize(core))

    def _create_provisional(
        self, conn: psycopg.Connection, unknown: dict[tuple[str, str], tuple[str, str]]
    ) -> None:
        for kind in ("person", "place"):
            todo = sorted((slug, *unknown[(k, slug)]) for k, slug in unknown if k == kind)
            if not todo:
                continue
            table, names, fk = _TABLES[kind]
            # A Russian place is filed under its English name (see recognition.placenames),
            # its Russian form a variant beside the romanization.
            entries = [(slug, *_provisional_names(kind, name, language))
                       for slug, name, language in todo]
            # ON CONFLICT: another worker may create the same entry at the same time.
            conn.cursor().executemany(
                f"INSERT INTO {table} (slug, preferred_name, provisional) VALUES (%s, %s, true)"
                " ON CONFLICT (slug) DO NOTHING",
                [(slug, preferred) for slug, preferred, _ in entries],
            )
            cur = conn.execute(
                f"SELECT slug, id FROM {table} WHERE slug = ANY(%s)", ([s for s, _, _ in todo],)
            )
            self.ids.update({(kind, slug): id_ for slug, id_ in cur})
            conn.cursor().executemany(
                f"INSERT INTO {names} ({fk}, name, name_normalized, kind, language, script)"
                " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                [(self.ids[(kind, slug)], name, self.normalize(name), name_kind, language,
                  self.script_of(name)) for slug, _, forms in entries
                 for name, language, name_kind in forms],
            )  # fmt: skip

    def _create_archives(self, conn: psycopg.Connection, codes: dict[str, str | None]) -> None:
        """Archives no authority file lists are added under the code the text prints."""
        if missing := sorted(c for c in codes if c not in self._archives):
            conn.cursor().executemany(
                "INSERT INTO archives (code, code_latin) VALUES (%s, %s)"
                " ON CONFLICT (code) DO NOTHING",
                [(c, codes[c]) for c in missing],
            )
            cur = conn.execute("SELECT code, id FROM archives WHERE code = ANY(%s)", (missing,))
            self._archives.update(dict(cur.fetchall()))

    def _create_sources(self, conn: psycopg.Connection, citations: Sequence[Citation]) -> None:
        """A citation that prints less than a stored source (the volume without its
        year) lands on the one stored source that agrees with every field it has."""
        todo = {k: c for c in citations if (k := rows.source_key(c)) not in self._sources}
        if not todo:
            return
        keys = sorted(todo, key=repr)
        columns = [list(column) for column in zip(*keys, strict=True)]
        matches: dict[int, list[int]] = {}
        for ordinal, source_id in conn.execute(_SOURCE_LOOKUP, columns):
            matches.setdefault(ordinal, []).append(source_id)
        missing = []
        for ordinal, key in enumerate(keys, 1):
            if len(found := matches.get(ordinal, [])) == 1:
                self._sources[key] = found[0]
            else:
                missing.append(key)
        if missing:
            cur = conn.cursor()
            cur.executemany(
                _SOURCE_UPSERT,
                [(*key, todo[key].source_latin, todo[key].authors, todo[key].publisher,
                  todo[key].place) for key in missing],
                returning=True,
            )  # fmt: skip
            for key in missing:
                self._sources[key] = cur.fetchone()[0]  # type: ignore[index]
                cur.nextset()

    def _collection_author(self, doc: ParsedDocument) -> tuple[str, str] | None:
        """(slug, name) of the author of the collection the document's volume is in."""
        for pattern, slug, shown in getattr(self.matcher, "collections", ()):
            if doc.volume and fnmatch.fnmatchcase(doc.volume.lower(), pattern):
                return slug, shown
        return None

    # -- step 2: rows, inside the batch's transaction ------------------------------
    def archive_id(self, code: str | None) -> int | None:
        return self._archives.get(code) if code else None

    def source_id(self, citation: Citation) -> int:
        return self._sources[rows.source_key(citation)]

    def mentions(self, doc: ParsedDocument) -> DocumentMentions:
        """Per version, where the body names someone or somewhere: (kind, slug, name as
        written, line), the first of each name on each line, in text order. Pure, so it
        can run ahead of the database work in another process (it is a third of the
        import's Python time), and small, so sending it back is cheap."""
        out: DocumentMentions = []
        for version in doc.versions:
            found = self.matcher.find_mentions(version.body, version.language)
            rows: list[MentionLine] = []
            if found:
                # Offsets just past each line's newline: a mention's line is a bisect.
                line_ends = list(accumulate(len(t) + 1 for t in version.body.split("\n")))
                seen: set[tuple[str, str, int]] = set()
                for m in found:
                    line = version.body_line + bisect_right(line_ends, m.start)
                    if (m.kind, m.slug, line) not in seen:
                        seen.add((m.kind, m.slug, line))
                        rows.append((m.kind, m.slug, m.text_as_written, line))
            out.append(rows)
        return out

    def link(self, docs: Iterable[tuple[int, ParsedDocument, DocumentMentions | None]]) -> Links:
        """The people and places rows of prepared documents: no database access."""
        links = Links()
        seen: set[tuple[object, ...]] = set()
        # (kind, id, language, line) of this document's names that carry a role.
        role_lines: set[tuple[str, int, str, int | None]] = set()

        def add(doc_id: int, kind: str, id_: int, role: str, language: str, written: str,
                line: int | None) -> None:  # fmt: skip
            if (key := (doc_id, kind, id_, role, language)) not in seen:
                seen.add(key)
                if role != "mentioned":
                    role_lines.add((kind, id_, language, line))
                target = links.people if kind == "person" else links.places
                target.append((doc_id, id_, role, language, written, line))
                if kind == "place" and role == "origin":
                    links.origin_place.setdefault(doc_id, id_)

        for doc_id, doc, found in docs:
            role_lines.clear()
            named = [(name, kind, self.ids[(kind, slug)]) for name, kind, slug
                     in self._resolved(doc)]  # fmt: skip
            # A title's addressee that the addressee lines show passing it on ("Телеграмма
            # Т.Ф. Штыкову" / "Штыкову для товарища Ким Ир Сена") is the intermediary.
            passing = {id_ for name, _, id_ in named if name.role is NameRole.INTERMEDIARY}
            signers = {id_ for name, kind, id_ in named
                       if name.role is NameRole.SIGNATORY and kind == "person"}
            for name, kind, id_ in named:
                if name.method == "ner" or (name.role is NameRole.ADDRESSEE
                                            and name.method == "title" and id_ in passing):
                    continue  # recognized mentions come after the role names
                add(doc_id, kind, id_, name.role.value, name.language, name.text, name.line)
                if name.role is NameRole.SIGNATORY:  # who signs, wrote it
                    add(doc_id, kind, id_, "author", name.language, name.text, name.line)
            if (author := self._collection_author(doc)) is not None:
                slug, shown = author
                id_ = self.ids.get(("person", slug))
                # Every item is the author's unless its signatures name only others.
                if id_ is not None and (not signers or id_ in signers):
                    language = doc.versions[0].language if doc.versions else "ru"
                    add(doc_id, "person", id_, "author", language, shown, None)
            for name, kind, id_ in named:
                if name.method == "ner" and (doc_id, kind, id_, "mentioned", name.language) \
                        not in seen and (kind, id_, name.language, name.line) not in role_lines:
                    add(doc_id, kind, id_, "mentioned", name.language, name.text, name.line)
            # The addressee block and signatures are part of the body too: a name on
            # the line that gave it a role is not also "mentioned" there. One row per
            # person, role and language: the first mention off those lines.
            for version, mentions in zip(
                doc.versions, self.mentions(doc) if found is None else found, strict=True
            ):
                language = version.language
                for kind, slug, written, line in mentions:
                    id_ = self.ids.get((kind, slug))
                    if id_ is None or (doc_id, kind, id_, "mentioned", language) in seen:
                        continue
                    if (kind, id_, language, line) not in role_lines:
                        add(doc_id, kind, id_, "mentioned", language, written, line)
        return links


def _provisional_names(
    kind: str, name: str, language: str
) -> tuple[str, list[tuple[str, str, str]]]:
    """A provisional entry's preferred name and its name forms (name, language, kind)."""
    if kind == "place" and language == "ru":
        from archive_db.recognition import placenames

        english = placenames.english(name)
        return english, [(name, "ru", "variant"), (english, "en", "transliteration")]
    return name, [(name, language, "variant")]


# kind, title, volume and issue must agree; a year or day the citation lacks may differ.
# One query for the batch: the keys go in as arrays, one per column.
_SOURCE_LOOKUP = """
SELECT k.ordinal, s.id
FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::smallint[], %s::date[])
     WITH ORDINALITY AS k(kind, title, volume, issue, year, issue_date, ordinal)
JOIN sources s ON s.kind = k.kind AND s.title = k.title
  AND s.volume IS NOT DISTINCT FROM k.volume AND s.issue IS NOT DISTINCT FROM k.issue
  AND (k.year IS NULL OR s.year = k.year) AND (k.issue_date IS NULL OR s.issue_date = k.issue_date)
"""
_SOURCE_UPSERT = """
INSERT INTO sources (kind, title, volume, issue, year, issue_date, title_latin, authors,
                     publisher, place)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
ON CONFLICT ON CONSTRAINT uq_sources_kind_title_volume_issue_year_issue_date
DO UPDATE SET title_latin = coalesce(sources.title_latin, EXCLUDED.title_latin)
RETURNING id
"""
