"""Published sources: collected works, journals, newspapers, books — with their locators.

``parse_citation`` recognizes a line by its shape; a line after the English ``---`` that
has no recognizable shape is kept by the reader as a Citation of kind OTHER whose
``source`` is the verbatim text (and reported as a warning), so the importer can store
it as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from archive_db.seedfile.dates import parse_date
from archive_db.seedfile.model import Citation, SourceKind


@dataclass(frozen=True, slots=True)
class Source:
    short: str  # canonical short title as cited in Russian
    latin: str
    full_ru: str
    full_en: str
    kind: SourceKind


KNOWN_SOURCES: tuple[Source, ...] = (
    Source("Вестник", "Vestnik", "Вестник Архива Президента Российской Федерации",
           "Bulletin of the Archive of the President of the Russian Federation",
           SourceKind.JOURNAL),
    Source("Коммунист", "Kommunist", "Коммунист", "Kommunist", SourceKind.JOURNAL),
    Source("Известия ЦК КПСС", "Izvestiya TsK KPSS", "Известия ЦК КПСС",
           "News of the Central Committee of the CPSU", SourceKind.JOURNAL),
    Source("Исторический архив", "Istoricheskii arkhiv", "Исторический архив", "Historical Archive",
           SourceKind.JOURNAL),
    Source("Источник", "Istochnik", "Источник", "Source", SourceKind.JOURNAL),
    Source("Большевик", "Bolshevik", "Большевик", "Bolshevik", SourceKind.JOURNAL),
    Source("Правда", "Pravda", "Правда", "Pravda", SourceKind.NEWSPAPER),
    Source("Известия", "Izvestiya", "Известия", "Izvestia", SourceKind.NEWSPAPER),
    Source("Красная звезда", "Krasnaya zvezda", "Красная звезда", "Red Star", SourceKind.NEWSPAPER),
    Source("Жизнь национальностей", "Zhizn natsionalnostei", "Жизнь национальностей",
           "Life of the Nationalities", SourceKind.NEWSPAPER),
    Source("Сочинения", "Works", "Сочинения", "Works", SourceKind.COLLECTED_WORKS),
)
_BY_TITLE = {t.casefold(): s for s in KNOWN_SOURCES for t in (s.short, s.latin)}

_PAGE_RANGE = r"\d+(?:\s*[-–—]\s*\d+)?"
_PAGES = rf"(?:С|Стр|P|p|pp|Pp)\.\s*(?P<pages>{_PAGE_RANGE}(?:\s*,\s*{_PAGE_RANGE})*)"
_END = r"[\s.]*$"
_WORKS = re.compile(
    r"^(?:(?P<authors>[^\W\d]+,?\s+(?:[^\W\d]\.\s?){1,2})\s*)?"
    r"(?P<title>Сочинения|Соч\.|Works|Collected Works)[\s.,]*(?:[–—-]\s*)?"
    r"(?:Т|Vol|vol|Tom)\.?\s*(?P<volume>\d+\w*)[\s.,]*"
    r"(?:(?:[–—-]\s*)?(?P<place>[^:–—,.]+?)\s*:\s*(?P<publisher>.+?),\s*(?P<year>\d{4})[\s.,]*)?"
    rf"(?:(?:[–—-]\s*)?{_PAGES})?{_END}",
)
_JOURNAL = re.compile(
    r"^(?P<title>[^.,]+?)[.,]\s*(?P<year>\d{4})[.,]\s*"
    r"(?:№|No\.?|N)\s*(?P<issue>\d+(?:\s*[-–—/]\s*\d+)?)[.,]?\s*"
    rf"(?:{_PAGES})?{_END}"
)
_NEWSPAPER = re.compile(
    r"^(?P<title>[^.,]+?)[.,]\s*(?P<year>\d{4})[.,]\s*"
    r"(?P<day>\d{1,2}\s+[^\W\d]+\.?|[^\W\d]+\.?\s+\d{1,2})[.,]?\s*"
    r"(?:(?:№|No\.?)\s*(?P<issue>\d+)[.,]?\s*)?"
    rf"(?:{_PAGES})?{_END}"
)
_BOOK = re.compile(
    r"^(?P<authors>(?:[А-ЯЁA-Z][\w'’-]+,?\s+(?:[А-ЯЁA-Z]\.\s?){1,2}[,;]?\s*)+)"
    r"(?P<title>\S.*?)[\s.,]*(?:[–—-]\s*)?"
    rf"{_PAGES}{_END}"
)


# A publication printed over one line that names no known shape but ends with its pages:
# "Иосиф Сталин в объятиях семьи. Из личного архива. С. 29", "Stalin i Kaganovich.
# Perepiska. 1931-1936 gg. Moscow: (ROSSPEN), 2001, p. 539". Capital С/Стр in Russian:
# "с. 29" inside a sentence is text.
_LOCATOR = re.compile(
    rf"^(?P<title>\S.*?)[\s.,;:]*(?:[–—-]\s*)?"
    rf"(?:С|Стр|P|p|pp|Pp)\.\s*(?P<pages>{_PAGE_RANGE}(?:\s*,\s*{_PAGE_RANGE})*){_END}"
)
_IMPRINT_YEAR = re.compile(r"(?::|,)\s*[^:]*?\b(?P<year>1[89]\d\d|20\d\d)\s*$")
# A newspaper issue: "“Правда” № 166", "Pravda, No. 166, June 18, 1930.", "“Красная Газета”
# (Ленинград)", "Правда 27 июня 1945 года (По газетному отчету)"; the date may follow on
# the next line (the reader joins it).
_PAPER = re.compile(
    r"^(?:(?P<q>[“«\"„])(?P<quoted>[^”»\"“]{2,60})[”»\"“]|(?P<plain>[A-ZА-ЯЁ][^\W\d]*"
    r"(?:\s+[A-ZА-ЯЁa-zа-яё][^\W\d]*){0,2}))"
    r"\s*(?:\((?P<place>[^)]*)\))?[\s.,]*(?:(?:№|No\.?)\s*(?P<issue>\d+)[\s.,]*)?(?P<rest>.*)$"
)
# A sentence ending inside quotes: a lower-case word, its full stop and a capital ("Изв.
# ЦИК", an abbreviation in a title, is capitalized).
_SENTENCE_INSIDE = re.compile(r"(?<![\w-])[a-zа-яё][\w-]*[.!?]\s+[A-ZА-ЯЁ]")
_PREFIX = re.compile(r"^\s*(?:Source|Источник)\s*:\s*", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def has_locator(text: str) -> bool:
    """A short line ending with its pages (``… С. 29``, ``…, pp. 14-15.``)."""
    return len(text) <= 300 and _LOCATOR.match(_PREFIX.sub("", text.strip())) is not None


def _paper(raw: str, printed: dict[str, str], line: int | None) -> Citation | None:
    m = _PAPER.match(raw)
    if m is None:
        return None
    title = (m.group("quoted") or m.group("plain") or "").strip()
    if m.group("q") is not None and _SENTENCE_INSIDE.search(title):
        return None  # a quoted message, «Письмо получили. С приветом. Филиппов», no paper
    known = _known(title)
    if m.group("q") is None and (known is None or known.kind is not SourceKind.NEWSPAPER):
        return None  # an unquoted title must be a newspaper the parser knows
    rest = re.sub(r"\([^)]*\)", "", m.group("rest")).strip(" .,")
    day = parse_date(rest) if rest else None
    if rest and day is None and not _YEAR.search(rest):
        return None
    if not (m.group("issue") or day or m.group("place") or (m.group("q") and not rest)):
        return None
    year = _YEAR.search(rest)
    return Citation(
        SourceKind.NEWSPAPER, known.short if known else title,
        known.latin if known else (title if _is_latin(title) else None),
        issue=m.group("issue"), year=int(year.group(1)) if year else None,
        issue_date=day.start if day is not None and day.precision == "day" else None,
        place=m.group("place"), printed=printed, line=line,
        source_full=known.full_ru if known else None,
    )


def _pages(pages: str | None) -> tuple[str | None, int | None, int | None]:
    if not pages:
        return None, None, None
    numbers = [int(n) for n in re.findall(r"\d+", pages)]
    return pages.strip(), numbers[0], numbers[-1]


def _known(title: str) -> Source | None:
    return _BY_TITLE.get(title.strip().rstrip(".").casefold())


def _is_latin(text: str) -> bool:
    return not re.search(r"[А-Яа-яЁё]", text)


def parse_citation(text: str, language: str, line: int | None = None) -> Citation | None:
    """One printed publication, or None when the line has no citation shape."""
    printed = {language: text.strip()}
    raw = _PREFIX.sub("", text.strip())
    if m := _WORKS.match(raw):
        pages, first, last = _pages(m.group("pages"))
        return Citation(
            SourceKind.COLLECTED_WORKS, "Сочинения", "Works",
            authors=(m.group("authors") or "").strip() or None,
            volume=m.group("volume"), year=int(m.group("year")) if m.group("year") else None,
            publisher=_strip(m.group("publisher")), place=_strip(m.group("place")),
            pages=pages, page_start=first, page_end=last, printed=printed, line=line,
            source_full="Сочинения",
        )
    if m := _JOURNAL.match(raw):
        return _titled(SourceKind.JOURNAL, m, printed, line, issue=m.group("issue"))
    if m := _NEWSPAPER.match(raw):
        day = parse_date(f"{m.group('day').rstrip('.')} {m.group('year')}")
        if day is not None:
            cit = _titled(SourceKind.NEWSPAPER, m, printed, line, issue=m.group("issue"))
            cit.issue_date = day.start
            return cit
    if m := _BOOK.match(raw):
        pages, first, last = _pages(m.group("pages"))
        title = m.group("title").strip()
        year = re.search(r"(?:^|[\s,.])(\d{4})$", title)
        return Citation(
            SourceKind.BOOK, title, title if _is_latin(title) else None,
            authors=m.group("authors").strip().rstrip(",;"),
            year=int(year.group(1)) if year else None,
            pages=pages, page_start=first, page_end=last, printed=printed, line=line,
        )
    if paper := _paper(raw, printed, line):
        return paper
    if len(raw) <= 300 and (m := _LOCATOR.match(raw)):
        pages, first, last = _pages(m.group("pages"))
        title = m.group("title").strip()
        year = _IMPRINT_YEAR.search(title)
        return Citation(
            SourceKind.BOOK, title, title if _is_latin(title) else None,
            year=int(year.group("year")) if year else None,
            pages=pages, page_start=first, page_end=last, printed=printed, line=line,
        )
    return None


def _strip(value: str | None) -> str | None:
    return value.strip().rstrip(".,") if value else None


def _titled(kind: SourceKind, m: re.Match[str], printed: dict[str, str], line: int | None,
            issue: str | None) -> Citation:
    title = m.group("title").strip()
    known = _known(title)
    pages, first, last = _pages(m.group("pages"))
    return Citation(
        known.kind if known else kind,
        known.short if known else title,
        known.latin if known else (title if _is_latin(title) else None),
        issue=issue, year=int(m.group("year")), pages=pages, page_start=first, page_end=last,
        printed=printed, line=line, source_full=known.full_ru if known else None,
    )


def other_citation(text: str, language: str, line: int | None) -> Citation:
    """An unrecognized line kept verbatim (see module docstring)."""
    raw = text.strip()
    return Citation(SourceKind.OTHER, raw, printed={language: raw}, line=line)


def looks_like_citation(text: str) -> bool:
    return parse_citation(text, "ru") is not None


def _agree(a: object, b: object) -> bool:
    return a is None or b is None or a == b


def _same(a: Citation, b: Citation) -> bool:
    # Titles differ by script across languages; compare the locators instead. A field one
    # print lacks (the Russian newspaper line without its date) does not disagree.
    if a.source_kind is SourceKind.OTHER or b.source_kind is SourceKind.OTHER:
        return a.source_kind == b.source_kind
    return (a.source_kind == b.source_kind and a.volume == b.volume
            and a.page_start == b.page_start and a.page_end == b.page_end
            and a.year == b.year and _agree(a.issue, b.issue)
            and _agree(a.issue_date, b.issue_date))


def merge_citations(by_language: dict[str, list[Citation]], primary: str = "ru") -> list[Citation]:
    """One list from each language's prints: by position first, then by locator fields."""
    languages = sorted(by_language, key=lambda lang: (lang != primary, lang))
    merged: list[Citation] = []
    for lang in languages:
        for i, cit in enumerate(by_language[lang]):
            target = None
            if i < len(merged) and lang not in merged[i].printed and _same(merged[i], cit):
                target = i
            elif cit.source_kind is not SourceKind.OTHER:
                target = next((j for j, m in enumerate(merged)
                               if lang not in m.printed and _same(m, cit)), None)
            if target is None:
                merged.append(replace(cit, printed=dict(cit.printed)))
                continue
            into = merged[target]
            into.printed[lang] = cit.printed[lang]
            for name in ("source_latin", "year", "issue", "issue_date", "place"):
                if getattr(into, name) is None and getattr(cit, name) is not None:
                    setattr(into, name, getattr(cit, name))
    return merged


_IBID_PAGES = re.compile(rf"^\s*(?:Там\s+же|Ibid|Ibidem)\b[\s.,;:]*{_PAGES}{_END}", re.I)


def parse_ibid(text: str, previous: Citation, language: str, line: int | None) -> Citation | None:
    """``Там же. С. 52.`` — the previous publication with new pages."""
    m = _IBID_PAGES.match(text.strip())
    if m is None:
        return None
    pages, first, last = _pages(m.group("pages"))
    return replace(previous, pages=pages, page_start=first, page_end=last,
                   printed={language: text.strip()}, line=line)
