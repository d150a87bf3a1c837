"""Linking a document to the people, places, archives and sources it names.

Two steps. ``prepare`` runs before a batch's transaction, on the worker's
autocommit connection: it resolves every name, archive and source of the batch and
creates the ones nobody has seen (a provisional person for an unknown addressee or
signatory, never dropped) in short statements of their own, in sorted order. So
workers never wait on each other's long transactions nor deadlock, and a batch that
rolls back cannot leave the caches pointing at rows that are gone. ``link`` then
builds the batch's rows from the caches alone, inside the transaction.

Which entry a name stands for (authority, provisional or none) and how the link was
made (method, confidence) is decided in one place, ``resolve.py``; this module
gathers the names and writes down its answers.
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
from archive_db.importer.resolve import FOUND_CONFIDENCE, Decisions, Resolution, Resolver
from archive_db.importer.resolve import provisional_slug as provisional_slug  # re-exported
from archive_db.seedfile.halves import latin_key, same_name
from archive_db.seedfile.model import Citation, NameMention, NameRole, ParsedDocument

PERSON_ROLES = {NameRole.AUTHOR, NameRole.SIGNATORY, NameRole.ADDRESSEE, NameRole.INTERMEDIARY,
                NameRole.RECIPIENT}  # fmt: skip
PLACE_ROLES = {NameRole.ORIGIN, NameRole.DESTINATION}
_CAPITALIZED = re.compile(r"(?<![\w.])[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?")
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


MentionLine = tuple[str, str, str, int, str]  # kind, slug, name as written, line, method
DocumentMentions = list[list[MentionLine]]  # one list per version, in version order


class Matcher(Protocol):
    def match(self, name: str, language: str) -> Match | None: ...
    def find_mentions(self, text: str, language: str) -> Sequence[Mention]: ...


@dataclass(slots=True)
class Links:
    people: list[tuple[object, ...]] = field(default_factory=list)  # rows.PERSON_LINK_COLUMNS
    places: list[tuple[object, ...]] = field(default_factory=list)  # rows.PLACE_LINK_COLUMNS
    origin_place: dict[int, int] = field(default_factory=dict)  # document id → place id


class Linker:
    def __init__(
        self, matcher: Matcher, normalize: Callable[[str], str], script_of: Callable[[str], str]
    ) -> None:
        self.matcher = matcher
        self.normalize = normalize
        self.script_of = script_of
        self.ids: dict[tuple[str, str], int] = {}  # (kind, slug) → id
        self.resolver = Resolver(matcher, normalize)  # names → entries, with provenance
        self._archives: dict[str, int] = {}  # Cyrillic code → id
        self._sources: dict[tuple[object, ...], int] = {}  # rows.source_key → id

    def load_ids(self, conn: psycopg.Connection) -> None:
        for kind, (table, _, _) in _TABLES.items():
            for slug, id_ in conn.execute(f"SELECT slug, id FROM {table}"):
                self.ids[(kind, slug)] = id_

    def load_decisions(self, conn: psycopg.Connection) -> None:
        """The curators' decisions the resolution of names follows (resolve.py)."""
        self.resolver.use(Decisions.load(conn))

    # -- step 1: resolve and create, outside the batch's transaction ---------------
    def recognize(self, doc: ParsedDocument) -> None:
        """Add to ``doc.names`` the people and places its Russian text names that the
        recognizer finds (``archive_db.recognition``), to be resolved with the role names.
        Pure: it runs in the parsing process, ahead of the database work."""
        if not getattr(self.matcher, "recognition", True):
            return
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
                                             method="ner", confidence=FOUND_CONFIDENCE["ner"],
                                             lemma=p.lemma))
        self._translated_mentions(doc)

    def _translated_mentions(self, doc: ParsedDocument) -> None:
        """The people the recognizer found in the original, where a translation names
        them: a capitalized word of its text whose transliteration is the surname's
        ("Товстухи" → Tovstukha). The recognizer reads Russian only; this links the
        English text to the same entries."""
        found = [n for n in doc.names if n.method == "ner" and n.kind == "person"]
        if not found:
            return
        keys = {latin_key(_surname(n.lemma or n.text)): n for n in found}
        for version in doc.versions:
            if version.language == "ru":
                continue
            seen: set[str] = set()
            for offset, line_text in enumerate(version.body.split("\n")):
                for m in _CAPITALIZED.finditer(line_text):
                    key = latin_key(m.group(0))
                    match = next((n for k, n in keys.items()
                                  if len(k) >= 3 and same_name(k, key) and k[:4] == key[:4]),
                                 None)  # fmt: skip
                    if match is not None and match.lemma not in seen:
                        seen.add(match.lemma or match.text)
                        doc.names.append(NameMention(
                            m.group(0), NameRole.MENTIONED, version.language,
                            version.body_line + offset, "person", method="ner",
                            confidence=FOUND_CONFIDENCE["ner"], lemma=match.lemma))

    def _resolved(self, doc: ParsedDocument) -> Iterable[tuple[NameMention, str, Resolution]]:
        """(name, kind, resolution) of the names the file gives a role and the names the
        recognizer found. A name in a translation that no entry knows is left out where
        the original is there: the original's layout names the same person, in its
        language (and a curator can merge what remains)."""
        has_original = any(v.language == "ru" for v in doc.versions)
        resolved: list[tuple[NameMention, str, Resolution | None]] = []
        for name in doc.names:
            if name.role in PERSON_ROLES | PLACE_ROLES or name.method == "ner":
                kind = "place" if name.role in PLACE_ROLES else name.kind
                resolved.append((name, kind, self.resolver.role(kind, name, self.ids)))
        originals = [(n, k, h) for n, k, h in resolved if n.language == "ru" and h is not None]
        for name, kind, how in resolved:
            if has_original and name.language != "ru" and (
                    how is None or (kind, how.slug) not in self.ids):
                # An unknown name of the translation is the original's entry of the same
                # role whose surname transliterates alike ("P. I. Zabrodin", "Забродину").
                same = [h for n, k, h in originals if k == kind and n.role is name.role
                        and same_name(latin_key(_surname(n.lemma or n.text)),
                                      latin_key(_surname(name.text)))]
                if not same:
                    continue
                # A curator's decision about the original is the translation's too.
                how = same[0] if same[0].method == "curator" or how is None else Resolution(
                    same[0].slug, how.method, how.confidence)
            if how is not None:
                yield name, kind, how

    def prepare(self, conn: psycopg.Connection, docs: Sequence[ParsedDocument]) -> None:
        assert conn.autocommit, "prepare commits as it goes: it needs an autocommit connection"
        unknown: dict[tuple[str, str], tuple[str, str]] = {}  # (kind, slug) → (name, language)
        written: dict[tuple[str, str], set[tuple[str, str]]] = {}  # the names as written
        for doc in docs:
            for name, kind, how in self._resolved(doc):
                if (kind, how.slug) not in self.ids:
                    written.setdefault((kind, how.slug), set()).add((name.text, name.language))
                    shown = name.lemma or name.text
                    # The original's fullest form names the entry: "Н. С. Аллилуева" over
                    # "Аллилуева" and over the translation's "N. S. Alliluyeva".
                    had = unknown.get((kind, how.slug))
                    if had is None or (name.language == "ru", len(shown)) > (
                            had[1] == "ru", len(had[0])):
                        unknown[(kind, how.slug)] = (shown, name.language)
        self._create_provisional(conn, unknown, written)
        codes = {r.archive: r.archive_latin for d in docs for r in d.archival_references}
        self._create_archives(conn, {c: latin for c, latin in codes.items() if c})
        self._create_sources(conn, [c for d in docs for c in d.citations])

    def _collection_author(self, doc: ParsedDocument) -> tuple[str, str] | None:
        """(slug, name) of the author of the collection the document's volume is in."""
        for pattern, slug, shown in getattr(self.matcher, "collections", ()):
            if doc.volume and fnmatch.fnmatchcase(doc.volume.lower(), pattern):
                return slug, shown
        return None

    def _create_provisional(
        self, conn: psycopg.Connection, unknown: dict[tuple[str, str], tuple[str, str]],
        written: dict[tuple[str, str], set[tuple[str, str]]],
    ) -> None:
        """New provisional entries, under their nominative; every form the texts wrote
        is a name form of theirs too, so a curator's decision covers it."""
        for kind in ("person", "place"):
            todo = sorted((slug, *unknown[(k, slug)]) for k, slug in unknown if k == kind)
            if not todo:
                continue
            table, names, fk = _TABLES[kind]
            # A Russian place is filed under its English name (see recognition.placenames),
            # its Russian form a variant beside the romanization.
            entries = []
            for slug, name, language in todo:
                preferred, forms = _provisional_names(kind, name, language)
                seen = {f[0] for f in forms}
                forms += [(text, lang, "variant") for text, lang in
                          sorted(written.get((kind, slug), ())) if text not in seen]
                entries.append((slug, preferred, forms))
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

    # -- step 2: rows, inside the batch's transaction ------------------------------
    def archive_id(self, code: str | None) -> int | None:
        return self._archives.get(code) if code else None

    def source_id(self, citation: Citation) -> int:
        return self._sources[rows.source_key(citation)]

    def mentions(self, doc: ParsedDocument) -> DocumentMentions:
        """Per version, where the body names someone or somewhere: (kind, slug, name as
        written, line, method), the first of each name on each line, in text order. Pure,
        so it can run ahead of the database work in another process (it is a third of the
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
                        rows.append((m.kind, m.slug, m.text_as_written, line, "authority"))
            out.append(rows)
        return out

    def link(self, docs: Iterable[tuple[int, ParsedDocument, DocumentMentions | None]]) -> Links:
        """The people and places rows of prepared documents: no database access."""
        links = Links()
        seen: set[tuple[object, ...]] = set()
        # (kind, id, language, line) of this document's names that carry a role.
        role_lines: set[tuple[str, int, str, int | None]] = set()

        def add(doc_id: int, kind: str, id_: int, role: str, language: str, written: str,
                line: int | None, how: Resolution) -> None:  # fmt: skip
            if (key := (doc_id, kind, id_, role, language)) not in seen:
                seen.add(key)
                if role != "mentioned":
                    role_lines.add((kind, id_, language, line))
                target = links.people if kind == "person" else links.places
                target.append((doc_id, id_, role, language, written, line, how.method,
                               how.confidence))  # fmt: skip
                if kind == "place" and role == "origin":
                    links.origin_place.setdefault(doc_id, id_)

        for doc_id, doc, found in docs:
            role_lines.clear()
            named = [(name, kind, self.ids[(kind, how.slug)], how)
                     for name, kind, how in self._resolved(doc)]  # fmt: skip
            # A title's addressee that the addressee lines show passing it on ("Телеграмма
            # Т.Ф. Штыкову" / "Штыкову для товарища Ким Ир Сена") is the intermediary.
            passing = {id_ for name, _, id_, _ in named if name.role is NameRole.INTERMEDIARY}
            signers = {id_ for name, kind, id_, _ in named
                       if name.role is NameRole.SIGNATORY and kind == "person"}
            for name, kind, id_, how in named:
                if name.method == "ner" or (name.role is NameRole.ADDRESSEE
                                            and name.method == "title" and id_ in passing):
                    continue  # recognized names come after the role names
                add(doc_id, kind, id_, name.role.value, name.language, name.text, name.line, how)
                if name.role is NameRole.SIGNATORY:  # who signs, wrote it
                    add(doc_id, kind, id_, "author", name.language, name.text, name.line, how)
            if (author := self._collection_author(doc)) is not None:
                slug, shown = author
                id_ = self.ids.get(("person", slug))
                # Every item is the author's unless its signatures name only others.
                if id_ is not None and (not signers or id_ in signers):
                    language = "ru" if doc.version("ru") or not doc.versions else \
                        doc.versions[0].language  # the original's
                    add(doc_id, "person", id_, "author", language, shown, None,
                        Resolution(slug, "collection", 1.0))
            # The addressee block and signatures are part of the body too: a name on
            # the line that gave it a role is not also "mentioned" there. One row per
            # person, role and language: the first mention off those lines.
            for version, mentions in zip(
                doc.versions, self.mentions(doc) if found is None else found, strict=True
            ):
                language = version.language
                for kind, slug, written, line, method in mentions:
                    how = self.resolver.found(kind, slug, written, method)
                    id_ = None if how is None else self.ids.get((kind, how.slug))
                    if id_ is None or (doc_id, kind, id_, "mentioned", language) in seen:
                        continue
                    if (kind, id_, language, line) not in role_lines:
                        add(doc_id, kind, id_, "mentioned", language, written, line, how)
            for name, kind, id_, how in named:
                if name.method == "ner" and (doc_id, kind, id_, "mentioned", name.language) \
                        not in seen and (kind, id_, name.language, name.line) not in role_lines:
                    add(doc_id, kind, id_, "mentioned", name.language, name.text, name.line, how)
        return links


def _surname(name: str) -> str:
    """The first word that is not an initial: the surname in "Забродину Петру Ильичу",
    "P. I. Zabrodin", "Kim Il Sung" (whose family name comes first)."""
    words = [w for w in name.split() if not w.endswith(".")]
    if not words:
        return name
    return words[-1] if len(words) < len(name.split()) else words[0]


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
