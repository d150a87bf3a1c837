"""Full-text search over the current versions: stemmed per language, ranked, with
highlighted snippets and keyset pagination."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import hashlib
import json
import math
from typing import Any

from sqlalchemy import (
    REAL,
    ColumnElement,
    CompoundSelect,
    Float,
    Select,
    Text,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.orm import Session

from archive_db.models import Document, DocumentVersion
from archive_db.repository.errors import InvalidQuery
from archive_db.repository.filters import LANGUAGES, SearchFilters
from archive_db.repository.morphology import russian_tsquery
from archive_db.repository.people import resolve_person, resolve_place
from archive_db.repository.views import SearchHit, SearchPage
from archive_db.vocab import SEARCH_ORDERS

MAX_QUERY_LENGTH = 1000
MAX_LIMIT = 200
ORDERS = SEARCH_ORDERS
# Marks around each hit in a snippet; chosen to be absent from the texts.
HIGHLIGHT_START = "[["
HIGHLIGHT_STOP = "]]"
_HEADLINE_OPTIONS = (
    f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_STOP}, MaxWords=30, MinWords=12, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
# The text search configuration of each language (as in the search_vector column).
REGCONFIGS = {"ru": "russian", "en": "english"}


def _regconfig(language: str) -> ColumnElement[object]:
    # A constant from REGCONFIGS, never user input.
    return literal_column(f"'{REGCONFIGS[language]}'::regconfig")


def clean_query(query: str) -> str:
    """The query with NUL characters removed and spaces trimmed; raises :class:`InvalidQuery`
    when it is empty or longer than :data:`MAX_QUERY_LENGTH` characters."""
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidQuery(f"query is longer than {MAX_QUERY_LENGTH} characters")
    cleaned = query.replace("\x00", "").strip()
    if not cleaned:
        raise InvalidQuery("query is empty")
    return cleaned


def _encode(value: list[object]) -> str:
    raw = json.dumps(value, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> object:
    raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    return json.loads(raw)


_BIGINT_MAX = 2**63 - 1  # version ids are bigint
_BAD_CURSOR = "bad cursor: pass back a next_cursor from a previous page of the same order"


_OTHER_SEARCH = ("this cursor belongs to another search: pass it back with the same query, "
                 "filters and order")  # fmt: skip


def search_id(query: str, filters: SearchFilters, order: str) -> str:
    """What a cursor is bound to: the query, the (validated) filters and the order, so
    that a page of one search is never continued by another (a --lang ru cursor by a
    search of both languages, say)."""
    fields = {k: str(v) if v is not None else None for k, v in dataclasses.asdict(filters).items()}
    raw = json.dumps([query, fields, order], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


def check_cursor(cursor: str, expected: str) -> str:
    """The cursor's position part, once its search id matches ``expected``."""
    position, sep, bound_to = cursor.rpartition(".")
    if not sep or not position:
        raise InvalidQuery(_BAD_CURSOR)
    if bound_to != expected:
        raise InvalidQuery(_OTHER_SEARCH)
    return position


def encode_cursor(rank: float, version_id: int) -> str:
    return _encode([rank, version_id])


def decode_cursor(cursor: str) -> tuple[float, int]:
    try:
        rank, version_id = _decode(cursor)  # type: ignore[misc]
        if isinstance(rank, bool) or isinstance(version_id, bool):
            raise TypeError
        rank, version_id = float(rank), int(version_id)
        if not math.isfinite(rank) or not 0 <= version_id <= _BIGINT_MAX:
            raise ValueError
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise InvalidQuery(_BAD_CURSOR) from None
    return rank, version_id


def encode_date_cursor(day: dt.date | None, version_id: int) -> str:
    return _encode(["date", day.isoformat() if day else None, version_id])


def decode_date_cursor(cursor: str) -> tuple[dt.date | None, int]:
    try:
        tag, day, version_id = _decode(cursor)  # type: ignore[misc]
        if tag != "date" or isinstance(version_id, bool) or not isinstance(version_id, int):
            raise TypeError
        if not 0 <= version_id <= _BIGINT_MAX:  # the database would refuse it (DataError)
            raise ValueError
        return (dt.date.fromisoformat(day) if day is not None else None), version_id
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise InvalidQuery(_BAD_CURSOR) from None


