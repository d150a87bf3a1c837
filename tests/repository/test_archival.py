"""The documents of one archival file, in folio order, through the index."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from archive_db.repository import InvalidQuery, file_documents, find_archive, references
from tests.repository.data import REVISED_KEY, SAME_DELO_KEY, SPECIMEN_KEY, UNDATED_KEY, Fixture


def test_one_delo_in_folio_order(session: Session, archive: Fixture) -> None:
    entries = file_documents(session, "АП РФ", "45", "1", "347")
    # The same-delo telegram was added after the specimen, but its folios come first.
    assert [(e.key, e.folios) for e in entries] == [
        (SAME_DELO_KEY, "12–14"), (SPECIMEN_KEY, "65–67"),
    ]  # fmt: skip
    assert file_documents(session, "ap rf", "45", "1", "347") == entries  # Latin code
    assert file_documents(session, "АП РФ", "45", "1", "348") == []
    assert file_documents(session, "ЦАМО", "45", "1", "347") == []


def test_references_under_a_prefix(session: Session, archive: Fixture) -> None:
    assert [e.key for e in references(session, "RGASPI")] == [REVISED_KEY, UNDATED_KEY]
    assert [e.key for e in references(session, "РГАСПИ", "558", "11")] == [
        REVISED_KEY, UNDATED_KEY,
    ]  # fmt: skip
    assert references(session, "РГАСПИ", "17") == []
    with pytest.raises(InvalidQuery):
        references(session, "РГАСПИ", None, "11")
    assert find_archive(session, "AP  RF").code == "АП РФ"


def test_delo_query_uses_the_index(session: Session, archive: Fixture) -> None:
    statements: list[tuple[str, object]] = []
    from sqlalchemy import event

    conn = session.connection()

    def capture(conn_, cursor, statement, parameters, context, executemany) -> None:
        if "archival_references" in statement and "ORDER BY" in statement:
            statements.append((statement, parameters))

    event.listen(conn, "before_cursor_execute", capture)
    try:
        file_documents(session, "АП РФ", "45", "1", "347")
    finally:
        event.remove(conn, "before_cursor_execute", capture)
    [(statement, parameters)] = statements  # one statement: the archive is joined by code
    session.execute(text("SET LOCAL enable_seqscan = off"))
    with conn.connection.driver_connection.cursor() as cur:
        cur.execute("EXPLAIN " + statement, parameters)
        plan = "\n".join(row[0] for row in cur.fetchall())
    assert "ix_archival_references_archive_id_fond_opis_delo" in plan
