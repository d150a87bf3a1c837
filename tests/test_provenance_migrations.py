"""Links and documents stored before provenance was recorded, through its revisions."""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import URL

from archive_db import migrate
from archive_db.db import make_engine

BEFORE = "5c7e2a91d4b3"  # the last revision without link provenance
STORED = """
INSERT INTO people (slug, preferred_name) VALUES ('kim-il-sung', 'Kim Il Sung');
INSERT INTO places (slug, preferred_name) VALUES ('korea', 'Korea');
INSERT INTO documents (key, kind, title) VALUES ('00000000000000aa', 'telegram', 't');
INSERT INTO document_people (document_id, person_id, role, language, name_as_written)
SELECT d.id, p.id, r, 'ru', 'Ким Ир Сен' FROM documents d, people p,
       unnest(ARRAY['addressee', 'mentioned']) r;
INSERT INTO document_places (document_id, place_id, role, language, name_as_written)
SELECT d.id, p.id, 'mentioned', 'ru', 'Корею' FROM documents d, places p;
"""


def _columns(engine: Engine, view: str) -> list[str]:
    return [c["name"] for c in inspect(engine).get_columns(view)]


def test_stored_links_get_the_methods_that_made_them(empty_database_url: URL) -> None:
    engine = make_engine(empty_database_url)
    try:
        migrate.upgrade(engine, BEFORE)
        old_columns = _columns(engine, "document_people_roles")
        with engine.begin() as conn:
            for statement in STORED.split(";\n"):
                conn.execute(text(statement))
        migrate.upgrade(engine)
        with engine.connect() as conn:
            people = conn.execute(text(
                "SELECT role, method, confidence, provisional FROM document_people_roles"
                " ORDER BY role"
            )).all()  # fmt: skip
            places = conn.execute(
                text("SELECT role, method, confidence FROM document_places_roles")
            ).all()
            version = conn.execute(text("SELECT derivation_version FROM documents")).scalar()
        assert [tuple(r) for r in people] == [
            ("addressee", "layout", 1.0, False),
            ("mentioned", "authority", 0.9, False),
        ]
        assert [tuple(r) for r in places] == [("mentioned", "authority", 0.9)]
        assert version == 0  # derived before versions were recorded: the next import redoes it
        assert _columns(engine, "document_people_roles") == [
            *old_columns, "method", "confidence", "provisional", "name_kind"
        ]  # fmt: skip

        migrate.downgrade(engine, BEFORE)
        assert _columns(engine, "document_people_roles") == old_columns
        assert "document_places_roles" not in inspect(engine).get_view_names()
    finally:
        engine.dispose()
