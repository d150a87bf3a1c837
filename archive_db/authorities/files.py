"""Reading the curated authority files (``seeds/authorities/*.toml``) into plain data.

No database here: the loader checks each entry against the vocabularies the
database accepts, so a bad entry fails with its file and line, not at sync time.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive_db.authorities.normalize import normalize_name, script_of
from archive_db.vocab import NAME_KINDS, PLACE_KINDS, SOURCE_KINDS

FILES = {"person": "people.toml", "place": "places.toml",
         "archive": "archives.toml", "source": "sources.toml",
         "collection": "collections.toml"}  # fmt: skip
# Name list keys: `<plural kind>_<language>`, e.g. variants_ru, pseudonyms_en.
_NAME_KEYS = {"variants": "variant", "pseudonyms": "pseudonym",
              "transliterations": "transliteration", "inflected": "inflected"}  # fmt: skip
_NAME_KEY = re.compile(r"^(variants|pseudonyms|transliterations|inflected)_([a-z]{2,3})$")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_COMMON_KEYS = {"slug", "name_en", "name_ru", "wikidata", "authority_scheme", "authority_id",
                "note", "scan_exclude"}  # fmt: skip


class AuthorityFileError(Exception):
    """An authority file that cannot be used: where, and why."""

    def __init__(self, path: Path | str, line: int | None, reason: str) -> None:
        self.path = Path(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True, slots=True)
class NameForm:
    name: str
    kind: str  # one of vocab.NAME_KINDS
    language: str  # ISO 639-1
    script: str  # one of vocab.SCRIPTS

    @property
    def normalized(self) -> str:
        return normalize_name(self.name)


@dataclass(slots=True)
class PersonEntry:
    slug: str
    preferred_name: str
    preferred_name_ru: str | None
    names: list[NameForm]
    authority_scheme: str | None = None
    authority_id: str | None = None
    note: str | None = None
    scan_exclude: frozenset[str] = frozenset()  # normalized forms not looked for in bodies
    line: int | None = None


@dataclass(slots=True)
class PlaceEntry:
    slug: str
    preferred_name: str
    preferred_name_ru: str | None
    names: list[NameForm]
    place_kind: str = "other"
    authority_scheme: str | None = None
    authority_id: str | None = None
    note: str | None = None
    scan_exclude: frozenset[str] = frozenset()
    line: int | None = None


@dataclass(slots=True)
class ArchiveEntry:
    code: str
    code_latin: str | None
    name_ru: str | None
    name_en: str | None
    aliases: list[str] = field(default_factory=list)
    line: int | None = None


@dataclass(slots=True)
class SourceEntry:
    slug: str
    kind: str  # one of vocab.SOURCE_KINDS
    title: str
    title_latin: str | None = None
    short_titles: list[str] = field(default_factory=list)  # Вестник, Vestnik, Соч.
    authors: str | None = None
    volume: str | None = None
    year: int | None = None
    publisher: str | None = None
    place: str | None = None
    note: str | None = None
    line: int | None = None

    @property
    def key(self) -> tuple[object, ...]:
        """The natural key of the sources table: kind, title, volume, issue, year, issue_date."""
        return (self.kind, self.title, self.volume, None, self.year, None)


@dataclass(slots=True)
class CollectionEntry:
    """A collection whose every item is by one author unless the document shows another
    (the collected works): said once here, not per document."""

    slug: str
    title: str
    author: str  # a person's slug
    volumes: str  # a glob over the volume folders it covers: "tom*"
    note: str | None = None
    line: int | None = None


@dataclass(slots=True)
class Authorities:
    collections: list[CollectionEntry] = field(default_factory=list)
    people: list[PersonEntry] = field(default_factory=list)
    places: list[PlaceEntry] = field(default_factory=list)
    archives: list[ArchiveEntry] = field(default_factory=list)
    sources: list[SourceEntry] = field(default_factory=list)

    def person(self, slug: str) -> PersonEntry | None:
        return next((p for p in self.people if p.slug == slug), None)

    def place(self, slug: str) -> PlaceEntry | None:
        return next((p for p in self.places if p.slug == slug), None)

    def archive(self, code: str) -> ArchiveEntry | None:
        """By Cyrillic or Latin code or alias, ignoring spaces, dots and case."""
        want = _squash(code)
        return next((a for a in self.archives
                     if want in {_squash(c) for c in (a.code, a.code_latin, *a.aliases) if c}),
                    None)  # fmt: skip

    def source_for(self, title: str, volume: str | None = None) -> SourceEntry | None:
        """The serial or edition a printed title (full, Latin or short) stands for;
        None when unknown or when several entries share it (give the ``volume``)."""
        want = normalize_name(title)
        found = [
            s for s in self.sources
            if want in {normalize_name(t) for t in (s.title, s.title_latin, *s.short_titles) if t}
            and (volume is None or s.volume == volume)
        ]  # fmt: skip
        return found[0] if len(found) == 1 else None


def _squash(code: str) -> str:
    return re.sub(r"[\s.]", "", code).upper()


def load_authorities(directory: Path) -> Authorities:
    """Read the four files of ``directory``; a missing file is an empty list."""
    directory = Path(directory)
    if not directory.is_dir():
        raise AuthorityFileError(directory, None, "no such directory")
    auth = Authorities()
    for table, filename in FILES.items():
        path = directory / filename
        if not path.exists():
            continue
        raw, entries = _read(path, table)
        lines = _entry_lines(raw, table)
        for index, data in enumerate(entries):
            reader = _Entry(path, raw, lines[index] if index < len(lines) else None, data)
            if table == "person":
                auth.people.append(_person(reader))
            elif table == "place":
                auth.places.append(_place(reader))
            elif table == "archive":
                auth.archives.append(_archive(reader))
            elif table == "collection":
                auth.collections.append(_collection(reader))
            else:
                auth.sources.append(_source(reader))
    _check_unique(directory, auth)
    for c in auth.collections:
        if auth.person(c.author) is None:
            raise AuthorityFileError(directory / FILES["collection"], c.line,
                                     f"collection {c.slug!r}: author {c.author!r} "
                                     "is no person's slug")
    return auth


def collection_author(authorities: Authorities, volume: str | None) -> CollectionEntry | None:
    """The collection a volume folder belongs to, if one names its author."""
    return next((c for c in authorities.collections
                 if volume and fnmatch.fnmatchcase(volume.lower(), c.volumes)), None)


def _read(path: Path, table: str) -> tuple[str, list[dict[str, Any]]]:
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise AuthorityFileError(path, None, f"not UTF-8: {exc.reason}") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise AuthorityFileError(path, int(m.group(1)) if m else None, reason) from None
    unknown = set(data) - {table}
    if unknown:
        key = sorted(unknown)[0]
        raise AuthorityFileError(path, _line_of(raw, key), f"unexpected table {key!r}; "
                                 f"this file holds [[{table}]] entries")  # fmt: skip
    entries = data.get(table, [])
    if not isinstance(entries, list):
        raise AuthorityFileError(path, _line_of(raw, table), f"{table} must be [[{table}]]")
    return raw, entries


def _entry_lines(raw: str, table: str) -> list[int]:
    header = re.compile(rf"^\s*\[\[\s*{table}\s*\]\]")
    return [n for n, line in enumerate(raw.splitlines(), 1) if header.match(line)]


def _line_of(raw: str, key: str, after: int = 0) -> int | None:
    pattern = re.compile(rf"^\s*(?:\[+\s*)?\"?{re.escape(key)}\"?\s*(?:=|\])")
    for n, line in enumerate(raw.splitlines(), 1):
        if n > after and pattern.match(line):
            return n
    return None


class _Entry:
    """One entry's table with typed getters that fail with the key's line."""

    def __init__(self, path: Path, raw: str, line: int | None, data: dict[str, Any]) -> None:
        self.path, self.raw, self.line, self.data = path, raw, line, data

    def fail(self, key: str | None, reason: str) -> AuthorityFileError:
        line = _line_of(self.raw, key, (self.line or 0)) if key else None
        return AuthorityFileError(self.path, line or self.line, reason)

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.fail(None, f"entry has no {key!r}")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"{key!r} must be a non-empty string")
        return value.strip()

    def texts(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, f"{key!r} must be a list of non-empty strings")
        return [v.strip() for v in value]

    def integer(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise self.fail(key, f"{key!r} must be an integer")
        return value

    def only(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed and not _NAME_KEY.match(key):
                raise self.fail(key, f"unknown key {key!r}")


def _names(e: _Entry) -> tuple[str, str | None, list[NameForm]]:
    slug = e.text("slug", required=True)
    assert slug is not None
    if not SLUG_PATTERN.match(slug):
        raise e.fail("slug", f"slug {slug!r} must be lowercase words joined by hyphens")
    name_en = e.text("name_en", required=True)
    assert name_en is not None
    name_ru = e.text("name_ru")
    forms = [NameForm(name_en, "preferred", "en", script_of(name_en))]
    if name_ru:
        forms.append(NameForm(name_ru, "preferred", "ru", script_of(name_ru)))
    for key in e.data:
        if m := _NAME_KEY.match(key):
            kind, language = _NAME_KEYS[m.group(1)], m.group(2)
            forms.extend(NameForm(n, kind, language, script_of(n)) for n in e.texts(key))
    seen: set[tuple[str, str]] = set()
    unique = []
    for form in forms:  # the table's key is (entry, name, language): first kind wins
        if (form.name, form.language) not in seen:
            seen.add((form.name, form.language))
            unique.append(form)
    assert {f.kind for f in unique} <= set(NAME_KINDS)
    return slug, name_ru, unique


def _authority(e: _Entry) -> tuple[str | None, str | None]:
    if qid := e.text("wikidata"):
        if not re.fullmatch(r"Q[1-9]\d*", qid):
            raise e.fail("wikidata", f"wikidata id {qid!r} is not a QID (Q followed by digits)")
        return "wikidata", qid
    scheme, ident = e.text("authority_scheme"), e.text("authority_id")
    if (scheme is None) != (ident is None):
        raise e.fail("authority_scheme", "authority_scheme and authority_id go together")
    return scheme, ident


def _scan_exclude(e: _Entry) -> frozenset[str]:
    return frozenset(normalize_name(n) for n in e.texts("scan_exclude"))


def _person(e: _Entry) -> PersonEntry:
    e.only(_COMMON_KEYS)
    slug, name_ru, forms = _names(e)
    scheme, ident = _authority(e)
    return PersonEntry(slug, forms[0].name, name_ru, forms, scheme, ident, e.text("note"),
                       _scan_exclude(e), e.line)  # fmt: skip


def _place(e: _Entry) -> PlaceEntry:
    e.only(_COMMON_KEYS | {"kind"})
    slug, name_ru, forms = _names(e)
    kind = e.text("kind") or "other"
    if kind not in PLACE_KINDS:
        raise e.fail("kind", f"place kind {kind!r} is not one of {', '.join(PLACE_KINDS)}")
    scheme, ident = _authority(e)
    return PlaceEntry(slug, forms[0].name, name_ru, forms, kind, scheme, ident, e.text("note"),
                      _scan_exclude(e), e.line)  # fmt: skip


def _archive(e: _Entry) -> ArchiveEntry:
    e.only({"code", "code_latin", "name_ru", "name_en", "aliases"})
    code = e.text("code", required=True)
    assert code is not None
    return ArchiveEntry(code, e.text("code_latin"), e.text("name_ru"), e.text("name_en"),
                        e.texts("aliases"), e.line)  # fmt: skip


def _collection(e: _Entry) -> CollectionEntry:
    e.only({"slug", "title", "author", "volumes", "note"})
    slug, title = e.text("slug", required=True), e.text("title", required=True)
    author, volumes = e.text("author", required=True), e.text("volumes", required=True)
    assert slug is not None and title is not None and author is not None and volumes is not None
    return CollectionEntry(slug, title, author, volumes, e.text("note"), e.line)


def _source(e: _Entry) -> SourceEntry:
    e.only({"slug", "kind", "title", "title_latin", "short_titles", "authors", "volume", "year",
            "publisher", "place", "note"})  # fmt: skip
    slug = e.text("slug", required=True)
    kind = e.text("kind", required=True)
    title = e.text("title", required=True)
    assert slug is not None and kind is not None and title is not None
    if not SLUG_PATTERN.match(slug):
        raise e.fail("slug", f"slug {slug!r} must be lowercase words joined by hyphens")
    if kind not in SOURCE_KINDS:
        raise e.fail("kind", f"source kind {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    volume = e.data.get("volume")
    if isinstance(volume, int) and not isinstance(volume, bool):
        volume = str(volume)  # `volume = 18` and `volume = "18"` are the same
    elif volume is not None:
        volume = e.text("volume")
    return SourceEntry(slug, kind, title, e.text("title_latin"), e.texts("short_titles"),
                       e.text("authors"), volume, e.integer("year"), e.text("publisher"),
                       e.text("place"), e.text("note"), e.line)  # fmt: skip


def _check_unique(directory: Path, auth: Authorities) -> None:
    """Slugs, codes, authority ids and source keys: the database's unique constraints."""
    groups: list[tuple[str, list[tuple[object, int | None]]]] = [
        ("people.toml", [(p.slug, p.line) for p in auth.people]),
        ("people.toml", [((p.authority_scheme, p.authority_id), p.line)
                         for p in auth.people if p.authority_id]),
        ("places.toml", [(p.slug, p.line) for p in auth.places]),
        ("places.toml", [((p.authority_scheme, p.authority_id), p.line)
                         for p in auth.places if p.authority_id]),
        ("archives.toml", [(a.code, a.line) for a in auth.archives]),
        ("archives.toml", [(a.code_latin, a.line) for a in auth.archives if a.code_latin]),
        ("sources.toml", [(s.slug, s.line) for s in auth.sources]),
        ("sources.toml", [(s.key, s.line) for s in auth.sources]),
    ]  # fmt: skip
    for filename, values in groups:
        seen: dict[object, int | None] = {}
        for value, line in values:
            if value in seen:
                raise AuthorityFileError(directory / filename, line,
                                         f"{value!r} already used by the entry at line "
                                         f"{seen[value]}")  # fmt: skip
            seen[value] = line
