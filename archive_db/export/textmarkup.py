"""A stored text as TEI: its lines as opener, paragraphs, closer and postscript, with the
linked people and places marked where the text names them.

Nothing of the body is added, dropped or changed: the text nodes of a version's
``<div>``, in document order, are its body again (:func:`body_of` reads it back), so
a reader of the TEI has the archive's verbatim source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from lxml import etree

from archive_db.authorities.matching import NameMatcher
from archive_db.export.authority import entity_ref
from archive_db.export.layout import CLOSER_ROLES, OPENER_ROLES, Line
from archive_db.export.records import Entity

TEI_NS = "http://www.tei-c.org/ns/1.0"
T = f"{{{TEI_NS}}}"

# Characters XML 1.0 cannot hold (C0 controls but tab, LF, CR): written as an empty
# <g type="char" n="U+000C"/>, which body_of turns back into the character.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_TAGS = {
    "address": "addrLine",
    "classification": "seg",
    "dateline": "dateline",
    "salute": "salute",
    "closer_dateline": "dateline",
    "signed": "signed",
    "dated_signed": "signed",
    "postscript": "p",
    "p": "p",
}
_SECTIONS = {
    **dict.fromkeys(OPENER_ROLES, "opener"),
    **dict.fromkeys(CLOSER_ROLES, "closer"),
    "postscript": "postscript",
}


# (kind, slug) → the forms marked in the texts, (as written, language), in order found.
Found = dict[tuple[str, str], dict[tuple[str, str], None]]


class NameMarker:
    """Where a line names the document's people and places: the archive's own name
    matcher (case forms, look-alike letters, the longest name wins), kept to the
    people and places linked to the document."""

    def __init__(
        self,
        matcher: NameMatcher | None,
        entities: Mapping[tuple[str, str], Entity],
        language: str,
        found: Found | None = None,
    ) -> None:
        self._matcher, self._entities, self._language = matcher, entities, language
        # Every form marked, by (kind, slug): the header lists them as written.
        self.found: Found = {} if found is None else found

    def spans(self, line: str) -> list[tuple[int, int, Entity]]:
        if self._matcher is None or not self._entities:
            return []
        found = []
        for m in self._matcher.find_mentions(line, self._language):
            entity = self._entities.get((m.kind, m.slug))
            if entity is not None:
                found.append((m.start, m.end, entity))
                forms = self.found.setdefault((m.kind, m.slug), {})
                forms[(m.text_as_written, self._language)] = None
        return found


def sub(
    parent: etree._Element, tag: str, text: str | None = None, **attrs: str | None
) -> etree._Element:
    """A TEI element appended to ``parent``, with its text and the attributes not None."""
    element = etree.SubElement(parent, T + tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def append_text(parent: etree._Element, s: str) -> None:
    """Add ``s`` after whatever ``parent`` holds so far."""
    if not s:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + s
    else:
        parent.text = (parent.text or "") + s


Span = tuple[int, int, Entity]


def fill(parent: etree._Element, line: str, spans: Sequence[Span]) -> None:
    """The line's characters into ``parent``, the names at ``spans`` (offsets in the
    line) marked, unwritable characters as <g>."""
    at = 0
    for start, end, entity in spans:
        _chars(parent, line[at:start])
        tag = "persName" if entity.kind == "person" else "placeName"
        name = etree.SubElement(parent, T + tag, ref=entity_ref(entity), key=entity.slug)
        _chars(name, line[start:end])
        at = end
    _chars(parent, line[at:])


def _chars(parent: etree._Element, s: str) -> None:
    at = 0
    for m in _NOT_XML.finditer(s):
        append_text(parent, s[at : m.start()])
        etree.SubElement(parent, T + "g", type="char", n=f"U+{ord(m.group()):04X}")
        at = m.end()
    append_text(parent, s[at:])


def text_div(div: etree._Element, lines: Sequence[Line], marker: NameMarker) -> None:
    """The lines into ``div``: each part in its element, the line breaks and blank
    lines as the whitespace between them."""
    open_: list[etree._Element] = []  # section element, then an <address> inside it
    last = len(lines) - 1
    # One search of the whole text, not one a line: most of the export's time is here.
    # No name spans a line break (the matcher's gaps are spaces, dots and hyphens).
    spans = iter(marker.spans("\n".join(line.text for line in lines)))
    pending = next(spans, None)
    offset = 0
    for i, line in enumerate(lines):
        end = offset + len(line.text)
        mine: list[Span] = []
        while pending is not None and pending[0] < end:
            mine.append((pending[0] - offset, pending[1] - offset, pending[2]))
            pending = next(spans, None)
        offset = end + 1
        if line.role != "blank":
            section = _SECTIONS.get(line.role)
            if section is None:
                open_.clear()
            elif not open_ or etree.QName(open_[0]).localname != section:
                if section != "opener" and not any(_is_text_part(e) for e in div):
                    # TEI wants a part of the text before a closer or postscript (a
                    # note that is only an address and a signature has none): an empty
                    # <p/> stands in for it, adding no character to the body.
                    etree.SubElement(div, T + "p")
                open_[:] = [etree.SubElement(div, T + section)]
            if line.role == "address":
                if etree.QName(open_[-1]).localname != "address":
                    open_.append(etree.SubElement(open_[-1], T + "address"))
            elif len(open_) > 1:
                open_.pop()
            parent = open_[-1] if open_ else div
            if line.date is not None:
                _dated_signature(parent, line, mine)
            else:
                element = etree.SubElement(parent, T + _TAGS[line.role])
                if line.role == "classification":
                    element.set("type", "classification")
                fill(element, line.text, mine)
        else:
            append_text(open_[-1] if open_ else div, line.text)
        if i < last:
            append_text(open_[-1] if open_ else div, "\n")
    if not len(div):
        etree.SubElement(div, T + "p")  # an empty text: a div holds at least one part


def _dated_signature(closer: etree._Element, line: Line, spans: Sequence[Span]) -> None:
    """``8 октября 1950 г. Фын Си`` as a dateline and a signed, side by side in the
    closer; the space between them stays text of the closer."""
    assert line.date is not None
    start, end = line.date
    text = line.text
    lead = len(text) - len(text.lstrip())
    if start == lead:  # the date first, then the name
        name_at = end + len(text[end:]) - len(text[end:].lstrip())
        parts = [("dateline", start, end), ("signed", name_at, len(text.rstrip()))]
    else:  # the name, then the date
        parts = [("signed", lead, len(text[:start].rstrip())), ("dateline", start, end)]
    at = 0
    for tag, a, b in parts:
        append_text(closer, text[at:a])
        element = etree.SubElement(closer, T + tag)
        fill(element, text[a:b], [(x - a, y - a, e) for x, y, e in spans if a <= x and y <= b])
        at = b
    append_text(closer, text[at:])


def _is_text_part(element: etree._Element) -> bool:
    return etree.QName(element).localname not in ("opener", "closer", "postscript")


def body_of(div: etree._Element) -> str:
    """The stored body a version's ``<div>`` was written from."""
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        if etree.QName(el).localname == "g" and el.get("type") == "char":
            out.append(chr(int(el.get("n", "U+FFFD")[2:], 16)))
        elif el.text:
            out.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                out.append(child.tail)

    walk(div)
    return "".join(out)
