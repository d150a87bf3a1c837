"""What the README promises of every export: it reads one snapshot of the archive, so
an import committing while it runs changes nothing it writes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from archive_db.db import make_engine
from archive_db.export import datapackage, export_cmif, export_datapackage, iter_tei, snapshot
from archive_db.export import records as export_records
from archive_db.importer import ImportOptions, run_import
from benchmarks import synth
from tests.conftest import PROJECT_ROOT
from tests.export.readback import NS

# What a concurrent import (or a curator) does, in its own transaction: every title
# and every person's name changes, and a document goes.
CHANGE = """
UPDATE documents SET title = 'changed while exporting';
UPDATE people SET preferred_name = 'changed while exporting';
DELETE FROM documents WHERE id = (SELECT max(id) FROM documents);
"""


@pytest.fixture
def archive(database_url: URL, tmp_path: Path) -> Iterator[Engine]:
    synth.write_corpus(tmp_path / "seeds", 12, seed=5)
    shutil.copytree(PROJECT_ROOT / "seeds" / "authorities", tmp_path / "seeds" / "authorities")
    run_import(database_url, ImportOptions([str(tmp_path / "seeds")], recognition=False))
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def _commit_change(engine: Engine) -> None:
    with engine.begin() as conn:
        for statement in filter(str.strip, CHANGE.split(";")):
            conn.execute(text(statement))


def test_tei_sees_the_archive_as_it_was_when_the_export_began(
    archive: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_records, "BATCH", 3)  # several batches, read one by one
    with snapshot(archive) as conn:
        exported = iter_tei(conn)
        first = next(exported)
        _commit_change(archive)  # between the first batch and the rest
        files = [first, *exported]
    assert len(files) == 12  # the deleted document too: it was there when the export began
    for _, data in files:
        title = etree.fromstring(data).xpath("string(//t:title[@type='main'])", namespaces=NS)
        assert title != "changed while exporting"


def test_cmif_sees_one_archive(
    archive: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_records, "BATCH", 1)
    real = export_records.iter_records
    changed = []

    def changing(*args: object, **kwargs: object) -> Iterator[export_records.DocumentRecord]:
        for n, record in enumerate(real(*args, **kwargs)):  # type: ignore[arg-type]
            if n == 1:
                _commit_change(archive)
                changed.append(True)
            yield record

    monkeypatch.setattr("archive_db.export.cmif.iter_records", changing)
    with snapshot(archive) as conn:
        letters = conn.execute(
            text("SELECT count(*) FROM documents WHERE kind IN ('letter', 'telegram')")
        ).scalar_one()
        report = export_cmif(conn, tmp_path / "c.xml")
    assert changed and report.letters == letters
    root = etree.parse(tmp_path / "c.xml").getroot()
    assert len(root.xpath("//t:correspDesc", namespaces=NS)) == letters
    assert "changed while exporting" not in (tmp_path / "c.xml").read_text(encoding="utf-8")


def test_the_data_package_sees_one_archive(
    archive: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = datapackage._copy
    calls = []

    def copy_then_change(*args: object, **kwargs: object) -> object:
        if len(calls) == 1:  # after the first file, before the others
            _commit_change(archive)
        calls.append(True)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(datapackage, "_copy", copy_then_change)
    with snapshot(archive) as conn:
        report = export_datapackage(conn, tmp_path / "out")
    rows = {r.name: r.rows for r in report.resources}
    assert rows["documents"] == rows["document_overview"] == 12
    described = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    assert described["resources"]
    assert "changed while exporting" not in (tmp_path / "out" / "data" / "documents.csv").read_text(
        encoding="utf-8"
    )
