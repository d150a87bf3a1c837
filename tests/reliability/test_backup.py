"""db dump and db restore: the archive is the only copy of its curated links and
revisions, so a restore must give back every row and every text (issue 14, item 12)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from tests.conftest import create_database, drop_database
from tests.reliability.conftest import Run, canonical_dump, query, seeds_tree

# Every text the archive holds, in a stable order, hashed.
TEXTS = """
    SELECT md5(string_agg(concat_ws('|', d.key, v.language, v.origin, v.revision, v.title,
                                    v.body, v.printed_date), '#' ORDER BY v.id))
    FROM document_versions v JOIN documents d ON d.id = v.document_id"""


def _counts(url: URL) -> dict[str, int]:
    tables = [t for (t,) in query(url, "SELECT tablename FROM pg_tables"
                                       " WHERE schemaname = 'public' ORDER BY 1")]  # fmt: skip
    return {t: int(query(url, f'SELECT count(*) FROM "{t}"')[0][0]) for t in tables}


@pytest.fixture
def empty(pg_server: URL) -> Iterator[URL]:
    url = create_database(pg_server)
    yield url
    drop_database(pg_server, url)


def test_a_restored_dump_holds_every_row_and_text(
    run_cli: Run, database_url: URL, empty: URL, tmp_path: Path
) -> None:
    root = seeds_tree(tmp_path / "seeds", 4)
    assert run_cli("import", root).exit_code == 0
    first = root / "tom18" / sorted(p.name for p in (root / "tom18").iterdir())[0]
    first.write_text(first.read_text("utf-8").replace("неможет", "не может"), "utf-8")
    assert run_cli("import", root).exit_code == 0  # a revision 2 to keep as well
    backup = tmp_path / "archive.dump"
    dumped = run_cli("db", "dump", backup)
    assert dumped.exit_code == 0, dumped.output
    target = empty.render_as_string(hide_password=False)
    restored = run_cli("--database-url", target, "db", "restore", backup)
    assert restored.exit_code == 0, restored.output

    counts = _counts(database_url)
    assert counts["document_versions"] == 9 and counts["import_runs"] == 2
    assert _counts(empty) == counts
    assert query(empty, TEXTS) == query(database_url, TEXTS)
    assert canonical_dump(empty) == canonical_dump(database_url)
    assert query(empty, "SELECT version_num FROM alembic_version") == query(
        database_url, "SELECT version_num FROM alembic_version"
    )
    # The restored archive works: a re-import finds everything unchanged.
    again = run_cli("--database-url", target, "import", root)
    assert again.exit_code == 0 and "4 unchanged" in again.output, again.output

    # A database that is not empty is refused unless --replace; then replaced whole.
    refused = run_cli("--database-url", target, "db", "restore", backup)
    assert refused.exit_code == 2 and "not empty" in refused.output
    replaced = run_cli("--database-url", target, "db", "restore", backup, "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert _counts(empty) == counts


def test_a_broken_dump_restores_nothing(
    run_cli: Run, database_url: URL, empty: URL, tmp_path: Path
) -> None:
    assert run_cli("import", seeds_tree(tmp_path / "seeds", 2)).exit_code == 0
    backup = tmp_path / "archive.dump"
    assert run_cli("db", "dump", backup).exit_code == 0
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) * 2 // 3])  # cut short
    target = empty.render_as_string(hide_password=False)
    result = run_cli("--database-url", target, "db", "restore", backup)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("archive-db: restore failed, nothing restored: ")
    assert query(empty, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]
    # A dump that cannot be written leaves nothing in its place.
    bad = run_cli("--database-url", target.replace(empty.database or "", "no_such_db_x"),
                  "db", "dump", tmp_path / "other.dump")  # fmt: skip
    assert bad.exit_code == 2 and not (tmp_path / "other.dump").exists()
