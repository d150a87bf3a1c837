"""Where a text's opener and closer lie: which lines of a stored body are the
addressee lines, classification, dateline and salutation above the text, and the
date, signatures and postscript below it.

The parser recorded each of those parts as printed (document_versions.addressee_block,
salutation, signatures ...); here they are found again in the body, line by line, so
the TEI export can mark them up without changing a character of the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive_db.export.records import Version
from archive_db.seedfile.kinds import classification_level

# Line roles. "blank" lines hold only XML whitespace; everything else is a "p"
# unless it is one of the parts.
OPENER_ROLES = ("address", "classification", "dateline", "salute")
# "dated_signed": the closing date and the signature on one line (8 октября 1950 г. Фын Си).
CLOSER_ROLES = ("closer_dateline", "signed", "dated_signed")


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    role: str
    date: tuple[int, int] | None = None  # where a dated_signed line's date stands


def is_blank(line: str) -> bool:
    """Blank in XML's sense (space, tab, CR only): such text may stand between
    elements; a no-break space may not, so its line is a paragraph."""
    return all(c in " \t\r" for c in line)


def layout(version: Version) -> list[Line]:
    """The body's lines (split on LF only, so joined with LF they are the body again),
    each with its role."""
    assert version.body is not None
    lines = version.body.split("\n")
    roles = ["blank" if is_blank(s) else "p" for s in lines]
    top = _opener(lines, roles, version)
    _closer(lines, roles, version, top)
    closing = (version.closing_date or "").strip()
    out = []
    for text, role in zip(lines, roles, strict=True):
        date = _date_span(text, closing) if role == "signed" else None
        out.append(Line(text, "dated_signed", date) if date else Line(text, role))
    return out


def _date_span(text: str, closing: str) -> tuple[int, int] | None:
    """Where the closing date stands at either end of a signature line, if it does."""
    s = text.strip()
    if not closing or s == closing or not (s.startswith(closing) or s.endswith(closing)):
        return None
    start = text.index(closing) if s.startswith(closing) else text.rindex(closing)
    return start, start + len(closing)


def _opener(lines: list[str], roles: list[str], version: Version) -> int:
    """Mark the opener's lines from the top; return the index of the first line below it."""
    address = [s.strip() for s in version.addressee_block if s.strip()]
    dateline = (version.printed_date or "").strip()
    salute = (version.salutation or "").strip()
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        if roles[i] == "blank":
            i += 1
            continue
        if address and s == address[0]:
            roles[i] = "address"
            address.pop(0)
        elif classification_level(s):
            roles[i] = "classification"
        elif dateline and s == dateline:
            roles[i] = "dateline"
            dateline = ""
        elif salute and s == salute:
            roles[i] = "salute"
            return i + 1
        else:
            break
        i += 1
    return i


def _closer(lines: list[str], roles: list[str], version: Version, top: int) -> None:
    """Mark the postscript, then the closing date and signatures, from the bottom up."""
    j = _last_text(roles, len(lines) - 1, top)
    if version.postscript:
        wanted = [s.strip() for s in version.postscript.split("\n") if s.strip()]
        k, found = j, []
        while k >= top and len(found) < len(wanted):
            if roles[k] != "blank":
                found.append(k)
            k -= 1
        if [lines[i].strip() for i in reversed(found)] == wanted:
            for i in found:
                roles[i] = "postscript"
            j = _last_text(roles, k, top)
    signatures = {s.strip() for s in version.signatures if s.strip()}
    closing = (version.closing_date or "").strip()
    while j >= top:
        s = lines[j].strip()
        if roles[j] == "blank":
            pass
        elif s in signatures:
            roles[j] = "signed"
        elif closing and s == closing:
            roles[j] = "closer_dateline"
        else:
            break
        j -= 1


def _last_text(roles: list[str], j: int, top: int) -> int:
    while j >= top and roles[j] == "blank":
        j -= 1
    return j
