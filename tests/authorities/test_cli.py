from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

import archive_db.cli.authorities  # noqa: F401  (registers the group until cli/__init__ does)
from archive_db.cli import main

from .conftest import AUTHORITIES, SPECIMEN


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["authorities", "check", *args])
    return result.exit_code, result.output


def test_check_clean_with_specimen() -> None:
    code, output = _run(str(AUTHORITIES), "--seeds", str(SPECIMEN.parent))
    assert code == 0, output
    assert "0 problem(s)" in output


def test_check_reports_shared_names(tmp_path: Path) -> None:
    (tmp_path / "people.toml").write_text(
        '[[person]]\nslug = "a"\nname_en = "Kim"\n\n[[person]]\nslug = "b"\nname_en = "KIM."\n',
        encoding="utf-8",
    )
    code, output = _run(str(tmp_path))
    assert code == 1
    assert "name 'kim' is in 2 entries: person a (Kim), person b (KIM.)" in output


def test_check_reports_unmatched_seed_names(tmp_path: Path) -> None:
    seed = tmp_path / "tom18" / SPECIMEN.name
    seed.parent.mkdir()
    shutil.copy(SPECIMEN, seed)
    seed.write_text(seed.read_text(encoding="utf-8").replace("Фын Си", "Неизвестный Автор"),
                    encoding="utf-8")  # fmt: skip
    code, output = _run(str(AUTHORITIES), "--seeds", str(seed))
    assert code == 1
    assert "signatory 'Неизвестный Автор' (ru) matches no entry" in output
    assert f"{seed}:77:" in output


def test_check_broken_file(tmp_path: Path) -> None:
    (tmp_path / "places.toml").write_text('[[place]]\nslug = "x"\n', encoding="utf-8")
    code, output = _run(str(tmp_path))
    assert code == 1
    assert "places.toml" in output and "no 'name_en'" in output
