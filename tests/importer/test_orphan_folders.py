"""The matcher folder of an import killed with SIGKILL is removed by the next import."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from archive_db.importer.processes import remove_orphans


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid  # gone (its pid may be reused later: then its folder is kept)


def test_folders_of_dead_imports_go_and_the_others_stay(tmp_path: Path) -> None:
    dead = tmp_path / f"archive-db-import-{_dead_pid()}-abc123"
    alive = tmp_path / f"archive-db-import-{os.getpid()}-def456"
    old_style = tmp_path / "archive-db-import-xyz789"  # no pid in its name: not ours to judge
    other = tmp_path / "something-else-1-x"
    for folder in (dead, alive, old_style, other):
        folder.mkdir()
        (folder / "matcher.pickle").write_bytes(b"x" * 1000)
    assert remove_orphans(tmp_path) == 1
    assert not dead.exists()
    assert alive.exists() and old_style.exists() and other.exists()
