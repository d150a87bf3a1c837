"""A regular install (a wheel, not ``pip install -e``) carries what it needs to run:
the migrations and their template, and ``py.typed``. Before, the wheel shipped no
migrations and the first import ended in ``Path doesn't exist: …/site-packages/migrations``."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from tests.conftest import PROJECT_ROOT


def test_every_package_is_listed_in_pyproject() -> None:
    """The package list is explicit (find cannot map migrations/ into archive_db)."""
    listed = set(tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["tool"]
                 ["setuptools"]["packages"])  # fmt: skip
    found = {
        ".".join(p.parent.relative_to(PROJECT_ROOT).parts)
        for p in (PROJECT_ROOT / "archive_db").rglob("__init__.py")
    }
    assert found <= listed
    assert {"archive_db.migrations", "archive_db.migrations.versions"} <= listed


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out),
         str(PROJECT_ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (built,) = out.glob("archive_db-*.whl")
    return built


def test_the_wheel_ships_the_migrations_and_py_typed(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    revisions = {
        f"archive_db/migrations/versions/{p.name}"
        for p in (PROJECT_ROOT / "migrations" / "versions").glob("*.py")
    }
    assert revisions <= names
    assert {"archive_db/migrations/env.py", "archive_db/migrations/script.py.mako",
            "archive_db/py.typed"} <= names  # fmt: skip
    assert not any(n.startswith("migrations/") for n in names)  # nothing at the top level


def test_the_installed_package_migrates_from_its_own_files(
    wheel: Path, tmp_path: Path, empty_database_url: URL
) -> None:
    """Unpacked outside the checkout and run from elsewhere, as site-packages would be."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "from archive_db import migrate; from archive_db.db import make_engine; import sys;"
        "print(migrate.script_location());"
        "migrate.upgrade(make_engine(sys.argv[1]));"
        "print(migrate.current_revision(make_engine(sys.argv[1])))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, empty_database_url.render_as_string(hide_password=False)],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    location, revision = done.stdout.split()
    assert Path(location) == site / "archive_db" / "migrations"
    from archive_db import migrate

    assert revision == migrate.head_revision()
