"""``archive-db parse``: the human view, ``--json`` lines, rejections and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import archive_db.cli.parse  # noqa: F401  (registers the command on the root group)
from archive_db.cli.app import main


def test_json_line_per_file(specimen_path: Path) -> None:
    result = CliRunner().invoke(main, ["parse", "--json", str(specimen_path), str(specimen_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 2
    data = json.loads(lines[0])
    assert data["key"] == "fb0b047ba36df19f"
    assert data["kind"] == "telegram"
    assert {k: data["date"][k] for k in ("text", "start", "end", "precision", "edtf")} == {
        "text": "8 октября 1950 г.", "start": "1950-10-08", "end": "1950-10-08",
        "precision": "day", "edtf": "1950-10-08"}
    assert [(v["language"], v["origin"]["kind"], len(v["sha256"])) for v in data["versions"]] == [
        ("en", "machine_translation", 64), ("ru", "volume", 64)]
    (ref,) = data["archival_references"]
    assert {k: ref[k] for k in ("archive", "archive_latin", "fond", "opis", "delo", "folios",
                                "folio_start", "folio_end")} == {
        "archive": "АП РФ", "archive_latin": "AP RF", "fond": "45", "opis": "1", "delo": "347",
        "folios": "65–67", "folio_start": 65, "folio_end": 67}
    assert {k: data["citations"][0][k] for k in ("source", "pages", "page_start", "page_end")} == {
        "source": "Вестник", "pages": "132–133", "page_start": 132, "page_end": 133}
    assert {"text": "Фын Си", "role": "signatory", "language": "ru"}.items() <= next(
        n for n in data["names"] if n["text"] == "Фын Си").items()
    assert data["warnings"] == []


def test_human_view_and_warnings(specimen_path: Path, tmp_path: Path) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_text("T\n\nru:tom1\n\nТом 1\nПисьмо\nТекст.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(specimen_path), str(odd)])
    assert result.exit_code == 0, result.output
    assert "fb0b047ba36df19f" in result.stdout
    assert "top_secret" in result.stdout
    assert "file-name" in result.stdout and "date-unknown" in result.stdout


def test_rejected_file_goes_to_stderr_and_exits_1(specimen_path: Path, tmp_path: Path) -> None:
    empty = tmp_path / "000_0000000000000000.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["parse", "--json", str(empty), str(specimen_path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{empty}:1: empty file"
    assert json.loads(result.stdout)["key"] == "fb0b047ba36df19f"


def test_json_carries_the_folder_of_a_foreign_policy_archive_reference(tmp_path: Path) -> None:
    seed = tmp_path / "000_00000000000000ee.txt"
    seed.write_text("T\n\nru:tom15\n\nТом 15\nТелеграмма\nТекст.\n"
                    "АВП РФ. Ф. 07. Оп. 23а. П. 18. Д. 235. Л. 32-33.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", "--json", str(seed)])
    assert result.exit_code == 0, result.output
    (ref,) = json.loads(result.stdout)["archival_references"]
    assert {k: ref[k] for k in ("archive", "archive_latin", "fond", "opis", "papka", "delo",
                                "folios", "folio_start", "folio_end", "verso")} == {
        "archive": "АВП РФ", "archive_latin": "AVP RF", "fond": "07", "opis": "23а",
        "papka": "18", "delo": "235", "folios": "32-33", "folio_start": 32, "folio_end": 33,
        "verso": False}


def test_json_folder_is_null_where_none_is_printed(specimen_path: Path) -> None:
    result = CliRunner().invoke(main, ["parse", "--json", str(specimen_path)])
    assert result.exit_code == 0, result.output
    (ref,) = json.loads(result.stdout)["archival_references"]
    assert ref["papka"] is None
