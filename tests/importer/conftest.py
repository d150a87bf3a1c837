"""Helpers for driving ``archive-db import`` against a database of the test's own."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from archive_db.cli import main
from tests.conftest import PROJECT_ROOT, SPECIMEN

AUTHORITIES = PROJECT_ROOT / "seeds" / "authorities"

Run = Callable[..., Result]


@pytest.fixture
def run_cli(database_url: URL) -> Run:
    """Invoke the CLI on this test's database: ``run_cli("import", path, ...)``."""
    runner = CliRunner()
    url = database_url.render_as_string(hide_password=False)

    def run(*args: object) -> Result:
        return runner.invoke(main, ["--database-url", url, *map(str, args)])

    return run


@pytest.fixture
def volume(tmp_path: Path) -> Path:
    """A seeds tree with the authority files and a volume folder holding the specimen."""
    root = tmp_path / "seeds"
    shutil.copytree(AUTHORITIES, root / "authorities")
    (root / "tom18").mkdir()
    shutil.copy(SPECIMEN, root / "tom18" / SPECIMEN.name)
    return root


def count(engine: Engine, sql: str, **params: object) -> int:
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar_one()


def rows(engine: Engine, sql: str, **params: object) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]
