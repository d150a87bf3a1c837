"""A better parser reaches documents already imported: an import re-derives, from their
unchanged files, the documents an older parser/linker derived — bodies and hashes stay —
and says how many; current ones are skipped by hash as before."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, text

from archive_db.derivation import DERIVATION_VERSION
from tests.importer.conftest import Run, count, rows

DERIVED = {
    "document_people": "SELECT count(*) FROM document_people",
    "document_places": "SELECT count(*) FROM document_places",
    "archival_references": "SELECT count(*) FROM archival_references",
    "citations": "SELECT count(*) FROM citations",
}
VERSIONS = (
    "SELECT id, language, revision, is_current, sha256, title, signatures, search_vector::text"
    " FROM document_versions ORDER BY 1"
)


def _derived(engine: Engine) -> dict[str, int]:
    return {table: count(engine, sql) for table, sql in DERIVED.items()}


def _as_an_old_parser_left_it(engine: Engine) -> None:
    """Version 0, and rows a parser that knew less would have derived."""
    with engine.begin() as conn:
        conn.execute(text("UPDATE documents SET derivation_version = 0, kind = 'other'"))
        conn.execute(text("UPDATE document_versions SET title = 'untitled', signatures = NULL"))
        for table in DERIVED:
            conn.execute(text(f"DELETE FROM {table}"))


def test_an_older_derivation_is_derived_again_from_the_unchanged_file(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    assert run_cli("import", volume).exit_code == 0
    derived, versions = _derived(engine), rows(engine, VERSIONS)
    assert rows(engine, "SELECT derivation_version FROM documents") == [(DERIVATION_VERSION,)]
    _as_an_old_parser_left_it(engine)

    report = volume.parent / "report.json"
    result = run_cli("import", volume, "--report", report)
    assert result.exit_code == 0, result.output
    assert "0 added, 0 updated (0 new revisions), 1 re-derived, 0 unchanged," in result.output
    assert json.loads(report.read_text())["rederived"] == 1
    assert rows(
        engine,
        "SELECT documents_updated, documents_rederived, documents_unchanged FROM import_runs"
        " ORDER BY id DESC LIMIT 1",
    ) == [(0, 1, 0)]
    assert _derived(engine) == derived
    # The same revisions, their titles and signatures read again: no new revision.
    assert rows(engine, VERSIONS) == versions
    assert rows(engine, "SELECT kind, derivation_version FROM documents") == [
        ("telegram", DERIVATION_VERSION)
    ]

    again = run_cli("import", volume)
    assert "0 re-derived, 1 unchanged" in again.output, again.output


def test_a_current_document_is_left_alone(run_cli: Run, engine: Engine, volume: Path) -> None:
    assert run_cli("import", volume).exit_code == 0
    state = (
        "SELECT updated_at, (SELECT array_agg(id ORDER BY id) FROM document_people) FROM documents"
    )
    before = rows(engine, state)
    result = run_cli("import", volume)
    assert "0 re-derived, 1 unchanged" in result.output, result.output
    assert rows(engine, state) == before  # not a row rewritten


def test_a_dry_run_counts_what_it_would_re_derive(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    assert run_cli("import", volume).exit_code == 0
    _as_an_old_parser_left_it(engine)
    result = run_cli("import", volume, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would import 1 files" in result.output and "1 re-derived" in result.output
    assert rows(engine, "SELECT kind, derivation_version FROM documents") == [("other", 0)]


def test_a_changed_file_of_an_older_derivation_is_an_update(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    assert run_cli("import", volume).exit_code == 0
    _as_an_old_parser_left_it(engine)
    seed = next((volume / "tom18").iterdir())
    seed.write_text(seed.read_text(encoding="utf-8").replace("неможет", "не может"), "utf-8")
    result = run_cli("import", volume)
    # A changed file is an update, not a re-derivation; every version whose stored
    # reading differs from the file's gets a new revision (issue 14: any field lands),
    # here the Russian text and the English title the old reading had lost.
    assert "1 updated (2 new revisions), 0 re-derived" in result.output, result.output
    assert rows(engine, "SELECT kind, derivation_version FROM documents") == [
        ("telegram", DERIVATION_VERSION)
    ]
