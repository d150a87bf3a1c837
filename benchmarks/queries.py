"""The researchers' questions: ten full-text searches, one archival file, one person's
documents in a role — each asked through ``archive_db.repository`` and as the
``ILIKE`` scan one would write without it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archive_db.repository import SearchFilters


@dataclass(frozen=True, slots=True)
class Question:
    name: str
    query: str
    filters: SearchFilters | None
    patterns: tuple[str, ...]  # ILIKE substrings a scan must all find in the body
    scan_where: str = ""  # extra SQL for the scan's filters
    scan_params: dict[str, Any] = field(default_factory=dict)


_RU, _EN = "AND v.language = 'ru'", "AND v.language = 'en'"


def _years(first: int, last: int) -> str:
    return f"AND d.date_end >= '{first}-01-01' AND d.date_start <= '{last}-12-31'"


# What a researcher types: a surname, a place, a topic word, a phrase, a name with a
# role; most narrowed by language, years, kind or person. The last is broad on
# purpose (``партия`` is in most texts of the collected works, as in this corpus).
SEARCHES: tuple[Question, ...] = (
    Question("ru: Молотов, 1945–1953", "Молотов",
             SearchFilters(language="ru", date_from="1945", date_to="1953"), ("молотов",),
             f"{_RU} {_years(1945, 1953)}"),
    Question("ru: Корея", "Корея", SearchFilters(language="ru"), ("коре",), _RU),
    Question("ru: урожай, 1930–1934", "урожай",
             SearchFilters(language="ru", date_from="1930", date_to="1934"), ("урожа",),
             f"{_RU} {_years(1930, 1934)}"),
    Question('ru+en: "мирный договор" (phrase)', '"мирный договор"', None,
             ("мирн", "договор")),
    Question("ru: Ким Ир Сен, author Stalin", "Ким Ир Сен",
             SearchFilters(language="ru", person="stalin", role="author"), ("ким ир сен",),
             f"{_RU} AND EXISTS (SELECT 1 FROM document_people dp JOIN people p "
             "ON p.id = dp.person_id WHERE dp.document_id = d.id AND p.slug = 'stalin' "
             "AND dp.role = 'author')"),
    Question("en: Korea", "Korea", SearchFilters(language="en"), ("korea",), _EN),
    Question('en: "peace treaty" (phrase)', '"peace treaty"', SearchFilters(language="en"),
             ("peace treat",), _EN),
    Question("en: grain procurement, telegrams", "grain procurement",
             SearchFilters(language="en", kind="telegram"), ("grain", "procurement"),
             f"{_EN} AND d.kind = 'telegram'"),
    Question("en: Churchill, from 1941", "Churchill",
             SearchFilters(language="en", date_from="1941"), ("churchill",),
             f"{_EN} AND d.date_end >= '1941-01-01'"),
    Question("ru+en: партия (broad)", "партия", None, ("парти",)),
)  # fmt: skip


def scan_sql(q: Question) -> tuple[str, dict[str, Any]]:
    """The question as a sequential ILIKE scan over the current versions."""
    params = {"patterns": [f"%{p}%" for p in q.patterns], **q.scan_params}
    return (
        "SELECT d.key, v.id FROM document_versions v JOIN documents d ON d.id = v.document_id "
        f"WHERE v.is_current AND v.body ILIKE ALL(%(patterns)s) {q.scan_where} "
        "ORDER BY d.date_start NULLS LAST, v.id LIMIT 20",
        params,
    )


# One archival file (the first delo of volume 1, see synth/prints) and its scan.
DELO = ("АП РФ", "45", "1", "100")
DELO_SCAN: tuple[str, dict[str, Any]] = (
    "SELECT d.key, r.folios FROM archival_references r JOIN documents d ON d.id = r.document_id "
    "WHERE r.printed_ru ILIKE %(p)s OR r.printed_en ILIKE %(q)s ORDER BY r.folio_start, d.key",
    {"p": "%АП РФ. Ф. 45. Оп. 1. Д. 100. %", "q": "%AP RF. F. 45. Op. 1. D. 100. %"},
)
# One person's documents in one role, and the scan that finds the name in the texts.
PERSON = ("molotov", "addressee")
PERSON_SCAN: tuple[str, dict[str, Any]] = (
    "SELECT DISTINCT d.key, d.date_start FROM document_versions v JOIN documents d ON "
    "d.id = v.document_id WHERE v.is_current AND (v.body ILIKE %(ru)s OR v.body ILIKE %(en)s) "
    "ORDER BY d.date_start, d.key",
    {"ru": "%Молотов%", "en": "%Molotov%"},
)
