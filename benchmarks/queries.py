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


SEARCHES: tuple[Question, ...] = (
    Question("ru: Корея", "Корея", SearchFilters(language="ru"), ("коре",),
             "AND v.language = 'ru'"),
    Question("ru: переговоры с Мао Цзэдуном", "переговоры с Мао Цзэдуном",
             SearchFilters(language="ru"), ("переговор", "мао цзэдун"), "AND v.language = 'ru'"),
    Question("ru+en: мирный договор", "мирный договор", None, ("мирн", "договор")),
    Question("ru: дивизии, 1950", "дивизии",
             SearchFilters(language="ru", date_from="1950", date_to="1950"), ("дивизи",),
             "AND v.language = 'ru' AND d.date_end >= '1950-01-01' "
             "AND d.date_start <= '1950-12-31'"),
    Question("en: Korea", "Korea", SearchFilters(language="en"), ("korea",),
             "AND v.language = 'en'"),
    Question("en: negotiations treaty", "negotiations treaty", SearchFilters(language="en"),
             ("negotiation", "treat"), "AND v.language = 'en'"),
    Question("en: Chinese divisions, telegrams", "Chinese divisions",
             SearchFilters(language="en", kind="telegram"), ("chinese", "division"),
             "AND v.language = 'en' AND d.kind = 'telegram'"),
    Question("ru: Ким Ир Сен, author Stalin", "Ким Ир Сен",
             SearchFilters(language="ru", person="stalin", role="author"), ("ким ир сен",),
             "AND v.language = 'ru' AND EXISTS (SELECT 1 FROM document_people dp JOIN people p "
             "ON p.id = dp.person_id WHERE dp.document_id = d.id AND p.slug = 'stalin' "
             "AND dp.role = 'author')"),
    Question("ru+en: армия, АП РФ", "армия", SearchFilters(archive="АП РФ"), ("арми",),
             "AND EXISTS (SELECT 1 FROM archival_references r JOIN archives a ON a.id = "
             "r.archive_id WHERE r.document_id = d.id AND a.code = 'АП РФ')"),
    Question("ru+en: peace, from 1945", "peace", SearchFilters(date_from="1945"), ("peace",),
             "AND d.date_end >= '1945-01-01'"),
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
