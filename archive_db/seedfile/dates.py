"""Printed dates → a normalized range, its precision, certainty and an EDTF string.

EDTF forms produced (all within EDTF level 1):

- ``1950-10-08`` / ``1950-10`` / ``1950``      a day, month or year
- ``1950-10-08/1950-10-10``                   a range of days (precision RANGE)
- ``1895?``                                   editors' dating in square brackets (uncertain)
- ``1920~``                                   "около" / "circa" (approximate)
- ``1920%``                                   both bracketed and approximate
- ``../1920-07-18``                           "до" / "не позднее": only the end is known
- ``1930-09-15/..``                           "после" / "не ранее": only the start is known

For a bound, ``precision`` is that of the bound date and the open side is ``None``;
``end`` (or ``start``) is the last (or first) day of the bound period, inclusive.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from archive_db.seedfile.model import Certainty, DocumentDate, Precision

_DASH = r"\s*[-–—]\s*"

_RU_MONTH = (
    r"(?:январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|"
    r"сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]|"
    r"янв\.?|февр?\.?|апр\.?|авг\.?|сент?\.?|окт\.?|нояб?\.?|дек\.?)"
)
_EN_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_RU_PREFIX = {"янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7,
              "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12}
_EN_PREFIX = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
          "X": 10, "XI": 11, "XII": 12}

_BEFORE = re.compile(r"^(?:не\s+позднее|не\s+позже|до|ранее|before|not\s+later\s+than|"
                     r"no\s+later\s+than|by)\s+", re.I)
_AFTER = re.compile(r"^(?:не\s+ранее|после|позднее|after|not\s+earlier\s+than|"
                    r"no\s+earlier\s+than)\s+", re.I)
_APPROX = re.compile(r"^(?:около|ок\.|приблизительно|примерно|circa|ca\.|c\.|about|"
                     r"approximately)\s*", re.I)
_YEAR_SUFFIX = re.compile(r"\s*(?:г\.?|гг\.?|года|год)\s*$", re.I)
# A part of a month: "late August - early September 1930", "конец августа 1930".
_PART_WORD = r"(?:early|mid|late|beginning\s+of|middle\s+of|end\s+of|начало|середина|конец)"
_PART_MONTH = rf"{_PART_WORD}[\s-]+(?:{_EN_MONTH}|{_RU_MONTH})"
_PART = re.compile(
    rf"(?P<p1>{_PART_WORD})[\s-]+(?P<m1>{_EN_MONTH}|{_RU_MONTH})(?:\s+(?P<y1>\d{{4}}))?"
    rf"(?:{_DASH}(?P<p2>{_PART_WORD})[\s-]+(?P<m2>{_EN_MONTH}|{_RU_MONTH}))?\s+(?P<y2>\d{{4}})",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    text: str
    start: date | None
    end: date | None
    precision: Precision
    edtf: str
    certainty: Certainty


def _thirds(part: str, y: int, m: int) -> tuple[date, date]:
    """The days a part of a month covers: early 1-10, mid 11-20, late 21 to the end."""
    p = part.lower()
    last = calendar.monthrange(y, m)[1]
    if p.startswith(("early", "beginning", "начал")):
        return date(y, m, 1), date(y, m, 10)
    if p.startswith(("mid", "middle", "серед")):
        return date(y, m, 11), date(y, m, 20)
    return date(y, m, 21), date(y, m, last)


def _part_of_month(text: str, s: str) -> ParsedDate | None:
    """``late August - early September 1930``: an approximate range of days."""
    m = _PART.fullmatch(s)
    if m is None:
        return None
    y2 = int(m.group("y2"))
    y1 = int(m.group("y1")) if m.group("y1") else y2
    try:
        start, end = _thirds(m.group("p1"), y1, _month(m.group("m1")))
        if m.group("p2"):
            end = _thirds(m.group("p2"), y2, _month(m.group("m2")))[1]
    except (ValueError, KeyError):
        return None
    if end < start:
        return None
    edtf = f"{start.isoformat()}~/{end.isoformat()}~"
    return ParsedDate(text.strip(), start, end, Precision.RANGE, edtf, Certainty.APPROXIMATE)


def _month(word: str) -> int:
    w = word.lower().rstrip(".")
    if w[:3] in _RU_PREFIX:
        return _RU_PREFIX[w[:3]]
    return _EN_PREFIX[w[:3]]


def _year(text: str) -> int:
    y = int(text)
    return 1900 + y if len(text) == 2 else y  # "11/VII-27." — the corpus is 1895–1953


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _span(y: int, m: int | None = None, d: int | None = None) -> tuple[date, date]:
    if m is None:
        return date(y, 1, 1), date(y, 12, 31)
    if d is None:
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    return date(y, m, d), date(y, m, d)


# A core value: (start, end, precision, edtf parts) — parts are one or two ISO strings.
_Core = tuple[date, date, Precision, tuple[str, ...]]


def _single(y: int, m: int | None = None, d: int | None = None) -> _Core:
    start, end = _span(y, m, d)
    prec = Precision.YEAR if m is None else Precision.MONTH if d is None else Precision.DAY
    return start, end, prec, (_iso(y, m, d),)


def _range(a: tuple[int, int, int], b: tuple[int, int, int]) -> _Core | None:
    start, end = date(*a), date(*b)
    if end < start:
        return None
    if start == end:
        return _single(*a)
    return start, end, Precision.RANGE, (_iso(*a), _iso(*b))


_CORE_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"), "iso"),
    (re.compile(rf"(\d{{4}}){_DASH}(\d{{4}})"), "years"),
    (re.compile(rf"(\d{{1,2}})(?:{_DASH}(\d{{1,2}}))?\s+({_RU_MONTH})\s*(\d{{4}})?", re.I), "dmy"),
    (re.compile(rf"(\d{{1,2}})\s+({_RU_MONTH}){_DASH}(\d{{1,2}})\s+({_RU_MONTH})\s+(\d{{4}})",
                re.I),
     "dm-dmy"),
    (re.compile(rf"({_RU_MONTH})\s+(\d{{4}})", re.I), "my"),
    (re.compile(rf"({_EN_MONTH})\s+(\d{{1,2}})(?:{_DASH}(\d{{1,2}}))?(?:,?\s+(\d{{4}}))?", re.I),
     "mdy"),
    (re.compile(rf"(\d{{1,2}})(?:{_DASH}(\d{{1,2}}))?\s+({_EN_MONTH}),?\s+(\d{{4}})", re.I), "dmy"),
    (re.compile(rf"({_EN_MONTH}),?\s+(\d{{4}})", re.I), "my"),
    (re.compile(r"(\d{1,2})\s*[/.]\s*([IVX]{1,4})(?:(?:\s*[-–—./]\s*|\s+)(\d{4}|\d{2}))?"),
     "roman"),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})"), "numeric"),
]


def _core(text: str, default_year: int | None) -> _Core | None:
    for pattern, form in _CORE_FORMS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        g = m.groups()
        try:
            if form == "iso":
                return _single(int(g[0]), int(g[1]) if g[1] else None, int(g[2]) if g[2] else None)
            if form == "years":
                return _range((int(g[0]), 1, 1), (int(g[1]), 12, 31)) and (
                    date(int(g[0]), 1, 1), date(int(g[1]), 12, 31), Precision.RANGE, (g[0], g[1]))
            if form == "dmy":
                year = int(g[3]) if g[3] else default_year
                if year is None:
                    return None
                mon = _month(g[2])
                if g[1]:
                    return _range((year, mon, int(g[0])), (year, mon, int(g[1])))
                return _single(year, mon, int(g[0]))
            if form == "dm-dmy":
                y = int(g[4])
                return _range((y, _month(g[1]), int(g[0])), (y, _month(g[3]), int(g[2])))
            if form == "my":
                return _single(int(g[1]), _month(g[0]))
            if form == "mdy":
                year = int(g[3]) if g[3] else default_year
                if year is None:
                    return None
                mon = _month(g[0])
                if g[2]:
                    return _range((year, mon, int(g[1])), (year, mon, int(g[2])))
                return _single(year, mon, int(g[1]))
            if form == "roman":
                if g[1] not in _ROMAN:
                    return None
                year = _year(g[2]) if g[2] else default_year
                if year is None:
                    return None
                return _single(year, _ROMAN[g[1]], int(g[0]))
            if form == "numeric":
                return _single(_year(g[2]), int(g[1]), int(g[0]))
        except (ValueError, KeyError):
            return None
    return None


def parse_date(text: str, default_year: int | None = None) -> ParsedDate | None:
    """The whole of ``text`` as one date, or None when it is not (only) a date.

    ``default_year`` completes dates printed without a year (``25/VIII``), usually
    the year of the metadata line.
    """
    s = text.strip()
    inferred = approximate = False
    bound: str | None = None
    for _ in range(3):  # qualifiers nest: "([не позднее 1930 г.])"
        s = s.strip().rstrip(".,;").strip()
        if s.startswith("[") and s.endswith("]"):
            inferred, s = True, s[1:-1]
        elif s.startswith("(") and s.endswith(")"):
            s = s[1:-1]
        elif (m := _BEFORE.match(s)) and bound is None:
            bound, s = "before", s[m.end():]
        elif (m := _AFTER.match(s)) and bound is None:
            bound, s = "after", s[m.end():]
        elif (m := _APPROX.match(s)) and not approximate and m.end() > 0:
            approximate, s = True, s[m.end():]
        else:
            break
    s = s.strip().rstrip(".,;").strip()
    if s.endswith("?"):
        inferred, s = True, s[:-1].rstrip()
    s = _YEAR_SUFFIX.sub("", s).rstrip(".,").strip()
    if s.startswith("[") and s.endswith("]"):  # "до [18 июля] 1920" is not handled; "[1895]" is
        inferred, s = True, s[1:-1].strip()
    if bound is None and (part := _part_of_month(text, s)) is not None:
        return part
    core = _core(s, default_year)
    if core is None:
        return None
    start, end, precision, parts = core
    q = "%" if inferred and approximate else "?" if inferred else "~" if approximate else ""
    if bound == "before":
        return ParsedDate(text.strip(), None, end, precision, f"../{parts[-1]}{q}", Certainty.BOUND)
    if bound == "after":
        return ParsedDate(text.strip(), start, None, precision, f"{parts[0]}{q}/..",
                          Certainty.BOUND)
    edtf = "/".join(p + q for p in parts)
    certainty = (Certainty.APPROXIMATE if approximate else
                 Certainty.INFERRED if inferred else Certainty.EXACT)
    return ParsedDate(text.strip(), start, end, precision, edtf, certainty)


_SEARCH = re.compile(
    rf"(?:(?:не\s+позднее|не\s+ранее|до|после|before|after|not\s+later\s+than|"
    rf"not\s+earlier\s+than|no\s+later\s+than)\s+)?(?:"
    rf"{_PART_MONTH}(?:\s+\d{{4}})?(?:{_DASH}{_PART_MONTH})?\s+\d{{4}}(?:\s*(?:года|г\.))?"
    rf"|\d{{1,2}}(?:{_DASH}\d{{1,2}})?\s+{_RU_MONTH}\s+\d{{4}}(?:\s*(?:года|г\.))?"
    rf"|{_EN_MONTH}\s+\d{{1,2}}(?:{_DASH}\d{{1,2}})?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_EN_MONTH}\s+\d{{4}}"
    rf"|{_RU_MONTH}\s+\d{{4}}(?:\s*(?:года|г\.))?"
    rf"|{_EN_MONTH}\s+\d{{4}})",
    re.I,
)


def find_date(text: str, default_year: int | None = None) -> ParsedDate | None:
    """The first date written inside a longer text, such as a title."""
    for m in _SEARCH.finditer(text):
        parsed = parse_date(m.group(0), default_year)
        if parsed is not None:
            return parsed
    return None


def header_date(text: str) -> ParsedDate | None:
    """The ISO date of the metadata line: ``1950-10-08``, ``1950-10`` or ``1950``."""
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text):
        return None
    return parse_date(text)


def to_document_date(printed: ParsedDate | None, header: str | None) -> DocumentDate:
    """Build the document's date: the printed one when there is one, else the header's."""
    if printed is not None:
        return DocumentDate(printed.text, header, printed.start, printed.end, printed.precision,
                            printed.edtf, printed.certainty)
    parsed = header_date(header) if header else None
    if parsed is None:
        return DocumentDate(header=header)
    return DocumentDate(None, header, parsed.start, parsed.end, parsed.precision, parsed.edtf,
                        parsed.certainty)


def overlaps(a: ParsedDate, b: ParsedDate) -> bool:
    """Whether two dates can denote the same day (open bounds overlap everything beyond)."""
    lo = max(a.start or date.min, b.start or date.min)
    hi = min(a.end or date.max, b.end or date.max)
    return lo <= hi
