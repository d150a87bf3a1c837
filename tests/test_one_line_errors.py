"""A database without the archive's schema, or a revision Alembic does not know: one
line saying what to run, exit 2 (they were 80- and 90-line tracebacks)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner, Result
from sqlalchemy.engine import URL

from archive_db.cli import main


def _run(url: URL, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database-url", url.render_as_string(hide_password=False),
                                     *args])  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [["search", "Корея"], ["show", "fb0b047ba36df19f"], ["people"], ["places"],
     ["refs", "AP RF"]],
    ids=["search", "show", "people", "places", "refs"],
)  # fmt: skip
def test_research_on_a_database_without_the_schema(
    empty_database_url: URL, args: list[str]
) -> None:
    result = _run(empty_database_url, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("archive-db: this database has no archive schema")
    assert "run `archive-db db upgrade`" in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


@pytest.mark.parametrize("command", ["upgrade", "downgrade"])
def test_an_unknown_revision(empty_database_url: URL, command: str) -> None:
    result = _run(empty_database_url, "db", command, "nosuchrev")
    assert result.exit_code == 2
    assert result.stderr.startswith("archive-db: cannot migrate to 'nosuchrev': ")
    assert "known revisions: head, base, " in result.stderr
    assert result.stderr.count("\n") == 1
