"""The schema's history: pytest-alembic's built-in checks, plus what researchers see."""

import threading

from pytest_alembic.tests import (  # noqa: F401 — collected as tests here
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from sqlalchemy import Engine, inspect, text

from archive_db import migrate
from archive_db.db import metadata


def test_every_table_and_column_has_a_comment(engine: Engine) -> None:
    inspector = inspect(engine)
    missing = []
    for table in metadata.sorted_tables:
        if not inspector.get_table_comment(table.name)["text"]:
            missing.append(table.name)
        missing += [
            f"{table.name}.{column['name']}"
            for column in inspector.get_columns(table.name)
            if not column.get("comment")
        ]
    assert missing == []


def test_schema_state_follows_the_revisions(empty_database_url) -> None:
    from archive_db.db import make_engine

    eng = make_engine(empty_database_url)
    try:
        assert migrate.schema_state(eng)[0] is migrate.SchemaState.EMPTY
        migrate.upgrade(eng)
        assert migrate.schema_state(eng) == (migrate.SchemaState.CURRENT, migrate.head_revision())
        migrate.downgrade(eng, "base")
        with eng.connect() as conn:
            tables = conn.execute(
                text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            ).scalar_one()
        assert tables == 1  # only alembic_version is left
    finally:
        eng.dispose()


def test_search_vector_stems_by_language(session) -> None:
    from archive_db.models import Document, DocumentVersion

    doc = Document(key="0" * 16, kind="letter", title="t")
    body_ru = "Войска направлены в Корею."
    body_en = "Troops were sent to Korea."
    doc.versions = [
        DocumentVersion(language="ru", origin="tom1", origin_kind="volume", title="Письмо",
                        body=body_ru, sha256="a" * 64),
        DocumentVersion(language="en", origin="AI", origin_kind="machine_translation",
                        title="Letter", body=body_en, sha256="b" * 64),
    ]  # fmt: skip
    session.add(doc)
    session.flush()
    hits = session.execute(
        text(
            "SELECT language FROM document_versions "
            "WHERE search_vector @@ websearch_to_tsquery('russian', 'Кореи') "
            "   OR search_vector @@ websearch_to_tsquery('english', 'troop koreas')"
            " ORDER BY language"
        )
    ).scalars()
    assert list(hits) == ["en", "ru"]


def test_texts_are_compressed_with_lz4_where_the_server_has_it(engine: Engine) -> None:
    with engine.connect() as conn:
        has_lz4 = conn.execute(
            text("SELECT 'lz4' = ANY(enumvals) FROM pg_settings"
                 " WHERE name = 'default_toast_compression'")
        ).scalar_one()  # fmt: skip
        methods = conn.execute(
            text("SELECT attname, attcompression FROM pg_attribute"
                 " WHERE attrelid = 'document_versions'::regclass"
                 " AND attname IN ('body', 'search_vector') ORDER BY attname")
        ).all()  # fmt: skip
    expected = "l" if has_lz4 else ""  # "": the server's default, pglz
    assert [tuple(m) for m in methods] == [("body", expected), ("search_vector", expected)]


def test_schema_state_waits_for_an_upgrade_in_progress(empty_database_url) -> None:
    """Two imports on a new database: the second must not read the first one's schema
    halfway (revisions commit one by one) and take it for an old one (exit 2)."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from archive_db.db import make_engine

    eng = make_engine(empty_database_url)
    script = ScriptDirectory.from_config(migrate.alembic_config())
    first = script.get_base()
    try:
        migrate.upgrade(eng, first)
        # Holds the lock on a connection of its own as env.py does, then upgrades.
        with eng.connect() as holder, eng.connect() as upgrading:
            migrate.hold_migration_lock(holder)
            states: list[object] = []
            reader = threading.Thread(target=lambda: states.append(migrate.schema_state(eng)))
            reader.start()
            reader.join(0.5)
            assert reader.is_alive() and states == []  # waiting, not reading
            cfg = migrate.alembic_config()
            cfg.attributes["connection"] = upgrading
            command.upgrade(cfg, "head")
            upgrading.commit()
            holder.rollback()
        reader.join(10)
        assert states == [(migrate.SchemaState.CURRENT, migrate.head_revision())]
    finally:
        eng.dispose()
