"""The README's examples work as printed: its session prints what it shows, and its
Python API example runs (it claimed dataclasses.asdict() made results JSON-ready;
json.dumps(asdict(doc)) failed on a date)."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from tests.conftest import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"


def _url(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def test_the_session_prints_what_the_readme_shows(
    empty_database_url: URL, tmp_path: Path, recognition: None
) -> None:
    shutil.copytree(PROJECT_ROOT / "seeds", tmp_path / "seeds")
    bin_dir = str(Path(sys.executable).parent)  # archive-db of this environment
    env = {**os.environ, "ARCHIVE_DB_URL": _url(empty_database_url),
           "PATH": bin_dir + os.pathsep + os.environ["PATH"]}  # fmt: skip
    done = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / ".ci" / "readme_session.py"), str(README)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_api_example_runs(empty_database_url: URL, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from archive_db.cli import main

    url = _url(empty_database_url)
    imported = CliRunner().invoke(main, ["--database-url", url, "import",
                                         str(PROJECT_ROOT / "seeds")])  # fmt: skip
    assert imported.exit_code == 0, imported.output
    monkeypatch.setenv("ARCHIVE_DB_URL", url)
    (example,) = re.findall(r"## For apps: the Python API\n\n```python\n(.*?)```",
                            README.read_text("utf-8"), re.S)  # fmt: skip
    namespace: dict[str, object] = {}
    exec(compile(example, "README.md", "exec"), namespace)
    doc = namespace["doc"]
    from archive_db.repository import to_json

    data = json.loads(to_json(doc))
    assert data["date_start"] == "1950-10-08" and data["key"] == "fb0b047ba36df19f"
    with pytest.raises(TypeError):  # why the README no longer says asdict() is enough
        json.dumps(dataclasses.asdict(doc))


def test_the_export_example_runs(
    empty_database_url: URL,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from click.testing import CliRunner

    from archive_db.cli import main

    url = _url(empty_database_url)
    imported = CliRunner().invoke(main, ["--database-url", url, "import",
                                         str(PROJECT_ROOT / "seeds")])  # fmt: skip
    assert imported.exit_code == 0, imported.output
    monkeypatch.setenv("ARCHIVE_DB_URL", url)
    monkeypatch.chdir(tmp_path)
    (example,) = re.findall(r"## Exports: [^\n]*\n.*?```python\n(.*?)```",
                            README.read_text("utf-8"), re.S)  # fmt: skip
    exec(compile(example, "README.md", "exec"), {})
    assert capsys.readouterr().out.splitlines()[:3] == [
        "1 ()", "fb0b047ba36df19f " + str(len((tmp_path / "tei" / "fb0b047ba36df19f.xml")
                                             .read_bytes())), "1 ['kim-il-sung']"]  # fmt: skip
    assert (tmp_path / "letters.xml").exists() and (
        tmp_path / "package" / "datapackage.json"
    ).exists()
