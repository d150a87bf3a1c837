"""Shared helpers for the reliability tests: generated volumes, the CLI, canonical dumps."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner, Result
from sqlalchemy.engine import URL

from archive_db.cli import main
from archive_db.config import libpq_url
from tests.conftest import DATA_TABLES, PROJECT_ROOT, SPECIMEN

AUTHORITIES = PROJECT_ROOT / "seeds" / "authorities"
SPECIMEN_TEXT = SPECIMEN.read_text(encoding="utf-8")

Run = Callable[..., Result]


def seed_name(i: int, position: int | None = None) -> str:
    """``NNN_<16 hex>.txt`` for document ``i`` (keys 0xa000 + i, far from the specimen's)."""
    return f"{i if position is None else position:03d}_{0xA000 + i:016x}.txt"


def good_text(i: int) -> str:
    """The specimen with one word changed per document, so every file has its own hash."""
    return SPECIMEN_TEXT.replace("неможет", f"неможет{i}")


def seeds_tree(root: Path, documents: int, volume: str = "tom18") -> Path:
    """``root`` with the authority files and one volume of ``documents`` good files."""
    shutil.copytree(AUTHORITIES, root / "authorities", dirs_exist_ok=True)
    folder = root / volume
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(documents):
        (folder / seed_name(i)).write_text(good_text(i), encoding="utf-8")
    return root


@pytest.fixture
def run_cli(database_url: URL) -> Run:
    runner = CliRunner()
    url = database_url.render_as_string(hide_password=False)

    def run(*args: object) -> Result:
        return runner.invoke(main, ["--database-url", url, *map(str, args)])

    return run


def query(url: URL, sql: str, params: tuple[object, ...] = ()) -> list[tuple]:
    with psycopg.connect(libpq_url(url)) as conn:
        return [tuple(r) for r in conn.execute(sql, params)]


def scalar(url: URL, sql: str, params: tuple[object, ...] = ()) -> object:
    return query(url, sql, params)[0][0]




def table_counts(url: URL) -> dict[str, int]:
    sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in DATA_TABLES)
    return dict(query(url, sql))  # type: ignore[arg-type]


# Everything a reader sees, by natural keys (never ids), each part in a total order.
CANONICAL = {
    "documents": """
        SELECT key, volume, position, kind, title, index_title, date_start::text,
               date_end::text, date_precision, classification, file_sha256
        FROM documents ORDER BY key""",
    "versions": """
        SELECT d.key, v.language, v.origin, v.origin_kind, v.revision, v.is_current, v.sha256,
               v.title, md5(v.body), t.language, t.revision
        FROM document_versions v JOIN documents d ON d.id = v.document_id
        LEFT JOIN document_versions t ON t.id = v.translation_of_id
        ORDER BY d.key, v.language, v.origin, v.revision""",
    "references": """
        SELECT d.key, r.position, a.code, r.fond, r.opis, r.delo, r.folios, r.folio_start,
               r.folio_end, r.verso, r.ibid, r.printed_ru, r.printed_en
        FROM archival_references r JOIN documents d ON d.id = r.document_id
        LEFT JOIN archives a ON a.id = r.archive_id ORDER BY d.key, r.position""",
    "citations": """
        SELECT d.key, c.position, c.role, s.kind, s.title, s.volume, s.issue, s.year, c.pages,
               c.printed_ru, c.printed_en
        FROM citations c JOIN documents d ON d.id = c.document_id
        JOIN sources s ON s.id = c.source_id ORDER BY d.key, c.position""",
    "people": """
        SELECT d.key, p.slug, p.preferred_name, p.provisional, dp.role, dp.language,
               dp.name_as_written, dp.line
        FROM document_people dp JOIN documents d ON d.id = dp.document_id
        JOIN people p ON p.id = dp.person_id ORDER BY 1, 2, 3, 4, 5, 6, 7, 8""",
    "places": """
        SELECT d.key, p.slug, dp.role, dp.language, dp.name_as_written, dp.line
        FROM document_places dp JOIN documents d ON d.id = dp.document_id
        JOIN places p ON p.id = dp.place_id ORDER BY 1, 2, 3, 4, 5, 6""",
    "authorities": """
        SELECT 'person', slug, preferred_name, provisional::text FROM people
        UNION ALL SELECT 'place', slug, preferred_name, NULL FROM places
        UNION ALL SELECT 'archive', code, code_latin, NULL FROM archives
        UNION ALL SELECT 'source', kind, title, volume FROM sources
        ORDER BY 1, 2, 3, 4""",
}


def canonical_dump(url: URL) -> dict[str, list[tuple]]:
    return {name: query(url, sql) for name, sql in CANONICAL.items()}


# A document is whole when it has all of these; the specimen's copies have each.
INCOMPLETE_DOCUMENTS = """
    SELECT d.key FROM documents d
    WHERE (SELECT count(*) FROM document_versions v
           WHERE v.document_id = d.id AND v.is_current) <> 2
       OR NOT EXISTS (SELECT 1 FROM archival_references r WHERE r.document_id = d.id)
       OR NOT EXISTS (SELECT 1 FROM citations c WHERE c.document_id = d.id)
       OR NOT EXISTS (SELECT 1 FROM document_people p WHERE p.document_id = d.id)
       OR NOT EXISTS (SELECT 1 FROM document_places p WHERE p.document_id = d.id)
    ORDER BY d.key"""
