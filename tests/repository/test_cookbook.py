"""Every ```sql block of docs/queries.md runs, read-only, on the test data."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.engine import URL

from archive_db.repository import run_read_only
from tests.conftest import PROJECT_ROOT
from tests.repository.conftest import reader_engine

COOKBOOK = PROJECT_ROOT / "docs" / "queries.md"
_BLOCK = re.compile(r"^## (?P<heading>.+?)$.*?^```sql\n(?P<sql>.*?)^```", re.M | re.S)


def cookbook() -> list[tuple[str, str]]:
    return [(m["heading"], m["sql"]) for m in _BLOCK.finditer(COOKBOOK.read_text("utf-8"))]


def test_the_cookbook_has_enough_questions() -> None:
    blocks = cookbook()
    assert len(blocks) >= 12
    text = COOKBOOK.read_text("utf-8")
    assert text.count("```sql") == len(blocks)  # every block sits under a heading


@pytest.mark.parametrize(("heading", "statement"), cookbook(), ids=[h for h, _ in cookbook()])
def test_cookbook_query_runs(seeded_url: URL, heading: str, statement: str) -> None:
    with reader_engine(seeded_url) as engine, engine.connect() as conn:
        result = run_read_only(conn, statement, timeout_ms=10_000)
        conn.rollback()
    assert result.columns
    if "-- may be empty" not in statement:
        assert result.rows, f"{heading!r} returned no rows on the test data"
