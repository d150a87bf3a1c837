"""The anatomy of one version's body: addressee block, classification, salutation,
closing date, signatures, postscript and editor's notes.

Everything here is read off the body; the body itself is never changed. Units are the
body's non-blank lines with their 1-based file line numbers: in English a paragraph is
one line too, and the addressee block is a run of short lines either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive_db.seedfile.dates import parse_date
from archive_db.seedfile.kinds import classification_level
from archive_db.seedfile.roles import dated_signature

Unit = tuple[int, str]  # (line number, text)

# The marker needs its dot or colon: "Note that the USA…" is text, "Note." is a note.
_NOTE = re.compile(
    r"^\s*(?:Примечани[ея](?:\s+редакции|\s+ред\.)?|Прим\.\s*ред|Notes?|"
    r"Editor['’]s\s+notes?|Editorial\s+notes?)\s*[.:]",
    re.I,
)
_NAME_WORD = r"(?:(?:[A-ZА-ЯЁ]\.\s?){1,3}[A-ZА-ЯЁ][\w'’-]+|[A-ZА-ЯЁ][\w'’-]+)"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
_NAME_LINE = re.compile(rf"^{_NAME}(?:\s*,\s*{_NAME})*$")
_CONNECTOR = re.compile(r"^\s*(?:for|для|to|копия|copy)\s*:?\s*$", re.I)
_ADDRESS = re.compile(r"^\s*(?:тов\.|товарищу|товарищам|comrade|to)\s", re.I)
_SHORT = 80
_DIGIT = re.compile(r"\d")


@dataclass(slots=True)
class Anatomy:
    addressee_block: list[Unit] = field(default_factory=list)
    classification: Unit | None = None
    salutation: Unit | None = None
    closing_date: Unit | None = None
    signatures: list[Unit] = field(default_factory=list)
    postscript: tuple[int, int] | None = None  # first and last line
    notes: list[tuple[int, int]] = field(default_factory=list)  # first and last line of each
    text_units: list[Unit] = field(default_factory=list)  # the rest: where names are mentioned


def is_name_line(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) <= 60 and bool(_NAME_LINE.match(stripped))


def _is_date(text: str, default_year: int | None) -> bool:
    # Every printed date has a digit (a day or a year): most lines are out at once.
    return (len(text.strip()) <= 60 and _DIGIT.search(text) is not None
            and parse_date(text, default_year) is not None)  # fmt: skip


def _head_line(text: str) -> bool:
    """A line that can sit in an addressee block: short, not a sentence."""
    s = text.strip()
    if len(s) > _SHORT or s.endswith(("!", "?", ":", ";")):
        return False
    return not s.endswith(".") or (len(s) <= 40 and not re.search(r"\s\w+\s\w+\s\w+\s", s))


def analyse(units: list[Unit], default_year: int | None = None) -> Anatomy:
    a = Anatomy()
    main = list(units)
    # Editor's notes close the body; each marker line starts a new note.
    note_at = next((i for i, (_, t) in enumerate(main) if i > 0 and _NOTE.match(t)), None)
    if note_at is not None:
        notes = main[note_at:]
        main = main[:note_at]
        starts = [i for i, (_, t) in enumerate(notes) if _NOTE.match(t)]
        for j, s in enumerate(starts):
            last = (starts[j + 1] if j + 1 < len(starts) else len(notes)) - 1
            a.notes.append((notes[s][0], notes[last][0]))
        a.text_units.extend(notes)

    # Head: everything before the salutation or the first real sentence.
    text_start = 0
    for i, (line, t) in enumerate(main[:8]):
        s = t.strip()
        if classification_level(s):
            continue
        if s.endswith("!") and len(s) <= _SHORT:
            a.salutation = (line, t)
            text_start = i + 1
            break
        if not _head_line(s):
            text_start = i
            break
    else:
        text_start = 0  # no clear end of a head: treat it all as text
    head = main[: text_start - (1 if a.salutation else 0)]
    candidates = []
    for unit in head:
        if a.classification is None and classification_level(unit[1]):
            a.classification = unit
        elif not _is_date(unit[1], default_year):
            candidates.append(unit)
    if a.salutation is None and a.classification is None and candidates and not any(
        _CONNECTOR.match(t) or _ADDRESS.match(t) for _, t in candidates
    ):
        # Without a salutation, classification or "for", short opening lines are text.
        text_start = 0
        candidates = []
    a.addressee_block = candidates
    # A classification printed after the salutation is rare; look a little further.
    if a.classification is None:
        for unit in main[text_start : text_start + 2]:
            if classification_level(unit[1]):
                a.classification = unit
    body = [u for u in main[text_start:] if u is not a.classification]

    # Tail: closing date, signature(s) before or after it, then a postscript.
    tail_from = max(0, len(body) - 6)
    date_at = next((i for i in range(len(body) - 1, tail_from - 1, -1)
                    if _is_date(body[i][1], default_year)), None)
    end_of_close: int | None = None
    # The date and the signature on one line: "8 октября 1950 г. Фын Си".
    dated = next(((i, d) for i in range(len(body) - 1, max(0, len(body) - 4), -1)
                  if (d := dated_signature(body[i][1], default_year)) is not None), None)
    if dated is not None and (date_at is None or dated[0] > date_at):
        i, (date_text, _) = dated
        a.closing_date = (body[i][0], date_text)
        a.signatures.append(body[i])
        end_of_close = i
    elif date_at is not None and date_at > 0:
        a.closing_date = body[date_at]
        j = date_at + 1
        while j < len(body) and j - date_at <= 3 and is_name_line(body[j][1]):
            a.signatures.append(body[j])
            j += 1
        if not a.signatures:  # "a date only after the signature"
            k = date_at - 1
            while k > 0 and date_at - k <= 3 and is_name_line(body[k][1]):
                a.signatures.insert(0, body[k])
                k -= 1
        end_of_close = j - 1
    elif body and len(body) > 1 and is_name_line(body[-1][1]):
        k = len(body) - 1
        while k > 0 and len(body) - k <= 3 and is_name_line(body[k][1]):
            a.signatures.insert(0, body[k])
            k -= 1
    if end_of_close is not None and end_of_close + 1 < len(body):
        a.postscript = (body[end_of_close + 1][0], body[-1][0])
    closing = {id(u) for u in a.signatures}
    if a.closing_date is not None:
        closing.add(id(a.closing_date))
    a.text_units = [u for u in body if id(u) not in closing] + a.text_units
    if a.salutation is not None:
        a.text_units.insert(0, a.salutation)
    return a