def resolved_names(session: Session, flt: SearchFilters) -> SearchFilters:
    """The filters with ``person`` and ``place`` replaced by the slug of the one person
    or place they name; :class:`InvalidQuery` when a name means nobody or several."""
    changes = {}
    if flt.person is not None:
        changes["person"] = resolve_person(session, flt.person).slug
    if flt.place is not None:
        changes["place"] = resolve_place(session, flt.place).slug
    return dataclasses.replace(flt, **changes) if changes else flt


class _Match:
    """The WHERE of a search: each language's tsquery, and the condition on the
    current versions and their documents."""

    def __init__(self, session: Session, query: str, filters: SearchFilters | None) -> None:
        text = clean_query(query)
        flt = resolved_names(session, (filters or SearchFilters()).validated())
        self.flt = flt
        self.languages = [flt.language] if flt.language else list(LANGUAGES)
        self.tsqueries: dict[str, ColumnElement[object]] = {}
        for lang in self.languages:
            if lang == "ru":
                # Widened to the oblique cases the stemmer misses (see morphology).
                ru = bindparam("query_ru", russian_tsquery(session, text), type_=Text)
                self.tsqueries[lang] = cast(ru, TSQUERY)
            else:
                q = bindparam("query", text, type_=Text)
                self.tsqueries[lang] = func.websearch_to_tsquery(_regconfig(lang), q)
        self.filters = [c] if (c := flt.condition()) is not None else []

    def versions(self, *columns: ColumnElement[object]) -> Select[Any] | CompoundSelect:
        """The matching current versions (with their documents): one SELECT per
        language, joined by UNION ALL when both are searched. Each can then match in
        the GIN index alone; an OR of the two would test ``@@`` again on every row,
        reading each text's vector once more."""
        v = DocumentVersion
        parts = [
            select(*columns)
            .select_from(v)
            .join(Document, Document.id == v.document_id)
            .where(v.is_current, v.language == lang, v.search_vector.op("@@")(tsq), *self.filters)
            for lang, tsq in self.tsqueries.items()
        ]
        return parts[0] if len(parts) == 1 else union_all(*parts)


def count(session: Session, query: str, filters: SearchFilters | None = None) -> int:
    """How many current versions :func:`search` finds for ``query`` and ``filters``."""
    found = _Match(session, query, filters).versions(DocumentVersion.id).subquery("found")
    return session.execute(select(func.count()).select_from(found)).scalar_one()


