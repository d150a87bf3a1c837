"""Seed file → ParsedDocument.

Line handling: a byte-order mark is dropped (``bom=True``); CRLF line ends are turned
into LF before anything else (``crlf=True``), so every body — and its sha256 — is the
LF text. Line numbers are 1-based lines of the file and survive that change.

A version's ``body`` is the file's text from its first non-blank line after the
heading to its last non-blank line before the citations (English: before ``---``;
Russian: before the trailing run of lines shaped like references or citations).
Nothing inside is changed, trailing spaces included; the blank lines that separate
the body from the heading and the citations are layout and are not part of it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from archive_db.seedfile import apparatus, roles
from archive_db.seedfile import citations as cit
from archive_db.seedfile import references as refs
from archive_db.seedfile.apparatus import Part
from archive_db.seedfile.blocks import (
    SOURCE_TOM,
    bare_header,
    cyrillic,
    latin,
    latin_language,
    russian_start,
    spanish_start,
)
from archive_db.seedfile.dates import (
    ParsedDate,
    find_date,
    header_date,
    overlaps,
    parse_date,
    to_document_date,
)
from archive_db.seedfile.errors import (
    BinaryFileError,
    EmptyFileError,
    NoTextError,
    NoTitleError,
    NotUtf8Error,
    UnreadableFileError,
)
from archive_db.seedfile.filenames import VOLUME_DIR, seed_name
from archive_db.seedfile.halves import compare_halves
from archive_db.seedfile.kinds import classification_level, kind_from_layout, kind_from_titles
from archive_db.seedfile.model import (
    ArchivalReference,
    Citation,
    NameMention,
    NameRole,
    Origin,
    OriginKind,
    ParsedDocument,
    ParseWarning,
    SourceKind,
    Version,
)
from archive_db.seedfile.names import mentioned_names
from archive_db.seedfile.structure import analyse
from archive_db.seedfile.wrapping import is_hard_wrapped, paragraph_units

_NAV = re.compile(r"^\s*(?:←|Back to index)", re.I)
_META = re.compile(
    r"^(?:(?P<date>\d{4}(?:-\d{1,2}){0,2})\s+)?"
    r"(?P<prov>[a-z]{2,3}:[^\s;]+(?:\s*;\s*[a-z]{2,3}:[^\s;]+)*)(?:\s+(?P<badge>.*?))?\s*$"
)
_TOM = re.compile(r"^\s*Том\s+(?P<volume>\d+\w*)\s*$")
_SOURCE = re.compile(r"^\s*Source\s*:", re.I)
# Provenance tokens of translations: the exporter's machine translation (AI) and the
# published editions of the Works: English (SCW) and Spanish (OCS), human translations.
_MACHINE = {"ai", "mt", "machine"}
_HUMAN = {"human", "ht", "tr", "translation", "translator", "scw", "ocs"}


def parse_file(path: str | Path, *, mentions: bool = True) -> ParsedDocument:
    """Read and parse one seed file; raises a SeedFileError subclass when it is rejected.

    ``mentions=False`` skips guessing the names mentioned in running text (a third of
    the parsing time): the importer finds those with the authority matcher instead.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise UnreadableFileError(str(path), 1, f"cannot read file: {e.strerror or e}") from e
    return parse_bytes(data, str(path), mentions=mentions)


