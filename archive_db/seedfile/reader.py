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

_NAV = re.compile(r"^\s*(?:←|Back to index)", re.I)
_META = re.compile(
    r"^(?:(?P<date>\d{4}(?:-\d{1,2}){0,2})\s+)?"
    r"(?P<prov>[a-z]{2,3}:[^\s;]+(?:\s*;\s*[a-z]{2,3}:[^\s;]+)*)(?:\s+(?P<badge>.*?))?\s*$"
)
_TOM = re.compile(r"^\s*Том\s+(?P<volume>\d+\w*)\s*$")
_SOURCE = re.compile(r"^\s*Source\s*:", re.I)
_CYR = re.compile(r"[А-Яа-яЁё]")
_LAT = re.compile(r"[A-Za-z]")


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


def _cyrillic(text: str) -> bool:
    return len(_CYR.findall(text)) > len(_LAT.findall(text))


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
            rest = start
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
        self.default_year = int(header[:4]) if header else None
        self.meta_line = meta_at + 1 if meta_at is not None else None

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
        index_title = header_titles[1][1] if len(header_titles) > 1 else None
        if len(header_titles) > 2:
            self.warn(header_titles[2][0] + 1, "header-extra",
                      "more than two title lines before the metadata line; kept the first two")

        volume = self._volume(folder_volume, versions)
        ru = next((v for v in versions if v.language == "ru"), None)
        en = next((v for v in versions if v.language != "ru"), None)
        date = self._date(header, versions, index_title, meta_at)
        classification = self._classification(versions)
        kind = kind_from_titles(index_title, ru.title if ru else None, title,
                                en.title if en else None)
        if kind == "other":
            kind = self._layout_kind(ru or en, index_title)
        references = refs.merge_references(refs_by_lang)
        citations = self._roles(cit.merge_citations(cites), versions, volume)
        names = [n for v in versions for n in self._names[v.language]]
        return ParsedDocument(
            path=self.path, key=key, position=position, volume=volume, title=title,
            index_title=index_title, kind=kind, classification=classification, date=date,
            provenance=provenance_text, badge=badge, versions=versions,
            archival_references=references, citations=citations, names=names,
            warnings=self.warnings, crlf=self.crlf, bom=self.bom,
            trailing_newline=self.trailing_newline,
        )

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
        if _TOM.match(head) or (_cyrillic(head) and not _SOURCE.match(head)):
            blocks.append(("ru", first, n))
        else:
            ru_at = next((k for k in range(first + 1, n)
                          if _TOM.match(self.lines[k]) and not self.lines[k - 1].strip()), None)
            if ru_at is None:
                dash = next((k for k in range(first, n) if self.lines[k].strip() == "---"), None)
                if dash is not None:
                    blank = next((k for k in range(dash + 1, n) if not self.lines[k].strip()), None)
                    if blank is not None:
                        ru_at = self._next_content(blank)
            blocks.append(("en", first, ru_at if ru_at is not None else n))
            if ru_at is not None:
                blocks.append(("ru", ru_at, n))
        other = next((lang for lang in provenance if lang != "ru"), "en")
        versions: list[Version] = []
        cites: dict[str, list[Citation]] = {}
        found: dict[str, list[ArchivalReference]] = {}
        for layout, start, end in blocks:
            language = "ru" if layout == "ru" else other
            version, trailing = (self._russian if layout == "ru" else self._english)(
                start, end, language)
            version.origin = self._origin(language, provenance, version)
            versions.append(version)
            cites[language], found[language], notes = self._trailing(trailing, language)
            self._anatomy(version)
            version.notes = notes + version.notes
        return versions, cites, found

    def _english(self, start: int, end: int, language: str) -> tuple[Version, list[int]]:
        k = start + 1
        source_line = printed = None
        if k < end and _SOURCE.match(self.lines[k]):
            source_line, k = self.lines[k].strip(), k + 1
        if k < end and self.lines[k].strip() and parse_date(self.lines[k], self.default_year):
            printed, k = self.lines[k].strip(), k + 1
        body_end, trailing = self._tail(k, end, self.lines[start])
        opening = self._next_content(k, body_end)
        self._dateline = printed is None and opening is not None and opening > k and bool(
            parse_date(self.lines[opening], self.default_year))
        return self._version(language, start, k, body_end, source_line, printed), trailing

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

    def _version(self, language: str, title_at: int, body_start: int, body_end: int,
                 source_line: str | None, printed: str | None) -> Version:
        b0 = self._next_content(body_start, body_end)
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

    def _origin(self, language: str, provenance: dict[str, str], version: Version) -> Origin:
        token = provenance.get(language)
        if token is None:
            self.warn(version.heading_line, "provenance-missing",
                      f"no provenance for the {language} version in the metadata line")
            tom = _TOM.match(version.source_line or "")
            if tom:
                return Origin("", OriginKind.VOLUME, volume=tom.group("volume"))
            return Origin("", OriginKind.OTHER)
        vol = VOLUME_DIR.match(token)
        if vol:
            return Origin(token, OriginKind.VOLUME, volume=vol.group(1))
        source = next((lang for lang, t in provenance.items()
                       if lang != language and VOLUME_DIR.match(t)),
                      next((lang for lang in provenance if lang != language), None))
        if token.casefold() in {"ai", "mt", "machine"}:
            return Origin(token, OriginKind.MACHINE_TRANSLATION, translated_from=source)
        if token.casefold() in {"human", "ht", "tr", "translation", "translator"}:
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
        a = analyse(units, self.default_year)

        def span(first: int, last: int) -> str:
            return "\n".join(self.lines[first - 1 : last])

        v.addressee_block = [t.strip() for _, t in a.addressee_block]
        v.classification = a.classification[1].strip() if a.classification else None
        v.salutation = a.salutation[1].strip() if a.salutation else None
        v.closing_date = a.closing_date[1].strip() if a.closing_date else None
        v.signatures = [t.strip() for _, t in a.signatures]
        v.postscript = span(*a.postscript) if a.postscript else None
        v.notes = [span(*n) for n in a.notes]
        lang = v.language if v.language in ("ru", "en") else "en"
        head_lines, head_names = roles.head(units, lang)
        sign_lines, sign_names = roles.signatures(units[len(head_lines):], lang)
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

    def _date(self, header: str | None, versions: list[Version], index_title: str | None,
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
            for text in [index_title, *(v.title for v in ordered)]:
                if text and (printed := find_date(text, self.default_year)):
                    break
        if printed is None and header is None:
            self.warn(meta_at + 1 if meta_at is not None else versions[0].heading_line,
                      "date-unknown", "no date printed and none in the metadata line")
        head = header_date(header) if header else None
        if printed is not None and head is not None and not overlaps(printed, head):
            self.warn(meta_at + 1 if meta_at is not None else None, "date-mismatch",
                      f"metadata date {header} disagrees with the printed date {printed.text!r}")
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
        printed |= {f"tom{m.group('volume')}" for v in versions
                    if (m := _TOM.match(v.source_line or ""))}
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
