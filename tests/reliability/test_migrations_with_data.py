"""Migrations with data present: every downgrade one step at a time, and base → head
with a re-import that brings every row back (by the canonical dump)."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from archive_db import migrate
from archive_db.cli import main
from archive_db.db import make_engine
from tests.conftest import SPECIMEN
from tests.reliability.conftest import canonical_dump, query, seeds_tree, table_counts

SYNTHETIC = 12


def _tree(root: Path) -> Path:
    """The specimen in tom18 and a synthetic volume tom19 of SYNTHETIC documents."""
    seeds_tree(root, SYNTHETIC, volume="tom19")
    for seed in (root / "tom19").iterdir():
        seed.write_text(
            seed.read_text(encoding="utf-8")
            .replace("ru:tom18", "ru:tom19")
            .replace("Tom 18", "Tom 19")
            .replace("Том 18", "Том 19"),
            encoding="utf-8",
        )
    (root / "tom18").mkdir()
    shutil.copy(SPECIMEN, root / "tom18" / SPECIMEN.name)
    return root


def _import(url: URL, root: Path) -> None:
    result = CliRunner().invoke(
        main, ["--database-url", url.render_as_string(hide_password=False), "import", str(root)]
    )
    assert result.exit_code == 0, result.output


def _revisions() -> list[str]:
    """Head first, down to the first revision."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    return [rev.revision for rev in script.walk_revisions()]


def _public_objects(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(
            conn.execute(
                text(
                    "SELECT c.relkind::text || ':' || c.relname FROM pg_class c"
                    " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'S')"
                    " ORDER BY 1"
                )
            ).scalars()
        )


@pytest.fixture
def loaded(empty_database_url: URL, tmp_path: Path) -> Iterator[tuple[Engine, Path]]:
    """A database migrated to head holding the specimen and a synthetic volume, with a
    reader role granted on it (grants must not block any downgrade)."""
    engine = make_engine(empty_database_url)
    migrate.upgrade(engine)
    root = _tree(tmp_path / "seeds")
    _import(empty_database_url, root)
    role = f"reader_{uuid.uuid4().hex[:8]}"
    url = empty_database_url.render_as_string(hide_password=False)
    assert CliRunner().invoke(main, ["--database-url", url, "grant-reader", role]).exit_code == 0
    try:
        yield engine, root
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        engine.dispose()


def test_base_to_head_and_reimport_restores_every_row(loaded: tuple[Engine, Path]) -> None:
    engine, root = loaded
    url = engine.url
    before = canonical_dump(url)
    counts = table_counts(url)
    assert counts["documents"] == SYNTHETIC + 1
    assert all(n > 0 for n in counts.values()), counts

    migrate.downgrade(engine, "base")
    assert _public_objects(engine) == ["r:alembic_version"]
    migrate.upgrade(engine)
    assert table_counts(url) == dict.fromkeys(counts, 0)
    _import(url, root)
    assert canonical_dump(url) == before
    assert table_counts(url) == counts


def test_each_downgrade_one_step_at_a_time_with_data(loaded: tuple[Engine, Path]) -> None:
    engine, root = loaded
    url = engine.url
    before = canonical_dump(url)
    revisions = _revisions()
    assert migrate.current_revision(engine) == revisions[0]
    objects_at: dict[str, list[str]] = {revisions[0]: _public_objects(engine)}

    for i, revision in enumerate(revisions):
        assert migrate.current_revision(engine) == revision
        migrate.downgrade(engine, "-1")
        below = revisions[i + 1] if i + 1 < len(revisions) else None
        assert migrate.current_revision(engine) == below
        objects_at[below or "base"] = _public_objects(engine)
        if below is not None and "r:documents" in objects_at[below]:
            # The data tables are still there: nothing in them was touched.
            assert canonical_dump(url) == before, f"downgrade of {revision} changed data"
            # Up one step again, and down again: the revision is repeatable with data.
            migrate.upgrade(engine, "+1")
            assert _public_objects(engine) == objects_at[revision]
            assert canonical_dump(url) == before
            migrate.downgrade(engine, "-1")
    assert objects_at["base"] == ["r:alembic_version"]

    # Back up one step at a time; each step's schema is the one seen on the way down.
    for revision in reversed(revisions):
        migrate.upgrade(engine, "+1")
        assert migrate.current_revision(engine) == revision
        assert _public_objects(engine) == objects_at[revision]
    _import(url, root)
    assert canonical_dump(url) == before
    assert query(url, "SELECT count(*) FROM document_overview") == [(SYNTHETIC + 1,)]
