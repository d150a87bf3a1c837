"""Full-text search: stemming per language, ranking, snippets, filters, pagination."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from archive_db.repository import (
    HIGHLIGHT_START,
    HIGHLIGHT_STOP,
    InvalidQuery,
    SearchFilters,
    search,
)
from archive_db.repository.morphology import russian_tsquery
from archive_db.repository.search import decode_cursor, encode_cursor, encode_date_cursor
from tests.repository.data import (
    ALL_KEYS,
    ARTICLE_KEY,
    MACHINE_ONLY_KEY,
    REVISED_KEY,
    SAME_DELO_KEY,
    SPECIMEN_KEY,
    UNDATED_KEY,
    Fixture,
)


def keys(page) -> list[str]:
    return [hit.key for hit in page.hits]


def test_russian_inflected_search_finds_the_specimen(session: Session, archive: Fixture) -> None:
    page = search(session, "Корея", SearchFilters(language="ru"))
    assert SPECIMEN_KEY in keys(page)
    hit = next(h for h in page.hits if h.key == SPECIMEN_KEY)
    assert hit.language == "ru"
    assert hit.rank > 0
    # The snippet marks the inflected forms found in the text.
    assert f"{HIGHLIGHT_START}Корею{HIGHLIGHT_STOP}" in hit.snippet or (
        f"{HIGHLIGHT_START}Кореи{HIGHLIGHT_STOP}" in hit.snippet
    )
    assert all(h.language == "ru" for h in page.hits)


def test_a_surname_finds_its_oblique_cases(session: Session, archive: Fixture) -> None:
    # The stemmer cuts Штыков to 'штык' but Штыкову and Штыкова to 'штыков'.
    assert (
        session.execute(text("SELECT to_tsvector('russian', 'Штыков Штыкову')::text")).scalar_one()
        == "'штык':1 'штыков':2"
    )
    assert russian_tsquery(session, "Штыков") == "'штык' | 'штыков'"
    assert russian_tsquery(session, "Молотов") == "'молот' | 'молотов'"
    assert russian_tsquery(session, "Корея") == "'кор' | 'коре'"  # vowel-final: unchanged


def test_without_language_both_stemmers_are_used(session: Session, archive: Fixture) -> None:
    hits = search(session, "Korea", limit=50).hits
    assert {(h.key, h.language) for h in hits} >= {(SPECIMEN_KEY, "en"), (MACHINE_ONLY_KEY, "en")}
    # English stemming: "troops" finds "Troops", "divisions" finds "division".
    assert SPECIMEN_KEY in keys(search(session, "division", SearchFilters(language="en")))
    ru_hits = search(session, "Кореи", limit=50).hits
    assert {h.key for h in ru_hits} >= {SPECIMEN_KEY, SAME_DELO_KEY, UNDATED_KEY}


def test_only_current_versions(session: Session, archive: Fixture) -> None:
    # "народов" is only in revision 2 of the speech; the old revision must not show.
    hits = search(session, "дружба", SearchFilters(language="ru")).hits
    revised = [h for h in hits if h.key == REVISED_KEY]
    assert len(revised) == 1
    current = next(v for v in archive.documents[REVISED_KEY].versions if v.is_current)
    assert revised[0].version_id == current.id


def test_ranked_best_first(session: Session, archive: Fixture) -> None:
    hits = search(session, "Корея", SearchFilters(language="ru"), limit=50).hits
    ranks = [h.rank for h in hits]
    assert ranks == sorted(ranks, reverse=True)
    assert hits[0].key == SPECIMEN_KEY  # Korea seven times over


def test_filters(session: Session, archive: Fixture) -> None:
    def found(**kw: object) -> set[str]:
        page = search(session, "Корея or Korea", SearchFilters(**kw), limit=50)
        return {h.key for h in page.hits}

    assert found() == {SPECIMEN_KEY, SAME_DELO_KEY, MACHINE_ONLY_KEY, UNDATED_KEY}
    assert found(date_from="1950-10-05", date_to="1950-12") == {SPECIMEN_KEY}
    assert found(date_from="1951") == {MACHINE_ONLY_KEY}
    assert found(date_to="1951-03-01") == {SPECIMEN_KEY, SAME_DELO_KEY, MACHINE_ONLY_KEY}
    assert found(kind="letter") == {MACHINE_ONLY_KEY}
    assert found(person="Штыков") == {SPECIMEN_KEY}
    # A pseudonym finds the person, and so all the person's documents.
    assert found(person="фын си", role="signatory") == {
        SPECIMEN_KEY, SAME_DELO_KEY, MACHINE_ONLY_KEY,
    }  # fmt: skip
    assert found(person="stalin", role="signatory") == {
        SPECIMEN_KEY, SAME_DELO_KEY, MACHINE_ONLY_KEY,
    }  # fmt: skip
    assert found(person="Mao Zedong", role="addressee") == {SAME_DELO_KEY}
    assert found(person="Maо Цзэдуну", role="addressee") == {SAME_DELO_KEY}  # Latin M, a
    assert found(person="chiang kai-shek") == {SPECIMEN_KEY}
    assert found(role="intermediary") == {SPECIMEN_KEY}
    assert found(place="Пхеньян") == {SPECIMEN_KEY}
    assert found(place="pyongyang", place_role="destination") == {SPECIMEN_KEY}
    assert found(archive="АП РФ") == {SPECIMEN_KEY, SAME_DELO_KEY}
    assert found(archive="ap rf", fond="45", opis="1", delo="347") == {SPECIMEN_KEY, SAME_DELO_KEY}
    assert found(archive="RGASPI") == {UNDATED_KEY}
    assert found(archive="AP RF", delo="999") == set()
    assert found(source="Vestnik") == {SPECIMEN_KEY}
    assert found(source="вестник архива") | found(source="Вестник") == {SPECIMEN_KEY}
    assert found(source="100%_") == set()
    assert found(language="en") == {SPECIMEN_KEY, MACHINE_ONLY_KEY}


def test_keyset_pages_are_disjoint_and_complete(session: Session, archive: Fixture) -> None:
    query = "Корея or Korea or дружба or friendship or Мао"
    everything = search(session, query, limit=50)
    assert everything.next_cursor is None
    assert len(everything.hits) >= 6
    seen, cursor, pages = [], None, 0
    while True:
        page = search(session, query, limit=2, cursor=cursor)
        pages += 1
        assert len(page.hits) <= 2
        seen += [h.version_id for h in page.hits]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert pages >= 3
    assert len(seen) == len(set(seen))  # disjoint
    assert seen == [h.version_id for h in everything.hits]  # same order, nothing lost


def test_equal_ranks_paginate_by_id(session: Session, archive: Fixture) -> None:
    # Two texts with the same single hit rank equally; the id breaks the tie.
    page1 = search(session, "Troops", SearchFilters(language="en"), limit=1)
    assert page1.next_cursor is not None
    rest = search(session, "Troops", SearchFilters(language="en"), limit=10,
                  cursor=page1.next_cursor)  # fmt: skip
    assert {h.version_id for h in rest.hits}.isdisjoint({h.version_id for h in page1.hits})


@pytest.mark.parametrize(
    "query",
    ["Корея!", "Корея & Китай", "Корея | США", "Коре:*", "Ким 'Ир", "back\\slash", "a\x00b",
     "!!!", "&|:*'\\", "-", '"unterminated', "or", "(Корея", "Корея <-> Китай"],
)  # fmt: skip
def test_operator_characters_never_reach_the_server_as_errors(
    session: Session, archive: Fixture, query: str
) -> None:
    search(session, query)
    search(session, query, SearchFilters(language="en"))


def test_nul_is_stripped(session: Session, archive: Fixture) -> None:
    assert SPECIMEN_KEY in keys(search(session, "Ко\x00рея", SearchFilters(language="ru")))


@pytest.mark.parametrize(
    ("query", "filters", "message"),
    [
        ("", None, "empty"),
        ("  \x00 ", None, "empty"),
        ("x" * 1001, None, "longer than 1000"),
        ("Корея", SearchFilters(date_from="1950-13"), "bad date"),
        ("Корея", SearchFilters(date_from="8 Oct 1950"), "bad date"),
        ("Корея", SearchFilters(date_from="1951", date_to="1950"), "empty"),
        ("Корея", SearchFilters(language="de"), "language"),
        ("Корея", SearchFilters(kind="poem"), "kind"),
        ("Корея", SearchFilters(role="hero"), "role"),
        ("Корея", SearchFilters(person=" "), "person"),
    ],
)
def test_invalid_input(session: Session, query: str, filters, message: str) -> None:
    with pytest.raises(InvalidQuery, match=message):
        search(session, query, filters)
    assert issubclass(InvalidQuery, ValueError)


def test_bad_cursor_and_limit(session: Session) -> None:
    for cursor in ["garbage", "!!", encode_cursor(1.0, 2)[:-3], "WyJhIiwxXQ"]:
        with pytest.raises(InvalidQuery, match="cursor"):
            search(session, "Корея", cursor=cursor)
    with pytest.raises(InvalidQuery, match="limit"):
        search(session, "Корея", limit=0)
    assert decode_cursor(encode_cursor(0.25, 7)) == (0.25, 7)


def test_a_cursor_beyond_bigint_is_invalid_query_not_data_error(session: Session) -> None:
    """A crafted cursor's id past bigint reached the database as a DataError."""
    for order, cursor in [("rank", encode_cursor(0.5, 2**63)), ("rank", encode_cursor(0.5, -1)),
                          ("date", encode_date_cursor(None, 2**64))]:  # fmt: skip
        with pytest.raises(InvalidQuery, match="cursor"):
            search(session, "Корея", cursor=cursor, order=order)


