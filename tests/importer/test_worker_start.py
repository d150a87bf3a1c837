"""A spawned worker imports what it runs anew: that must stay light (processes.py).

Each check runs a fresh interpreter, as multiprocessing's spawn does, and lists the
heavy packages the import pulled in; a worker that imports the ORM, the migrations or
the CLI starts in 0.8–1.5 s of CPU instead of 0.35 s.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "alembic", "click")


def _heavy_after(statement: str) -> list[str]:
    probe = f"import json, sys; {statement}; print(json.dumps(list(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = {name.split(".")[0] for name in json.loads(out.stdout)}
    return [name for name in HEAVY if name in loaded]


@pytest.mark.parametrize(
    "statement",
    [
        # What a worker unpickles: its initializer and tasks.
        "import archive_db.importer.processes",
        # What the archive-db script runs again in each worker, as __mp_main__.
        "from archive_db.__main__ import main",
    ],
)
def test_a_worker_process_imports_neither_the_orm_nor_the_cli(statement: str) -> None:
    assert _heavy_after(statement) == []


def test_the_package_still_offers_the_run_on_first_use() -> None:
    assert "sqlalchemy" in _heavy_after("from archive_db.importer import run_import")
