"""CMIF, the Correspondence Metadata Interchange Format: the letters and telegrams as
one TEI file of ``correspDesc`` entries, which correspSearch aggregates.

The file follows the CMIF documentation of the TEI Correspondence SIG: a titleStmt
with the editor and an e-mail address, a publicationStmt with the publisher, the
file's URL (``idno type="url"``), the date and a Creative Commons licence, a
``bibl`` per volume the letters are printed in (each ``correspDesc/@source`` points
to one), and per letter one ``correspAction type="sent"`` and one
``type="received"`` with persName, placeName and an ISO date (when or
notBefore/notAfter). Intermediaries are left out: CMIF knows only sent and received.
People and places carry ``ref`` where the authority files give an authority URI;
those without one are counted in the report, so a curator knows what to add.
The file is written incrementally (lxml's xmlfile), a letter at a time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lxml import etree
from sqlalchemy import Connection, text

from archive_db.export.authority import authority_uri, xml_id
from archive_db.export.files import partial_file
from archive_db.export.records import DocumentRecord, document_ids, iter_records
from archive_db.export.tei import (
    CORRESPONDENCE_KINDS,
    RECEIVED,
    SENT,
    corresp_actions,
    date_attributes,
)
from archive_db.export.textmarkup import TEI_NS, T, sub

LICENCES = {
    "CC-BY-4.0": ("https://creativecommons.org/licenses/by/4.0/", "CC-BY 4.0"),
    "CC0-1.0": ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0"),
}
# The CMIF schema of the TEI Correspondence SIG, for XML editors and correspSearch.
CMIF_MODEL = (
    b'<?xml-model href="https://raw.githubusercontent.com/TEI-Correspondence-SIG/CMIF/master/'
    b'schema/cmi-customization.rng" type="application/xml" '
    b'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
)
UNKNOWN = "Unknown"  # what CMIF asks for when the sender or addressee is not known


class NothingToExport(Exception):
    """The archive holds nothing the format can carry: nothing was written."""


@dataclass(frozen=True, slots=True)
class CmifSettings:
    """What the file says of itself. correspSearch needs real values for all but
    edition_url; what is left None gets a placeholder and is named in the report."""

    url: str | None = None  # where the CMIF file will be published
    edition_url: str | None = None  # a letter's page is EDITION_URL/KEY
    editor: str | None = None
    email: str | None = None
    publisher: str | None = None
    licence: str = "CC-BY-4.0"

    def __post_init__(self) -> None:
        for name in ("url", "edition_url"):
            value = getattr(self, name)
            if value is not None and not value.startswith(("https://", "http://")):
                raise ValueError(f"{name} must be an http(s) URL, not {value!r}")
        if self.email is not None and not _EMAIL.match(self.email):
            raise ValueError(f"email is not an e-mail address: {self.email!r}")
        if self.licence not in LICENCES:
            raise ValueError(f"licence must be one of {', '.join(LICENCES)}, not {self.licence!r}")

    @property
    def missing(self) -> tuple[str, ...]:
        """The settings correspSearch needs that were not given."""
        return tuple(name for name in _REQUIRED if getattr(self, name) is None)


@dataclass(frozen=True, slots=True)
class Missing:
    """A person or place written without an authority URI, and in how many letters."""

    kind: str
    slug: str
    name: str
    letters: int


@dataclass(frozen=True, slots=True)
class CmifReport:
    letters: int
    without_authority: tuple[Missing, ...] = ()
    defaults_used: tuple[str, ...] = field(default=())

    def gaps(self) -> list[str]:
        """One line per person or place without an authority URI, most letters first."""
        if not self.without_authority:
            return []
        people = sum(m.kind == "person" for m in self.without_authority)
        places = len(self.without_authority) - people
        lines = [f"without an authority URI: {people} person(s), {places} place(s) (add a "
                 "wikidata id, or another authority, to seeds/authorities):"]  # fmt: skip
        lines += [f"  {m.kind} {m.slug} ({m.name}): {m.letters} letter(s)"
                  for m in self.without_authority]  # fmt: skip
        return lines


def export_cmif(
    conn: Connection, out: Path | str | BinaryIO, settings: CmifSettings | None = None
) -> CmifReport:
    """Write the CMIF file to ``out``: a path (written whole: a temporary file renamed
    at the end) or a binary stream (sys.stdout.buffer, say)."""
    settings = settings or CmifSettings()
    ids = document_ids(conn, kinds=CORRESPONDENCE_KINDS)
    if not ids:  # CMIF needs at least one correspDesc
        raise NothingToExport("the archive holds no letter or telegram: no CMIF file written")
    missing: Counter[tuple[str, str, str]] = Counter()
    if isinstance(out, str | Path):
        out = Path(out)
        with partial_file(out) as stream:
            _write(conn, stream, settings, out.name, ids, missing)
    else:
        _write(conn, out, settings, "cmif.xml", ids, missing)
    listed = tuple(
        Missing(kind, slug, name, n)
        for (kind, slug, name), n in sorted(missing.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return CmifReport(len(ids), listed, settings.missing)


def _write(
    conn: Connection,
    stream: BinaryIO,
    settings: CmifSettings,
    name: str,
    ids: list[int],
    missing: Counter[tuple[str, str, str]],
) -> None:
    stream.write(b"<?xml version='1.0' encoding='UTF-8'?>\n" + CMIF_MODEL)
    with etree.xmlfile(stream, encoding="UTF-8") as xf, xf.element(T + "TEI", nsmap={None: TEI_NS}):
        with xf.element(T + "teiHeader"):
            xf.write(_file_desc(conn, settings, name, ids), pretty_print=True)
            with xf.element(T + "profileDesc"):
                for record in iter_records(conn, ids, with_texts=False):
                    entry, unknown = _corresp_desc(record, settings)
                    missing.update(set(unknown))  # letters, not mentions
                    xf.write(entry, pretty_print=True)
        xf.write(_EMPTY_TEXT, pretty_print=True)  # CMIF carries metadata only


_REQUIRED = ("url", "editor", "email", "publisher")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_EMPTY_TEXT = etree.fromstring(f'<text xmlns="{TEI_NS}"><body><p/></body></text>')


def _file_desc(
    conn: Connection, settings: CmifSettings, name: str, ids: list[int]
) -> etree._Element:
    file_desc = etree.Element(T + "fileDesc", nsmap={None: TEI_NS})
    title_stmt = etree.SubElement(file_desc, T + "titleStmt")
    sub(title_stmt, "title", "Letters and telegrams of the archive (archive-db)")
    editor = sub(title_stmt, "editor", settings.editor or "archive-db")
    if settings.email:
        sub(editor, "email", settings.email)
    publication = etree.SubElement(file_desc, T + "publicationStmt")
    sub(publication, "publisher", settings.publisher or "archive-db")
    # Without --url, the file's own name (a relative URL): never a local path.
    sub(publication, "idno", settings.url or name, type="url")
    sub(publication, "date", when=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    target, licence = LICENCES[settings.licence]
    availability = etree.SubElement(publication, T + "availability")
    sub(availability, "licence", licence, target=target)
    source_desc = etree.SubElement(file_desc, T + "sourceDesc")
    for volume, described in _volumes(conn, ids):
        bibl = sub(source_desc, "bibl", described, type="print")
        bibl.set("{http://www.w3.org/XML/1998/namespace}id", _source_id(volume))
    return file_desc


def _source_id(volume: str | None) -> str:
    """The id of the bibl a letter's volume is described by (documents outside any
    volume folder share one)."""
    return xml_id("volume", volume) if volume else "no-volume"


def _volumes(conn: Connection, ids: list[int]) -> list[tuple[str, str]]:
    """Each volume the letters come from, described by the publication its texts are
    printed in (the text_source citation), else by its folder name."""
    rows = conn.execute(
        text(
            "SELECT DISTINCT ON (coalesce(d.volume, '')) coalesce(d.volume, ''), "
            "s.authors, s.title, s.volume, s.place, s.publisher, s.year "
            "FROM documents d LEFT JOIN citations c ON c.document_id = d.id "
            "AND c.role = 'text_source' LEFT JOIN sources s ON s.id = c.source_id "
            "WHERE d.id = ANY(:ids) ORDER BY coalesce(d.volume, ''), s.title IS NULL, d.id"
        ),
        {"ids": ids},
    )
    out = []
    for volume, authors, title, number, place, publisher, year in rows:
        if title is None:
            out.append((volume, volume or "Documents outside the volumes of the collection"))
            continue
        parts = [authors, title, f"Т. {number}" if number else None,
                 ": ".join(p for p in (place, publisher) if p) or None,
                 str(year) if year else None]  # fmt: skip
        out.append((volume, ". ".join(p.rstrip(".") for p in parts if p) + "."))
    return out


def _corresp_desc(
    doc: DocumentRecord, settings: CmifSettings
) -> tuple[etree._Element, list[tuple[str, str, str]]]:
    corresp = etree.Element(T + "correspDesc", key=doc.key, nsmap={None: TEI_NS})
    if settings.edition_url:
        corresp.set("ref", f"{settings.edition_url.rstrip('/')}/{doc.key}")
    corresp.set("source", f"#{_source_id(doc.volume)}")
    unknown: list[tuple[str, str, str]] = []
    actions = corresp_actions(doc)  # CMIF knows no intermediaries: transmitted is left out
    for action in (SENT, RECEIVED):
        element = etree.SubElement(corresp, T + "correspAction", type=action)
        if not any(tag == "persName" for tag, _ in actions[action]):
            sub(element, "persName", UNKNOWN)
        for tag, link in actions[action]:
            entity = link.entity
            uri = authority_uri(entity)
            sub(element, tag, entity.preferred_name, ref=uri)
            if uri is None:
                unknown.append((entity.kind, entity.slug, entity.preferred_name))
        if action == SENT and (attributes := date_attributes(doc)):
            attributes.pop("cert", None)
            sub(element, "date", **attributes)
    return corresp, unknown
