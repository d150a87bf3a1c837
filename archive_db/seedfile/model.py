"""The parsed form of one seed file: plain data, no database.

This is the contract between the parser (``seedfile.reader``), the writer
(``seedfile.writer``) and the importer. Every field that came from the file keeps
the text as printed next to its normalized value, and the line it was read from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"
    UNKNOWN = "unknown"


class Certainty(StrEnum):
    EXACT = "exact"  # printed by the author, e.g. "8 октября 1950 г."
    INFERRED = "inferred"  # editors' dating in square brackets, "[1895 г.]"
    APPROXIMATE = "approximate"  # "около", "ca."
    BOUND = "bound"  # only a bound is known: "до", "не позднее", "после"
    UNKNOWN = "unknown"  # no date at all


class OriginKind(StrEnum):
    VOLUME = "volume"  # ru:tom18 — the text as printed in a collected-works volume
    MACHINE_TRANSLATION = "machine_translation"  # en:AI
    HUMAN_TRANSLATION = "human_translation"
    OTHER = "other"


class Severity(StrEnum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """Something recognized only in part; the text is kept, the reader is told."""

    line: int | None
    code: str  # short machine-readable slug, e.g. "date-mismatch", "reference-unparsed"
    message: str


@dataclass(slots=True)
class DocumentDate:
    text: str | None = None  # the printed date as it stands, e.g. "8 октября 1950 г."
    header: str | None = None  # the ISO date of the metadata line, as written
    start: date | None = None  # first day the document can date from
    end: date | None = None  # last day it can date from
    precision: Precision = Precision.UNKNOWN
    edtf: str | None = None  # EDTF: "1950-10-08", "1950-10", "../1920-07-18"
    certainty: Certainty = Certainty.UNKNOWN


@dataclass(slots=True)
class Origin:
    """Where one version's text comes from (a ``language:origin`` pair of the metadata line)."""

    token: str  # as written: "tom18", "AI"
    kind: OriginKind
    volume: str | None = None  # "18" for tom18
    translated_from: str | None = None  # language of the version this one translates, e.g. "ru"


@dataclass(slots=True)
class Version:
    """One text of a document: one language, one origin."""

    language: str  # ISO 639-1: "ru", "en"
    origin: Origin
    title: str
    body: str  # verbatim, exactly the text between the heading and the citations
    heading_line: int  # 1-based line of the version's title
    body_line: int  # 1-based line where ``body`` starts
    source_line: str | None = None  # "Source: Tom 18" / "Том 18", as printed
    printed_date: str | None = None  # the date printed under the heading, if any
    addressee_block: list[str] = field(default_factory=list)  # lines as printed
    classification: str | None = None  # as printed: "Top Secret.", "Особо секретно."
    salutation: str | None = None
    closing_date: str | None = None
    signatures: list[str] = field(default_factory=list)
    postscript: str | None = None
    notes: list[str] = field(default_factory=list)  # editor's notes ("Примечание." / "Note.")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class ArchivalReference:
    """One archival reference; the prints of both languages merged into one."""

    archive: str  # Cyrillic code: "АП РФ", "РГАСПИ"
    archive_latin: str | None  # "AP RF", "RGASPI"
    fond: str | None
    opis: str | None
    delo: str | None
    folios: str | None  # as printed: "65–67", "12, 15–17 об."
    folio_start: int | None
    folio_end: int | None
    verso: bool = False  # the last folio is a verso ("об.")
    printed: dict[str, str] = field(default_factory=dict)  # language -> text as printed
    line: int | None = None
    ibid: bool = False  # printed as "Там же" / "Ibid." and completed from the previous one
    # Folder (П., папка) between opis and delo, as printed: АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123.
    # Last, with a default, so positional constructions above stay valid.
    papka: str | None = None


class SourceKind(StrEnum):
    COLLECTED_WORKS = "collected_works"
    JOURNAL = "journal"
    NEWSPAPER = "newspaper"
    BOOK = "book"
    OTHER = "other"


@dataclass(slots=True)
class Citation:
    """One published source with its locator; the prints of both languages merged."""

    source_kind: SourceKind
    source: str  # canonical short title in Russian where known: "Вестник", "Правда"
    source_latin: str | None = None  # "Vestnik"
    authors: str | None = None
    volume: str | None = None
    issue: str | None = None
    year: int | None = None
    issue_date: date | None = None  # newspapers: the day of the issue
    publisher: str | None = None
    place: str | None = None
    pages: str | None = None  # as printed: "132–133"
    page_start: int | None = None
    page_end: int | None = None
    role: str = "publication"  # "first_publication", "text_source", "publication"
    printed: dict[str, str] = field(default_factory=dict)  # language -> text as printed
    line: int | None = None
    # Added by the parser: the full title where the short one is known
    # ("Вестник Архива Президента Российской Федерации").
    source_full: str | None = None


class NameRole(StrEnum):
    AUTHOR = "author"
    SIGNATORY = "signatory"
    ADDRESSEE = "addressee"
    INTERMEDIARY = "intermediary"
    RECIPIENT = "recipient"
    MENTIONED = "mentioned"
    ORIGIN = "origin"  # place the document was written
    DESTINATION = "destination"  # place it was sent to


@dataclass(frozen=True, slots=True)
class NameMention:
    """A name as written in the file, with the role the file gives it."""

    text: str
    role: NameRole
    language: str
    line: int | None = None
    kind: str = "person"  # "person" or "place"; a guess the importer may revise
    # How the name was found (vocab.LINK_METHODS): "layout", "title", "salutation",
    # "collection", "authority", "ner"; and how sure that is, 0..1.
    method: str = "layout"
    confidence: float = 1.0
    lemma: str | None = None  # the name in the nominative ("Аллилуевой" → "Аллилуева")


@dataclass(slots=True)
class ParsedDocument:
    path: str
    key: str  # stable key: the 16-hex part of the file name (or the stem, with a warning)
    position: int | None  # NNN of the file name
    volume: str | None  # "tom18": the folder and the metadata line
    title: str  # English index title (line 3), or the first title found
    index_title: str | None  # Russian index title (line 5)
    kind: str  # telegram, letter, speech, order, article, note, report, decree, interview, other
    classification: str | None  # normalized: "top_secret", "secret", "confidential" ...
    date: DocumentDate
    provenance: str  # the metadata line's provenance as written: "ru:tom18;en:AI"
    badge: str | None  # trailing words of the metadata line: "AI translated"
    versions: list[Version]
    archival_references: list[ArchivalReference] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    names: list[NameMention] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    # Why the file's translation and its Russian text look like two different documents
    # (dates, addressees, kind, people, length); empty when nothing says so. A flagged
    # translation's ``origin.translated_from`` is cleared: it is not the Russian's.
    halves_disagree: list[str] = field(default_factory=list)
    # Exact bytes-level conventions of the file, so the writer can round-trip them.
    crlf: bool = False
    bom: bool = False
    trailing_newline: bool = True  # whether the last line ended with a newline

    def version(self, language: str) -> Version | None:
        return next((v for v in self.versions if v.language == language), None)
