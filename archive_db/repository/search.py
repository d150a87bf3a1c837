"""Full-text search over the current versions: stemmed per language, ranked, with
highlighted snippets and keyset pagination."""

from __future__ import annotations

import base64
import binascii
import json
import math

from sqlalchemy import (
    REAL,
    ColumnElement,
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
)
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.orm import Session

from archive_db.models import Document, DocumentVersion
from archive_db.repository.errors import InvalidQuery
from archive_db.repository.filters import LANGUAGES, SearchFilters
from archive_db.repository.morphology import russian_tsquery
from archive_db.repository.views import SearchHit, SearchPage

MAX_QUERY_LENGTH = 1000
MAX_LIMIT = 200
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


def encode_cursor(rank: float, version_id: int) -> str:
    raw = json.dumps([rank, version_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[float, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        rank, version_id = json.loads(raw)
        if isinstance(rank, bool) or isinstance(version_id, bool):
            raise TypeError
        rank, version_id = float(rank), int(version_id)
        if not math.isfinite(rank):
            raise ValueError
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise InvalidQuery("bad cursor: pass back a next_cursor from a previous page") from None
    return rank, version_id


class _Match:
    """The WHERE of a search: each language's tsquery, and the condition on the
    current versions and their documents."""

    def __init__(self, session: Session, query: str, filters: SearchFilters | None) -> None:
        text = clean_query(query)
        flt = (filters or SearchFilters()).validated()
        self.languages = [flt.language] if flt.language else list(LANGUAGES)
        v = DocumentVersion
        self.tsqueries: dict[str, ColumnElement[object]] = {}
        for lang in self.languages:
            if lang == "ru":
                # Widened to the oblique cases the stemmer misses (see morphology).
                ru = bindparam("query_ru", russian_tsquery(session, text), type_=Text)
                self.tsqueries[lang] = cast(ru, TSQUERY)
            else:
                q = bindparam("query", text, type_=Text)
                self.tsqueries[lang] = func.websearch_to_tsquery(_regconfig(lang), q)
        self.conditions = [
            v.is_current,
            or_(
                *(
                    and_(v.language == lang, v.search_vector.op("@@")(tsq))
                    for lang, tsq in self.tsqueries.items()
                )
            ),
        ]
        if (condition := flt.condition()) is not None:
            self.conditions.append(condition)

    def versions(self, *columns: ColumnElement[object]) -> Select[tuple[object, ...]]:
        v = DocumentVersion
        return (
            select(*columns)
            .select_from(v)
            .join(Document, Document.id == v.document_id)
            .where(*self.conditions)
        )


def count(session: Session, query: str, filters: SearchFilters | None = None) -> int:
    """How many current versions :func:`search` finds for ``query`` and ``filters``."""
    return session.execute(_Match(session, query, filters).versions(func.count())).scalar_one()


def search(
    session: Session,
    query: str,
    filters: SearchFilters | None = None,
    *,
    limit: int = 20,
    cursor: str | None = None,
) -> SearchPage:
    """Current versions matching ``query`` (web-search syntax: words, ``"phrases"``,
    ``or``, ``-word``), best first by ``ts_rank_cd``, ``limit`` per page.

    Each language is searched with its own stemmer (``Корея`` finds ``Кореи``), both
    when ``filters.language`` is None. Snippets are made for the returned page only.
    """
    clean_query(query)
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidQuery(f"limit must be 1 to {MAX_LIMIT}")
    match = _Match(session, query, filters)
    languages, tsqueries = match.languages, match.tsqueries
    v = DocumentVersion
    rank: ColumnElement[float]
    if len(languages) == 1:
        rank = func.ts_rank_cd(v.search_vector, tsqueries[languages[0]], type_=Float)
    else:
        rank = case(
            *(
                (v.language == lang, func.ts_rank_cd(v.search_vector, tsq, type_=Float))
                for lang, tsq in tsqueries.items()
            ),
        )

    inner = match.versions(v.id.label("version_id"), rank.label("rank"))
    if cursor:
        after_rank, after_id = decode_cursor(cursor)
        # ts_rank_cd is a real: compare as real, or 0.1 (float8) != 0.1 (float4).
        r = cast(bindparam("after_rank", after_rank, type_=Float), REAL)
        inner = inner.where(or_(rank < r, and_(rank == r, v.id > after_id)))
    page = inner.order_by(rank.desc(), v.id).limit(limit + 1).subquery("page")

    config = case(*((v.language == lang, _regconfig(lang)) for lang in languages))
    tsquery = case(*((v.language == lang, tsq) for lang, tsq in tsqueries.items()))
    headline = func.ts_headline(
        config, v.body, tsquery, bindparam("headline_options", _HEADLINE_OPTIONS, type_=Text)
    )
    # A snippet reads and parses the whole text (about 1 ms each): only for the page's
    # hits, not for the extra row that tells whether a next page exists.
    shown = func.row_number().over(order_by=(page.c.rank.desc(), v.id)) <= limit
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
            page.c.rank,
            case((shown, headline)).label("snippet"),
        )
        .select_from(page)
        .join(v, v.id == page.c.version_id)
        .join(Document, Document.id == v.document_id)
        .order_by(page.c.rank.desc(), v.id)
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
    next_cursor = encode_cursor(hits[-1].rank, hits[-1].version_id) if len(rows) > limit else None
    return SearchPage(hits=tuple(hits), next_cursor=next_cursor)
