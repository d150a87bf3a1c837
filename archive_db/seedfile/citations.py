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
    raw = text.strip()
    printed = {language: raw}
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


def _same(a: Citation, b: Citation) -> bool:
    # Titles differ by script across languages; compare the locators instead.
    if a.source_kind is SourceKind.OTHER or b.source_kind is SourceKind.OTHER:
        return a.source_kind == b.source_kind
    return (a.source_kind == b.source_kind and a.year == b.year and a.issue == b.issue
            and a.volume == b.volume and a.page_start == b.page_start and a.page_end == b.page_end
            and a.issue_date == b.issue_date)


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
            if into.source_latin is None and cit.source_latin is not None:
                into.source_latin = cit.source_latin
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