def search(
    session: Session,
    query: str,
    filters: SearchFilters | None = None,
    *,
    limit: int = 20,
    cursor: str | None = None,
    order: str = "rank",
) -> SearchPage:
    """Current versions matching ``query`` (web-search syntax: words, ``"phrases"``,
    ``or``, ``-word``), ``limit`` per page: best first by ``ts_rank_cd`` (``order="rank"``),
    or in date order, undated last (``order="date"``).

    Each language is searched with its own stemmer (``Корея`` finds ``Кореи``), both
    when ``filters.language`` is None. Snippets are made for the returned page only.

    Ranking reads every matching text's ``search_vector`` (about 15 µs each): a word in
    a third of 100,000 texts takes most of a second to rank. In date order the index
    finds the matches, the dates order them, and only the page's hits are ranked.
    """
    clean_query(query)
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidQuery(f"limit must be 1 to {MAX_LIMIT}")
    if order not in ORDERS:
        raise InvalidQuery(f"order must be one of {', '.join(ORDERS)}")
    match = _Match(session, query, filters)
    languages, tsqueries = match.languages, match.tsqueries
    bound_to = search_id(clean_query(query), match.flt, order)
    if cursor:
        cursor = check_cursor(cursor, bound_to)
    v = DocumentVersion

    def ranked(vector: ColumnElement[object], language: ColumnElement[str]) -> ColumnElement[float]:
        if len(languages) == 1:
            return func.ts_rank_cd(vector, tsqueries[languages[0]], type_=Float)
        return case(
            *(
                (language == lang, func.ts_rank_cd(vector, tsq, type_=Float))
                for lang, tsq in tsqueries.items()
            ),
        )

    rank = ranked(v.search_vector, v.language)
    if order == "rank":
        # Every match with the filters applied first, then ranked: the planner costs
        # ts_rank_cd as nothing and would rank all the word's texts before a date
        # filter dropped most of them. OFFSET 0 keeps the two steps apart; the vectors
        # pass through as TOAST pointers, read only by the ranking.
        found = (
            match.versions(v.id.label("version_id"), v.language, v.search_vector)
            .offset(0)
            .subquery("found")
        )
        found_rank = ranked(found.c.search_vector, found.c.language)
        inner = select(found.c.version_id, found_rank.label("rank"))
        if cursor:
            after_rank, after_id = decode_cursor(cursor)
            # ts_rank_cd is a real: compare as real, or 0.1 (float8) != 0.1 (float4).
            r = cast(bindparam("after_rank", after_rank, type_=Float), REAL)
            inner = inner.where(
                or_(found_rank < r, and_(found_rank == r, found.c.version_id > after_id))
            )
        page = (
            inner.order_by(found_rank.desc(), found.c.version_id).limit(limit + 1).subquery("page")
        )
        page_order = (page.c.rank.desc(), page.c.version_id)
        page_rank: ColumnElement[float] = page.c.rank
    else:
        found = match.versions(v.id.label("version_id"), Document.date_start.label("day")).subquery(
            "found"
        )
        day, version_id = found.c.day, found.c.version_id
        inner = select(version_id, day)
        if cursor:
            after_day, after_id = decode_date_cursor(cursor)
            if after_day is None:
                inner = inner.where(day.is_(None), version_id > after_id)
            else:
                later = or_(day > after_day, and_(day == after_day, version_id > after_id))
                inner = inner.where(or_(later, day.is_(None)))
        page = inner.order_by(day.asc().nulls_last(), version_id).limit(limit + 1).subquery("page")
        page_order = (page.c.day.asc().nulls_last(), page.c.version_id)
        page_rank = rank  # of the page's versions only

    config = case(*((v.language == lang, _regconfig(lang)) for lang in languages))
    tsquery = case(*((v.language == lang, tsq) for lang, tsq in tsqueries.items()))
    headline = func.ts_headline(
        config, v.body, tsquery, bindparam("headline_options", _HEADLINE_OPTIONS, type_=Text)
    )
    # A snippet reads and parses the whole text (about 1 ms each): only for the page's
    # hits, not for the extra row that tells whether a next page exists.
    shown = func.row_number().over(order_by=page_order) <= limit
    rows = session.execute(
        select(
            Document.key,
            v.id,
            v.language,
            v.origin,
            v.title,
            Document.kind,
            Document.date_text,
            Document.date_start,
            Document.date_end,
            page_rank.label("rank"),
            case((shown, headline)).label("snippet"),
        )
        .select_from(page)
        .join(v, v.id == page.c.version_id)
        .join(Document, Document.id == v.document_id)
        .order_by(*page_order)
    ).all()

    hits = [
        SearchHit(
            key=row.key,
            version_id=row.id,
            language=row.language,
            origin=row.origin,
            title=row.title,
            kind=row.kind,
            date_text=row.date_text,
            date_start=row.date_start,
            date_end=row.date_end,
            rank=float(row.rank),
            snippet=" ".join(row.snippet.split()),
        )
        for row in rows[:limit]
    ]
    next_cursor = None
    if len(rows) > limit:
        last = hits[-1]
        next_cursor = (
            encode_cursor(last.rank, last.version_id)
            if order == "rank"
            else encode_date_cursor(last.date_start, last.version_id)
        ) + f".{bound_to}"
    return SearchPage(hits=tuple(hits), next_cursor=next_cursor)
