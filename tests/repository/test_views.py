"""The researcher views of revision 2, and their downgrade with data present."""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from archive_db import migrate
from archive_db.db import session_scope
from tests.repository.data import (
    MACHINE_ONLY_KEY,
    REVISED_KEY,
    SAME_DELO_KEY,
    SPECIMEN_KEY,
    Fixture,
    build,
)

VIEWS = ("document_overview", "document_texts", "document_people_roles",
         "document_places_roles", "archival_files", "mismatched_versions")  # fmt: skip


def test_document_overview(session: Session, archive: Fixture) -> None:
    row = session.execute(
        text("SELECT * FROM document_overview WHERE key = :k"), {"k": SPECIMEN_KEY}
    ).mappings().one()  # fmt: skip
    assert row["date_start"].isoformat() == "1950-10-08"
    assert row["title_ru"] == "Телеграмма Т.Ф. Штыкову 8 октября 1950 года"
    assert row["title_en"] == "Telegram to T.F. Shtykov"
    assert row["texts"] == "ru:tom18 (volume), en:AI (machine_translation)"
    assert row["author"] == "Joseph Stalin"
    assert row["addressees"] == "Kim Il Sung"
    assert row["archival_references"] == "АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67"
    assert row["citations"] == "Вестник. 1996. № 1. С. 132–133; Том 18"
    machine = session.execute(
        text("SELECT title_ru, title_en, archival_references FROM document_overview "
             "WHERE key = :k"), {"k": MACHINE_ONLY_KEY}
    ).one()  # fmt: skip
    assert machine == (None, "Letter to Kim Il Sung", None)


def test_document_texts_are_current(session: Session, archive: Fixture) -> None:
    rows = session.execute(
        text("SELECT language, revision FROM document_texts WHERE key = :k"), {"k": REVISED_KEY}
    ).all()
    assert rows == [("ru", 2)]
    hits = session.execute(
        text("SELECT key FROM document_texts WHERE language = 'ru' "
             "AND search_vector @@ websearch_to_tsquery('russian', 'Кореи')")
    ).scalars().all()  # fmt: skip
    assert SPECIMEN_KEY in hits


def test_people_roles_and_archival_files(session: Session, archive: Fixture) -> None:
    assert session.execute(
        text("SELECT name_as_written FROM document_people_roles "
             "WHERE key = :k AND role = 'intermediary' AND language = 'ru'"),
        {"k": SPECIMEN_KEY},
    ).scalar_one() == "Штыкову"  # fmt: skip
    row = session.execute(
        text("SELECT reference, documents, keys, date_from, date_to FROM archival_files "
             "WHERE archive_latin = 'AP RF' AND fond = '45' AND opis = '1' AND delo = '347'")
    ).one()  # fmt: skip
    assert row.reference == "АП РФ. Ф. 45. Оп. 1. Д. 347"
    assert row.documents == 2
    assert row.keys == [SAME_DELO_KEY, SPECIMEN_KEY]
    assert (row.date_from.isoformat(), row.date_to.isoformat()) == ("1950-10-01", "1950-10-08")


def test_every_view_has_a_comment(session: Session) -> None:
    for view in VIEWS:
        comment = session.execute(
            text("SELECT obj_description(CAST(:v AS regclass), 'pg_class')"), {"v": view}
        ).scalar_one()
        assert comment, view


def test_every_view_column_has_a_comment(session: Session) -> None:
    """The README says every column has one; 30 of the views' 50 had none."""
    missing = session.execute(
        text("SELECT c.relname || '.' || a.attname FROM pg_class c "
             "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
             "WHERE c.relkind = 'v' AND c.relnamespace = 'public'::regnamespace "
             "AND col_description(c.oid, a.attnum) IS NULL ORDER BY 1")
    ).scalars().all()  # fmt: skip
    assert missing == []
    views = set(session.execute(
        text("SELECT viewname FROM pg_views WHERE schemaname = 'public'")).scalars())  # fmt: skip
    assert views == set(VIEWS)


def test_which_name_form_was_written_is_a_column(session: Session, archive: Fixture) -> None:
    forms = session.execute(
        text("SELECT role, language, name_as_written, name_kind FROM document_people_roles "
             "WHERE key = :k AND person = 'stalin' ORDER BY role, language"),
        {"k": SPECIMEN_KEY},
    ).all()  # fmt: skip
    assert ("signatory", "en", "Fyn Si", "pseudonym") in forms
    assert ("signatory", "ru", "Фын Си", "pseudonym") in forms


def test_document_places_roles(session: Session, archive: Fixture) -> None:
    rows = session.execute(
        text("SELECT place, role, language, name_as_written, preferred_name "
             "FROM document_places_roles WHERE key = :k AND role = 'destination' "
             "ORDER BY language"), {"k": SPECIMEN_KEY},
    ).all()  # fmt: skip
    name = rows[0].preferred_name
    assert rows == [("pyongyang", "destination", "en", "Pyongyang", name),
                    ("pyongyang", "destination", "ru", "Пхеньян", name)]  # fmt: skip


def test_counting_per_fond_as_the_comment_says(session: Session, archive: Fixture) -> None:
    """A document in several files: archival_files counts it in each, so its sum per
    fond over-counts; the comment says so and names the query that counts right."""
    comment = session.execute(
        text("SELECT col_description('archival_files'::regclass, 6 + 1)")
    ).scalar_one()
    assert "over-counts" in comment and "DISTINCT document_id" in comment
    by_fond = dict(session.execute(
        text("SELECT r.fond, count(DISTINCT r.document_id) FROM archival_references r "
             "GROUP BY r.fond")).all())  # fmt: skip
    summed = dict(session.execute(
        text("SELECT fond, sum(documents) FROM archival_files GROUP BY fond")).all())  # fmt: skip
    assert set(by_fond) == set(summed)
    assert all(summed[f] >= by_fond[f] for f in by_fond)


def test_downgrade_and_upgrade_with_data(engine: Engine) -> None:
    with session_scope(engine) as db:
        build(db)
    migrate.downgrade(engine, "8efc242ad271")
    with engine.connect() as conn:
        views = conn.execute(
            text("SELECT count(*) FROM pg_views WHERE schemaname = 'public'")
        ).scalar_one()
        assert views == 0
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == 6
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM document_overview")).scalar_one() == 6