def parse_bytes(data: bytes, path: str | Path, *, mentions: bool = True) -> ParsedDocument:
    """Parse raw bytes: rejects NUL bytes and invalid UTF-8 with the line they occur on."""
    path = str(path)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # a UTF-16 (or UTF-32) byte-order mark
        raise NotUtf8Error(path, 1, f"not UTF-8: UTF-16 text (byte-order mark 0x{data[:2].hex()})")
    if b"\x00" in data:
        at = data.index(b"\x00")
        raise BinaryFileError(path, data[:at].count(b"\n") + 1, "binary file (NUL byte)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        reason = f"not UTF-8: byte 0x{data[e.start]:02x} at offset {e.start}"
        raise NotUtf8Error(path, line, reason) from e
    return parse_text(text, path, mentions=mentions)


def parse_text(text: str, path: str | Path, *, mentions: bool = True) -> ParsedDocument:
    """Parse decoded text (a leading BOM and CRLF line ends are accepted and recorded)."""
    return _Reader(text, str(path), mentions).parse()


class _Reader:
    def __init__(self, text: str, path: str, mentions: bool = True) -> None:
        self.path = path
        self.mentions = mentions
        self.warnings: list[ParseWarning] = []
        self.bom = text.startswith("\ufeff")
        if self.bom:
            text = text[1:]
        if "\x00" in text:
            raise BinaryFileError(path, text[: text.index("\x00")].count("\n") + 1,
                                  "binary file (NUL byte)")
        self.crlf = "\r\n" in text
        if self.crlf:
            if text.count("\n") != text.count("\r\n"):
                bare = re.search(r"(?<!\r)\n", text)
                line = text[: bare.start()].count("\n") + 1 if bare else None
                self.warn(line, "mixed-line-ends", "both CRLF and LF line ends; read as LF")
            text = text.replace("\r\n", "\n")
        if not text.strip():
            raise EmptyFileError(path, 1, "empty file")
        # A date that opens the English text below a blank line is the letter's own
        # dateline, not a heading: then the Russian line after the title is body too.
        self._dateline = False
        self.trailing_newline = text.endswith("\n")
        self.lines = text.split("\n")
        if self.trailing_newline:
            self.lines.pop()

    def warn(self, line: int | None, code: str, message: str) -> None:
        self.warnings.append(ParseWarning(line, code, message))

    def line(self, index: int) -> str:
        return self.lines[index]

    def _next_content(self, index: int, end: int | None = None) -> int | None:
        end = len(self.lines) if end is None else end
        while index < end and not self.lines[index].strip():
            index += 1
        return index if index < end else None

    # -- file name and header ------------------------------------------------------

    def _name(self) -> tuple[str, int | None, str | None]:
        name = seed_name(self.path)
        if not name.regular:
            self.warn(None, "file-name",
                      f"file name {Path(self.path).name!r} is not NNN_<16 hex>.txt; "
                      "key is the stem")
        return name.key, name.position, name.volume

    def parse(self) -> ParsedDocument:
        key, position, folder_volume = self._name()
        start = self._next_content(0)
        if start is None:  # pragma: no cover - excluded by the emptiness check
            raise EmptyFileError(self.path, 1, "empty file")
        if _NAV.match(self.lines[start]):
            start += 1
        meta_at = next((i for i in range(start, min(len(self.lines), start + 12))
                        if _META.match(self.lines[i].strip())), None)
        header_titles: list[tuple[int, str]] = []
        header: str | None = None
        provenance_text, badge = "", None
        provenance: dict[str, str] = {}
        if meta_at is None:
            self.warn(start + 1, "metadata-missing", "no metadata line (date and provenance)")
            titled, rest = bare_header(self.lines, start)
            header_titles = [(i, self.lines[i].strip()) for i in titled]
        else:
            header_titles = [(i, self.lines[i].strip()) for i in range(start, meta_at)
                             if self.lines[i].strip()]
            m = _META.match(self.lines[meta_at].strip())
            assert m is not None
            header, badge = m.group("date"), m.group("badge") or None
            provenance_text = m.group("prov")
            for pair in re.split(r"\s*;\s*", provenance_text):
                lang, _, token = pair.partition(":")
                provenance[lang] = token
            if header and header_date(header) is None:
                self.warn(meta_at + 1, "header-date-invalid",
                          f"metadata date {header!r} is not a date")
            rest = meta_at + 1
        self.titles = [t for _, t in header_titles]
        self.default_year = self._default_year(header, header_titles)
        self.meta_line = meta_at + 1 if meta_at is not None else None
        title_texts = [t for _, t in header_titles]
        # Title lines: the English one first, then the Russian index title, then (the
        # Works' trilingual pages) a Spanish one under it; a file may lack any but one.
        self.header_title = title_texts[0] if title_texts else None
        self.es_title = next((t for t in title_texts[1:] if latin(t) and (
            "es" in provenance or latin_language(t) == "es")), None)
        self.index_title = next((t for t in title_texts[1:] if cyrillic(t)), next(
            (t for t in title_texts[1:] if t != self.es_title), None))

        versions, cites, refs_by_lang = self._versions(rest, provenance)
        if not header_titles and not any(v.title for v in versions):
            raise NoTitleError(self.path, start + 1, "no title")
        if not versions:
            raise NoTextError(self.path, meta_at + 1 if meta_at is not None else len(self.lines),
                              "no version text after the header")
        if not any(v.body.strip() for v in versions):
            raise NoTextError(self.path, versions[0].heading_line, "no body text")
        if not any(ch.isalpha() for v in versions for ch in v.body):
            first = next(v for v in versions if v.body.strip())
            raise NoTextError(self.path, first.body_line, "no recognizable text (no letters)")
        for lang in provenance:
            if not any(v.language == lang for v in versions):
                self.warn(meta_at + 1 if meta_at is not None else None, "version-missing",
                          f"metadata lists {lang!r} but the file has no such version")

        title = header_titles[0][1] if header_titles else next(
            (v.title for v in sorted(versions, key=lambda v: v.language != "en") if v.title), "")
        index_title = self.index_title
        known = 1 + (index_title is not None) + (self.es_title is not None)
        if len(header_titles) > known:
            self.warn(header_titles[known][0] + 1, "header-extra",
                      f"more title lines before the metadata line than expected; kept {known}")

        volume = self._volume(folder_volume, versions)
        ru = next((v for v in versions if v.language == "ru"), None)
        en = next((v for v in versions if v.language != "ru"), None)
        date = self._date(header, versions, [index_title, title], meta_at)
        classification = self._classification(versions)
        kind = kind_from_titles(index_title, ru.title if ru else None, title,
                                en.title if en else None)
        if kind == "other":
            kind = self._layout_kind(ru or en, index_title)
        references = refs.merge_references(refs_by_lang)
        citations = self._roles(cit.merge_citations(cites), versions, volume)
        names = [n for v in versions for n in self._names[v.language]]
        disagree = self._halves(versions, title, index_title)
        return ParsedDocument(
            path=self.path, key=key, position=position, volume=volume, title=title,
            index_title=index_title, kind=kind, classification=classification, date=date,
            provenance=provenance_text, badge=badge, versions=versions,
            archival_references=references, citations=citations, names=names,
            warnings=self.warnings, halves_disagree=disagree, crlf=self.crlf, bom=self.bom,
            trailing_newline=self.trailing_newline,
        )

    def _halves(self, versions: list[Version], title: str, index_title: str | None) -> list[str]:
        """Reasons a translation and the Russian text are two documents; unlinks them."""
        ru = next((v for v in versions if v.language == "ru"), None)
        if ru is None:
            return []
        found: list[str] = []
        for v in versions:
            if v is ru:
                continue
            reasons = compare_halves(v, ru, title if v.language == "en" else v.title,
                                     index_title, self.default_year)
            if not reasons:
                continue
            if v.origin.translated_from == "ru":
                v.origin.translated_from = None  # not the translation of this Russian text
            prefix = "" if v.language == "en" else f"{v.language}: "
            found += [prefix + r for r in reasons]
            self.warn(ru.heading_line, "halves-disagree",
                      f"the {v.language} and ru texts look like two different documents "
                      f"({'; '.join(reasons)}); neither is stored as the other's translation")
        return found

    # -- splitting and reading the versions -----------------------------------------

    def _versions(
        self, rest: int, provenance: dict[str, str]
    ) -> tuple[list[Version], dict[str, list[Citation]], dict[str, list[ArchivalReference]]]:
        self._names: dict[str, list[NameMention]] = {}
        n = len(self.lines)
        first = self._next_content(rest)
        if first is None:
            return [], {}, {}
        blocks: list[tuple[str, int, int]] = []  # (layout, start, end)
        head = self.lines[first]
        if _TOM.match(head) or (cyrillic(head) and not _SOURCE.match(head)):
            blocks.append(("ru", first, n))
        else:
            ru_at = self._russian_start(first, n)
            blocks.append(("en", first, ru_at if ru_at is not None else n))
            if ru_at is not None:
                es_at = None
                if "es" in provenance or self.es_title:
                    es_at = spanish_start(self.lines, ru_at, n, self.es_title)
                blocks.append(("ru", ru_at, es_at if es_at is not None else n))
                if es_at is not None:
                    blocks.append(("es", es_at, n))
        others = [lang for lang in provenance if lang != "ru"]
        if any(layout == "es" for layout, _, _ in blocks):
            first_latin = next((lang for lang in others if lang != "es"), "en")
        elif others:
            first_latin = others[0]
        else:  # no metadata: English or Spanish, by the text's function words
            en_block = next(((s, e) for lay, s, e in blocks if lay == "en"), None)
            first_latin = latin_language("\n".join(self.lines[en_block[0]:en_block[1]])) \
                if en_block else "en"
        languages = {"ru": "ru", "en": first_latin, "es": "es"}
        present = {languages[layout] for layout, _, _ in blocks}
        versions: list[Version] = []
        cites: dict[str, list[Citation]] = {}
        found: dict[str, list[ArchivalReference]] = {}
        for layout, start, end in blocks:
            language = languages[layout]
            version, trailing = (self._russian if layout == "ru" else self._english)(
                start, end, language)
            version.origin = self._origin(language, provenance, version, present)
            versions.append(version)
            cites[language], found[language], notes = self._trailing(trailing, language)
            self._anatomy(version)
            version.notes = notes + version.notes
        return versions, cites, found

    def _russian_start(self, first: int, n: int) -> int | None:
        ru_at = russian_start(self.lines, first, n, self.index_title)
        if ru_at is not None:
            return ru_at
        # English-only layouts of old: whatever follows the citations after a blank line.
        dash = next((k for k in range(first, n) if self.lines[k].strip() == "---"), None)
        if dash is not None:
            blank = next((k for k in range(dash + 1, n) if not self.lines[k].strip()), None)
            if blank is not None:
                return self._next_content(blank)
        return None

    def _titled(self, start: int, end: int) -> bool:
        """Whether a Latin block opens with its own title (else: at its source line or body)."""
        text = self.lines[start].strip()
        if _SOURCE.match(text):
            return False
        if text in (self.header_title, self.es_title):
            return True
        after = self._next_content(start + 1, end)
        if after == start + 1 and (_SOURCE.match(self.lines[after])
                                   or parse_date(self.lines[after], self.default_year)):
            return True
        # A sentence is body text: a title has no closing punctuation and is not long.
        return not (text.endswith((".", "!", "?", ":", ";", ",")) or len(text) > 150)

    def _english(self, start: int, end: int, language: str) -> tuple[Version, list[int]]:
        title_at: int | None = start
        k = start + 1
        if not self._titled(start, end):
            title_at, k = None, start
            if not _SOURCE.match(self.lines[start]):  # straight at the body: say so
                self.warn(start + 1, "heading-missing",
                          f"the {language} text has no title line of its own; "
                          "the file's title is used")
        source_line = printed = None
        if k < end and _SOURCE.match(self.lines[k]):
            source_line, k = self.lines[k].strip(), k + 1
        if k < end and self.lines[k].strip() and parse_date(self.lines[k], self.default_year):
            printed, k = self.lines[k].strip(), k + 1
        title = self.lines[title_at] if title_at is not None else self.header_title or ""
        body_end, trailing = self._tail(k, end, title)
        opening = self._next_content(k, body_end)
        self._dateline = printed is None and opening is not None and opening > k and bool(
            parse_date(self.lines[opening], self.default_year))
        return self._version(language, title_at, k, body_end, source_line, printed), trailing

    def _russian(self, start: int, end: int, language: str) -> tuple[Version, list[int]]:
        k = start
        source_line = printed = None
        if _TOM.match(self.lines[k]):
            source_line = self.lines[k].strip()
            k = self._next_content(k + 1, end) or end
        title_at = k
        k += 1
        if (k < end and self.lines[k].strip() and not self._dateline
                and parse_date(self.lines[k], self.default_year)):
            printed, k = self.lines[k].strip(), k + 1
        title = self.lines[title_at] if title_at < len(self.lines) else ""
        body_end, trailing = self._tail(k, end, title)
        return self._version(language, title_at, k, body_end, source_line, printed), trailing

    def _tail(self, start: int, end: int, title: str) -> tuple[int, list[int]]:
        """Where the text ends, and the apparatus lines after it (see ``apparatus``)."""
        titles = [t for t in (title, *self.titles) if t]
        body_end = apparatus.body_end(self.lines, start, end, titles)
        return body_end, [i for i in range(body_end, end) if self.lines[i].strip()]

    def _version(self, language: str, title_at: int | None, body_start: int, body_end: int,
                 source_line: str | None, printed: str | None) -> Version:
        b0 = self._next_content(body_start, body_end)
        if title_at is None:  # no title line of its own: the file's title for its language
            title = (self.es_title if language == "es" else None) or self.header_title or ""
            title_at = body_start
        else:
            title = self.lines[title_at].strip() if title_at < len(self.lines) else ""
        if b0 is None:
            self.warn(title_at + 1, "version-empty", f"the {language} version has no body text")
            body, b0 = "", body_start
        else:
            b1 = body_end
            while b1 > b0 and not self.lines[b1 - 1].strip():
                b1 -= 1
            body = "\n".join(self.lines[b0:b1])
        origin = Origin("", OriginKind.OTHER)
        return Version(language, origin, title, body, title_at + 1, b0 + 1, source_line=source_line,
                       printed_date=printed)

    def _origin(self, language: str, provenance: dict[str, str], version: Version,
                present: set[str]) -> Origin:
        token = provenance.get(language)
        if token is None:
            tom = _TOM.match(version.source_line or "")
            if tom:
                self.warn(version.heading_line, "provenance-missing",
                          f"no provenance for the {language} version in the metadata line; "
                          f"taken from {version.source_line!r}")
                return Origin("", OriginKind.VOLUME, volume=tom.group("volume"))
            if language != "ru" and "ru" in present:
                # The Russian text is the original of this corpus; how the translation
                # was made is not said (ru:marxists.org alone, or no metadata line).
                said = f" (the text says {version.source_line!r})" if version.source_line else ""
                self.warn(version.heading_line, "provenance-missing",
                          f"no provenance for the {language} version in the metadata line"
                          f"{said}; taken as a translation of the Russian text, of unknown origin")
                return Origin("", OriginKind.OTHER, translated_from="ru")
            self.warn(version.heading_line, "provenance-missing",
                      f"no provenance for the {language} version in the metadata line")
            return Origin("", OriginKind.OTHER)
        vol = VOLUME_DIR.match(token)
        if vol:
            return Origin(token, OriginKind.VOLUME, volume=vol.group(1))
        others = [lang for lang in provenance if lang != language]
        # A translation is of the Russian text when the file has one, else of a volume's text.
        source = "ru" if "ru" in others else next(
            (lang for lang in others if VOLUME_DIR.match(provenance[lang])),
            others[0] if others else None)
        if token.casefold() in _MACHINE:
            return Origin(token, OriginKind.MACHINE_TRANSLATION, translated_from=source)
        if token.casefold() in _HUMAN:
            return Origin(token, OriginKind.HUMAN_TRANSLATION, translated_from=source)
        return Origin(token, OriginKind.OTHER)

    def _trailing(
        self, indexes: list[int], language: str
    ) -> tuple[list[Citation], list[ArchivalReference], list[str]]:
        """The apparatus after a version's text: its publications, references and notes."""
        cites: list[Citation] = []
        found: list[ArchivalReference] = []
        notes: list[str] = []
        after_label = False
        last_note = -2  # index of the last note line
        for run, part in apparatus.classify(self.lines, indexes):
            i = run[0]
            text = " ".join(self.lines[k].strip() for k in run)
            if part is Part.LABEL:
                after_label = apparatus.note_label(text) is not None
                continue
            if part is Part.NOTE:
                # A labelled note may run over several paragraphs; in English, where blank
                # lines separate paragraphs, a note may also run over several lines.
                if notes and (after_label or (language != "ru" and i == last_note + 1)):
                    notes[-1] += "\n" + self.lines[i]
                else:
                    notes.append(self.lines[i])
                last_note = i
                continue
            after_label = False
            if part is Part.REFERENCE:
                ref = refs.parse_reference(text, language, found[-1] if found else None, i + 1)
                if ref is None and cites:  # "Там же. С. 52." continues a publication
                    c = cit.parse_ibid(text, cites[-1], language, i + 1)
                    if c is not None:
                        cites.append(c)
                        continue
                if ref is not None:
                    if not refs.is_complete(ref) and not ref.ibid:
                        self.warn(i + 1, "reference-unparsed",
                                  f"archival reference read only in part, kept as printed: "
                                  f"{text!r}")
                    found.append(ref)
                    continue
            c = cit.parse_citation(text, language, i + 1)
            if c is None:
                self.warn(i + 1, "citation-unparsed",
                          f"unrecognized citation kept verbatim: {text!r}")
                c = cit.other_citation(text, language, i + 1)
            cites.append(c)
        return cites, found, notes

    # -- anatomy, names, date, classification --------------------------------------

    def _anatomy(self, v: Version) -> None:
        units = [(v.body_line + j, t) for j, t in enumerate(v.body.split("\n")) if t.strip()]
        ends: dict[int, int] = {}  # a joined paragraph's last line, by its first
        if is_hard_wrapped(units):
            units, ends = paragraph_units(units)
        a = analyse(units, self.default_year)

        def span(first: int, last: int) -> str:
            return "\n".join(self.lines[first - 1 : ends.get(last, last)])

        v.addressee_block = [t.strip() for _, t in a.addressee_block]
        v.classification = a.classification[1].strip() if a.classification else None
        v.salutation = a.salutation[1].strip() if a.salutation else None
        v.closing_date = a.closing_date[1].strip() if a.closing_date else None
        v.signatures = [t.strip() for _, t in a.signatures]
        v.postscript = span(*a.postscript) if a.postscript else None
        v.notes = [span(*n) for n in a.notes]
        lang = v.language if v.language in ("ru", "en") else "en"
        head_lines, head_names = roles.head(units, lang)
        sign_lines, sign_names = roles.signatures(units[len(head_lines):], lang,
                                                 self.default_year)
        if head_lines:
            v.addressee_block = [t.strip() for _, t in head_lines]
        if sign_lines:
            v.signatures = [t.strip() for _, t in sign_lines]
        elif a.signatures and a.closing_date:  # a name line under the closing date
            sign_names = roles.signers(a.signatures, lang)
        named = roles.title_roles(v.title, lang, v.heading_line) + head_names
        if not any(n.role is NameRole.ADDRESSEE for n in named) and len(units) > len(head_lines):
            line, text = units[len(head_lines)]
            if (greeting := roles.salutation_name(text, lang, line)) is not None:
                named.append(greeting)
        self._names[v.language] = roles.unique(
            [replace(n, language=v.language) for n in named + sign_names]
            + (mentioned_names(a.text_units, v.language) if self.mentions else [])
        )

    def _default_year(self, header: str | None, titles: list[tuple[int, str]]) -> int | None:
        """The year that completes dates printed without one (``August 25``, ``25/VIII``).

        A metadata date with a month is the document's; a year alone may be the volume's,
        so a full date in a title line goes first then.
        """
        if header and len(header) > 4 and header[:4].isdigit():
            return int(header[:4])
        for _, text in titles:
            found = find_date(text)
            if found is not None and (day := found.start or found.end) is not None:
                return day.year
        return int(header[:4]) if header and header[:4].isdigit() else None

    def _date(self, header: str | None, versions: list[Version], titles: list[str | None],
              meta_at: int | None):  # -> DocumentDate
        ordered = sorted(versions, key=lambda v: v.language != "ru")
        candidates: list[tuple[str | None, int | None]] = []
        for v in ordered:
            candidates += [(v.printed_date, v.heading_line + 1), (v.closing_date, None)]
        printed: ParsedDate | None = None
        for text, _ in candidates:
            if text and (printed := parse_date(text, self.default_year)):
                break
        if printed is None:
            for text in [titles[0], *(v.title for v in ordered), *titles[1:]]:
                if text and (printed := find_date(text, self.default_year)):
                    break
        if printed is None and header is None:
            self.warn(meta_at + 1 if meta_at is not None else versions[0].heading_line,
                      "date-unknown", "no date printed and none in the metadata line")
        head = header_date(header) if header else None
        if printed is not None and head is not None and not overlaps(printed, head):
            volume_year = " (a year alone may be the volume's)" if head.precision == "year" else ""
            self.warn(meta_at + 1 if meta_at is not None else None, "date-mismatch",
                      f"metadata date {header} disagrees with the printed date {printed.text!r}"
                      f"{volume_year}; the printed date is kept")
        return to_document_date(printed, header)

    def _layout_kind(self, v: Version | None, index_title: str | None) -> str:
        if v is None:
            return "other"
        names = [n for n in self._names.get(v.language, []) if n.method != "ner"]
        given = {n.role for n in names}
        routed = any(n.method == "layout" and n.role in (NameRole.INTERMEDIARY,
                                                         NameRole.DESTINATION) for n in names)
        addressed = NameRole.ADDRESSEE in given
        to_no_one = not addressed and (NameRole.DESTINATION in given
                                       or roles.addressed_title(index_title or v.title))
        return kind_from_layout(v.body, routed=routed, addressed=addressed,
                                to_no_one=to_no_one, signed=bool(v.signatures))

    def _classification(self, versions: list[Version]) -> str | None:
        levels = {v.language: classification_level(v.classification) for v in versions
                  if v.classification}
        distinct = {lvl for lvl in levels.values() if lvl}
        if len(distinct) > 1:
            self.warn(self._classification_line(versions[-1]), "classification-mismatch",
                      f"versions disagree on the classification: {sorted(distinct)}")
        return levels.get("ru") or next(iter(levels.values()), None)

    def _classification_line(self, v: Version) -> int | None:
        for offset, text in enumerate(v.body.split("\n")):
            if text.strip() == v.classification:
                return v.body_line + offset
        return None

    def _volume(self, folder: str | None, versions: list[Version]) -> str | None:
        printed = {f"tom{v.origin.volume}" for v in versions if v.origin.volume}
        printed |= {f"tom{m.group('volume')}" for v in versions if (m := _TOM.match(
            v.source_line or "") or SOURCE_TOM.match(v.source_line or ""))}
        if folder and printed and {folder.lower()} != printed:
            self.warn(self.meta_line, "volume-mismatch",
                      f"folder {folder!r} disagrees with the file's volume {sorted(printed)}")
        return folder.lower() if folder else min(printed) if printed else None

    def _roles(
        self, merged: list[Citation], versions: list[Version], volume: str | None
    ) -> list[Citation]:
        """First printed citation = first publication; every document cites its volume."""
        for i, c in enumerate(merged):
            c.role = "first_publication" if i == 0 else "publication"
        vol = VOLUME_DIR.match(volume or "")
        number = vol.group(1) if vol else None
        if number is None:
            return merged
        printed_here = next((c for c in merged if c.source_kind is SourceKind.COLLECTED_WORKS
                             and c.volume == number), None)
        sources = {v.language: v.source_line for v in versions if v.source_line}
        line = next((v.heading_line - 1 for v in versions if v.language == "ru" and v.source_line),
                    None)
        merged.append(Citation(
            SourceKind.COLLECTED_WORKS, "Сочинения", "Works", authors="Сталин И.В.", volume=number,
            pages=printed_here.pages if printed_here else None,
            page_start=printed_here.page_start if printed_here else None,
            page_end=printed_here.page_end if printed_here else None,
            role="text_source", printed=sources, line=line, source_full="Сочинения",
        ))
        return merged