def bulk(session: Session, n: int = 3000) -> None:
    """Enough unrelated texts for the planner to weigh an index against a scan."""
    session.execute(
        text(
            "WITH d AS (INSERT INTO documents (key, kind, title) "
            "SELECT 'bulk' || i, 'note', 'Bulk ' || i FROM generate_series(1, :n) i "
            "RETURNING id, key) "
            "INSERT INTO document_versions (document_id, language, origin, origin_kind, title, "
            "body, sha256) SELECT id, lang, 'tom1', 'volume', key, "
            "'текст номер ' || key || ' о хлебозаготовках text about grain ' || key, "
            "md5(key || lang) || md5(lang || key) FROM d, (VALUES ('ru'), ('en')) l(lang)"
        ),
        {"n": n},
    )
    # Move the new entries out of the GIN pending list, which the planner costs as a scan.
    session.execute(text("SELECT gin_clean_pending_list('ix_document_versions_search_vector')"))
    session.execute(text("ANALYZE documents, document_versions"))
    session.execute(text("SET LOCAL enable_seqscan = off"))


def test_search_uses_the_gin_index(session: Session, archive: Fixture) -> None:
    bulk(session)
    plan = "\n".join(
        session.execute(
            text(
                "EXPLAIN SELECT id FROM document_versions v WHERE is_current AND ("
                "(language = 'ru' AND search_vector @@ websearch_to_tsquery('russian', :q)) OR "
                "(language = 'en' AND search_vector @@ websearch_to_tsquery('english', :q)))"
            ),
            {"q": "Корея"},
        ).scalars()
    )
    assert "ix_document_versions_search_vector" in plan


