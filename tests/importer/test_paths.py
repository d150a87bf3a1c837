"""What `archive-db import` takes: wrong paths are usage errors, a run that finds no
seed file fails, a text file that is not a seed file is rejected, and a walk keeps to
volume folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.conftest import SPECIMEN
from tests.importer.conftest import Run, count, rows


@pytest.mark.parametrize("kind", ["missing", "broken-link"])
def test_a_path_that_does_not_exist_is_a_usage_error(
    kind: str, run_cli: Run, engine: Engine, volume: Path, tmp_path: Path
) -> None:
    wrong = tmp_path / "no-such-folder"
    if kind == "broken-link":
        wrong = tmp_path / "gone.txt"
        wrong.symlink_to(tmp_path / "never-there.txt")
    result = run_cli("import", volume, wrong)
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert count(engine, "SELECT count(*) FROM import_runs") == 0  # nothing logged
    assert count(engine, "SELECT count(*) FROM documents") == 0


def test_a_run_that_finds_no_seed_file_fails(
    run_cli: Run, engine: Engine, tmp_path: Path
) -> None:
    empty = tmp_path / "tom99"
    empty.mkdir()
    (empty / "README.md").write_text("nothing here\n")
    result = run_cli("import", empty)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"archive-db: no seed files in {empty}")
    assert count(engine, "SELECT count(*) FROM import_runs") == 0


@pytest.mark.parametrize(
    "text",
    ["Some notes for myself.\nAnother line of prose.\n",
     "# archive-db\n\nA PostgreSQL archive of historical documents.\n\n## Quickstart\n"],
    ids=["notes", "readme"],
)  # fmt: skip
def test_a_text_file_that_is_not_a_seed_file_is_rejected(
    text: str, run_cli: Run, engine: Engine, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(text, encoding="utf-8")
    result = run_cli("import", notes)
    assert result.exit_code == 1
    assert f"{notes}: error: not a seed file: no metadata line" in result.stderr
    assert count(engine, "SELECT count(*) FROM documents") == 0
    assert rows(engine, "SELECT severity, code FROM import_messages WHERE path = :p",
                p=str(notes)) == [("error", "not-a-seed-file")]  # fmt: skip


def test_parse_says_so_too(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from archive_db.cli import main

    notes = tmp_path / "notes.txt"
    notes.write_text("Some notes for myself.\nAnother line of prose.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(notes), str(SPECIMEN)])
    assert result.exit_code == 1
    assert f"{notes}: error: not a seed file" in result.stderr
    assert "fb0b047ba36df19f" in result.stdout  # the seed file is still shown


def test_a_seed_file_without_its_metadata_line_still_imports(
    run_cli: Run, engine: Engine, tmp_path: Path
) -> None:
    """Only a file with nothing of a seed file is rejected: one that lost its metadata
    line keeps its dates, sources and references and lands, with a warning."""
    lines = SPECIMEN.read_text(encoding="utf-8").splitlines()
    assert lines[6].startswith("1950-10-08 ")
    tom = tmp_path / "tom18"
    tom.mkdir()
    (tom / SPECIMEN.name).write_text("\n".join(lines[:6] + lines[7:]), encoding="utf-8")
    result = run_cli("import", tom)
    assert result.exit_code == 0, result.output
    assert count(engine, "SELECT count(*) FROM documents") == 1


def test_a_walk_keeps_to_volume_folders_and_says_what_it_skipped(
    run_cli: Run, engine: Engine, tmp_path: Path, volume: Path
) -> None:
    """`import .` in a checkout took archive_db.egg-info/*.txt as documents."""
    root = tmp_path / "checkout"
    shutil.copytree(volume, root / "seeds")
    egg = root / "archive_db.egg-info"
    egg.mkdir()
    for name in ("SOURCES.txt", "top_level.txt", "requires.txt"):
        (egg / name).write_text("archive_db\nsetuptools>=68\n")
    (root / ".venv" / "lib").mkdir(parents=True)
    (root / ".venv" / "lib" / "LICENSE.txt").write_text("MIT\n")
    result = run_cli("import", root)
    assert result.exit_code == 0, result.output
    assert rows(engine, "SELECT key FROM documents") == [(SPECIMEN.stem.split("_")[1],)]
    assert f"{egg}: warning: 3 *.txt files skipped: not a volume folder" in result.stderr
    assert f"{root / '.venv'}: warning: hidden folder skipped" in result.stderr
