"""archive_search_query: researchers' SQL finds what `archive-db search` finds (plain
websearch_to_tsquery('russian', 'Корея') missed Кореи, Корею: 28 texts against 43)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from archive_db.repository import SearchFilters
from archive_db.repository.search import count
from tests.repository.data import Fixture

SQL = ("SELECT count(*) FROM document_texts "
       "WHERE language = :lang AND search_vector @@ archive_search_query(:lang, :q)")  # fmt: skip


@pytest.mark.parametrize(
    ("query", "language"),
    [("Корея", "ru"), ("Кореи", "ru"), ("Молотов", "ru"), ('"Ким Ир Сен" or Китай', "ru"),
     ("Korea", "en"), ("Korea -China", "en")],
)  # fmt: skip
def test_sql_and_the_cli_find_the_same(
    session: Session, archive: Fixture, query: str, language: str
) -> None:
    in_sql = session.execute(text(SQL), {"lang": language, "q": query}).scalar_one()
    assert in_sql == count(session, query, SearchFilters(language=language))


def test_it_finds_the_inflected_forms_a_plain_tsquery_misses(
    session: Session, archive: Fixture
) -> None:
    plain = session.execute(
        text("SELECT count(*) FROM document_texts WHERE language = 'ru' "
             "AND search_vector @@ websearch_to_tsquery('russian', 'Корея')")
    ).scalar_one()  # fmt: skip
    widened = session.execute(text(SQL), {"lang": "ru", "q": "Корея"}).scalar_one()
    assert widened > plain


def test_it_is_in_the_schema_with_a_comment(session: Session) -> None:
    comment = session.execute(
        text("SELECT obj_description('archive_search_query(text, text)'::regprocedure)")
    ).scalar_one()
    assert "archive-db search" in comment


def test_an_unknown_language_is_refused(session: Session) -> None:
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError, match="language must be ru or en"):
        session.execute(text("SELECT archive_search_query('de', 'Korea')"))