def test_the_search_statement_itself_uses_the_gin_index(session: Session, archive: Fixture) -> None:
    # EXPLAIN the statement search() sends, captured from the session's connection.
    from sqlalchemy import event

    statements: list[tuple[str, object]] = []
    conn = session.connection()

    def capture(conn_, cursor, statement, parameters, context, executemany) -> None:
        if "ts_rank_cd" in statement:
            statements.append((statement, parameters))

    event.listen(conn, "before_cursor_execute", capture)
    try:
        search(session, "Корея", SearchFilters(kind="telegram"))
    finally:
        event.remove(conn, "before_cursor_execute", capture)
    statement, parameters = statements[0]
    bulk(session)
    raw = conn.connection.driver_connection
    with raw.cursor() as cur:
        cur.execute("EXPLAIN " + statement, parameters)
        plan = "\n".join(row[0] for row in cur.fetchall())
    assert "ix_document_versions_search_vector" in plan


def test_every_key_is_reachable(session: Session, archive: Fixture) -> None:
    found = {h.key for h in search(session, "Корея or Korea or дружба or строительстве or "
                                             "Товарищи", limit=50).hits}  # fmt: skip
    assert found == set(ALL_KEYS) - set() or found >= {ARTICLE_KEY, REVISED_KEY}


def test_date_order_pages_chronologically_and_ranks_the_page(
    session: Session, archive: Fixture
) -> None:
    query = "Корея or Korea or дружба or friendship or Мао"
    everything = search(session, query, limit=50, order="date")
    hits = everything.hits
    assert everything.next_cursor is None and len(hits) >= 6
    dated = [h.date_start for h in hits if h.date_start is not None]
    assert dated == sorted(dated)
    assert hits[-1].date_start is None  # the undated document comes last
    assert hits[-1].key == UNDATED_KEY
    assert all(h.rank > 0 and HIGHLIGHT_START in h.snippet for h in hits)
    by_rank = {h.version_id: h.rank for h in search(session, query, limit=50).hits}
    assert {h.version_id: h.rank for h in hits} == by_rank  # same hits, same ranks
    seen, cursor = [], None
    while True:
        page = search(session, query, limit=2, cursor=cursor, order="date")
        seen += [h.version_id for h in page.hits]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == [h.version_id for h in hits]  # disjoint, complete, same order


def test_orders_and_their_cursors_do_not_mix(session: Session, archive: Fixture) -> None:
    with pytest.raises(InvalidQuery, match="order"):
        search(session, "Корея", order="title")
    by_rank = search(session, "Корея or Korea", limit=1)
    by_date = search(session, "Корея or Korea", limit=1, order="date")
    with pytest.raises(InvalidQuery, match="cursor"):
        search(session, "Корея or Korea", cursor=by_rank.next_cursor, order="date")
    with pytest.raises(InvalidQuery, match="cursor"):
        search(session, "Корея or Korea", cursor=by_date.next_cursor)
