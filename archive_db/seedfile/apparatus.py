"""Where a version's text ends and its apparatus begins, and what each apparatus line is.

A block of a seed file is a heading, the text as printed, then the editors' apparatus:
publications, archival references, editor's notes, footnotes and captions, in whatever
order the source page printed them. The text ends before the first line that can only
be apparatus (a *strong* line: a reference, a publication with its locator, a newspaper
issue, a note label, a rule, a footnote whose number is glued to a word of the text);
the lines just before it that are apparatus only in that position (asterisk footnotes,
a caption repeating the title) go with it. Nothing is ever rewritten: the reader cuts
the file's lines at the index found here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from archive_db.seedfile import citations as cit
from archive_db.seedfile import references as refs


class Part(StrEnum):
    LABEL = "label"  # a rule or a note label alone on its line: layout, stored nowhere
    REFERENCE = "reference"
    CITATION = "citation"
    NOTE = "note"  # editor's notes, footnotes, captions: everything else


_RULE = re.compile(r"^\s*(?:-{3,}|_{3,}|—{3,})\s*$")
# "ПРИМЕЧАНИЕ" alone (with or without its dot), "Примечание 11: …", "NOTE: …", "Note" alone.
_NOTE_LABEL = re.compile(
    r"^\s*(?:ПРИМЕЧАНИ[ЕЯ]|Примечани[ея](?:\s+редакции)?|Прим\.\s*ред\.?|NOTES?|Notes?|"
    r"Editor['’]s\s+notes?|Editorial\s+notes?)"
    r"(?P<number>\s*\d+)?\s*(?P<mark>[.:])?\s*(?P<text>.*)$"
)
_PUBLISHED = re.compile(
    r"^\s*\.?\s*(?:Опубликован\w*|Впервые\s+опубликован\w*|Напечатан\w*|Published|"
    r"First\s+published|Printed)\s*[:.]",
    re.I,
)
_MANUSCRIPT = re.compile(r"^\s*(?:Автограф|Подлинник|Машинопись|Autograph)\b")
_FOOTNOTE = re.compile(r"^\s*(?P<n>\d{1,2})\s+\S")
_ASTERISK = re.compile(r"^\s*\*{1,3}\s*\S")
_CAPTION_WORD = re.compile(r"[^\W_]{2,}|\d+")


def note_label(text: str) -> tuple[bool, str] | None:
    """(alone, text) when the line is a note label: alone on its line, or with its note."""
    m = _NOTE_LABEL.match(text)
    if m is None:
        return None
    rest = m.group("text").strip()
    if not rest:
        return True, ""
    # "Note that …" is text: a label with text after it needs its colon, dot or number.
    return (False, rest) if (m.group("mark") or m.group("number")) else None


def _glued_marker(n: str, text: Sequence[str]) -> bool:
    """Whether footnote number ``n`` stands glued to a word of the text (``канале1.``)."""
    glued = re.compile(rf"[^\W\d_][»”\"')\]]?{n}(?![\d\w])")
    return any(glued.search(line) for line in text)


def _strong(text: str, before: Sequence[str]) -> bool:
    s = text.strip()
    if _RULE.match(s) or note_label(s) is not None or _PUBLISHED.match(s) or _MANUSCRIPT.match(s):
        return True
    if refs.looks_like_reference(s) or cit.looks_like_citation(s) or cit.has_locator(s):
        return True
    return bool((m := _FOOTNOTE.match(s)) and _glued_marker(m.group("n"), before))


def _continues(text: str) -> bool:
    """A line with a publication's pages that begins where another left off (a year, a
    lower-case word): the second line of a citation."""
    s = text.strip()
    return bool(s) and (s[0].isdigit() or s[0].islower()) and cit.has_locator(s)


def _caption(text: str, titles: Sequence[str]) -> bool:
    """A caption repeats the title (and says more: "Перлюстрированное письмо …")."""
    words = set(_CAPTION_WORD.findall(text.casefold()))
    for title in titles:
        wanted = _CAPTION_WORD.findall(title.casefold())
        if len(wanted) >= 3 and sum(w in words for w in wanted) >= 0.8 * len(wanted):
            return True
    return False


def _weak(text: str, titles: Sequence[str]) -> bool:
    """Apparatus only where it stands: just before a strong line, or at the end."""
    return bool(_ASTERISK.match(text)) or _caption(text, titles)


def body_end(lines: Sequence[str], start: int, end: int, titles: Sequence[str]) -> int:
    """The index in ``lines`` where the text that starts at ``start`` ends (exclusive).

    ``titles`` are the document's titles, to recognize a caption that repeats one.
    The first content line is text unless it is a reference or a publication: a
    document may open with a date, a number or a footnote-like line.
    """
    first = next((i for i in range(start, end) if lines[i].strip()), None)
    if first is None:
        return end
    if refs.looks_like_reference(lines[first]) or cit.looks_like_citation(lines[first]):
        return first
    text: list[str] = [lines[first]]
    stop = end
    for i in range(first + 1, end):
        if not lines[i].strip():
            continue
        if _strong(lines[i], text):
            stop = i
            break
        text.append(lines[i])
    # A publication printed over two lines ("Сталин и Каганович. Переписка." / "1931-1936
    # гг. С. 210."): the line before a continuation with the pages is apparatus too.
    if stop < end and _continues(lines[stop]) and len(text) > 1:
        stop = max(i for i in range(first + 1, stop) if lines[i].strip())
    # Asterisk footnotes and captions just before the apparatus (or the end) belong to it.
    i = stop
    while i - 1 > first and (not lines[i - 1].strip() or _weak(lines[i - 1], titles)):
        i -= 1
    while i < stop and not lines[i].strip():
        i += 1
    return i


_CONTINUED = re.compile(
    r"^\s*(?:(?:№|No\.?)\s*\d+|\d{1,2}\s+[^\W\d]+\.?\s+\d{4}|[^\W\d]+\.?\s+\d{1,2},?\s+\d{4})"
    r"[^\n]{0,40}$"
)


def classify(lines: Sequence[str], indexes: Sequence[int]) -> list[tuple[list[int], Part]]:
    """What the apparatus lines are, each a run of lines: a newspaper printed over two
    lines ("“Правда” № 5," / "5 января 1932 г.") is one citation. After a note label
    alone or a ``____`` rule every line is a note (footnotes may quote references); a
    ``---`` only separates."""
    out: list[tuple[list[int], Part]] = []
    in_notes = False
    for i in indexes:
        s = lines[i].strip()
        if not s:
            continue
        label = note_label(s)
        if _RULE.match(s):
            in_notes = in_notes or not s.startswith("-")
            out.append(([i], Part.LABEL))
        elif label is not None and label[0]:
            in_notes = True
            out.append(([i], Part.LABEL))
        elif in_notes or label is not None:
            out.append(([i], Part.NOTE))
        elif refs.looks_like_reference(s):
            out.append(([i], Part.REFERENCE))
        elif out and out[-1][1] is Part.CITATION and len(out[-1][0]) == 1 and _CONTINUED.match(s):
            out[-1][0].append(i)
        elif out and out[-1][1] is Part.NOTE and len(out[-1][0]) == 1 and _continues(s) \
                and not in_notes:
            out[-1] = ([*out[-1][0], i], Part.CITATION)  # a publication over two lines
        elif cit.looks_like_citation(s) or cit.has_locator(s) or _PUBLISHED.match(s):
            out.append(([i], Part.CITATION))
        else:
            out.append(([i], Part.NOTE))
    return out
