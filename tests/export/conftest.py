"""Databases for the export tests, imported once a session: the specimen, and a
synthetic corpus; and the TEI P5 schema the exports are checked against."""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL

from archive_db.db import make_engine
from archive_db.export import snapshot
from archive_db.importer import ImportOptions, run_import
from benchmarks import synth
from tests.conftest import PROJECT_ROOT, SPECIMEN, create_database, drop_database

SCHEMAS = Path(__file__).parent / "schemas"
SYNTHETIC_DOCUMENTS = 40


@pytest.fixture(scope="session")
def tei_schema() -> etree.RelaxNG:
    """tei_all of TEI P5 4.3.0 (see schemas/README.md); compiling it takes seconds."""
    with gzip.open(SCHEMAS / "tei_all.rng.gz") as f:
        return etree.RelaxNG(etree.parse(f))


def _imported(pg_server: URL, template_url: URL, folder: Path) -> URL:
    url = create_database(pg_server, template=template_url.database)
    report = run_import(url, ImportOptions([str(folder)], recognition=False))
    assert report.rejected == 0, report
    return url


@pytest.fixture(scope="session")
def specimen_engine(
    pg_server: URL, template_url: URL, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A database holding the specimen, imported as `archive-db import seeds` does."""
    root = tmp_path_factory.mktemp("specimen-seeds")
    shutil.copytree(PROJECT_ROOT / "seeds" / "authorities", root / "authorities")
    (root / "tom18").mkdir()
    shutil.copy(SPECIMEN, root / "tom18" / SPECIMEN.name)
    url = _imported(pg_server, template_url, root)
    engine = make_engine(url)
    yield engine
    engine.dispose()
    drop_database(pg_server, url)


@pytest.fixture(scope="session")
def synthetic_engine(
    pg_server: URL, template_url: URL, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A database holding the synthetic corpus (letters, telegrams, speeches ... with
    addressees, signatures, references, publications and notes)."""
    root = tmp_path_factory.mktemp("synthetic")
    synth.write_corpus(root, SYNTHETIC_DOCUMENTS, seed=11)
    shutil.copytree(PROJECT_ROOT / "seeds" / "authorities", root / "authorities")
    url = _imported(pg_server, template_url, root)
    engine = make_engine(url)
    yield engine
    engine.dispose()
    drop_database(pg_server, url)


@pytest.fixture
def specimen(specimen_engine: Engine) -> Iterator[Connection]:
    with snapshot(specimen_engine) as conn:
        yield conn


@pytest.fixture
def synthetic(synthetic_engine: Engine) -> Iterator[Connection]:
    with snapshot(synthetic_engine) as conn:
        yield conn
