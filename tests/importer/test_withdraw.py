"""archive-db withdraw: the document leaves the archive, stays on record, and the next
import of its volume does not bring it back unless asked (the only way was DELETE)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine

from tests.importer.conftest import Run, count, rows

KEY = "fb0b047ba36df19f"


def test_withdraw_then_reimport_then_readd(run_cli: Run, engine: Engine, volume: Path) -> None:
    assert run_cli("import", volume).exit_code == 0
    done = run_cli("withdraw", KEY, "--reason", "duplicate of another telegram")
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith(f"withdrew {KEY} (Telegram to T.F. Shtykov)")
    assert count(engine, "SELECT count(*) FROM documents") == 0
    assert count(engine, "SELECT count(*) FROM document_versions") == 0
    (key, reason, by, title, snapshot), = rows(
        engine, "SELECT key, reason, withdrawn_by, document->>'title', document "
                "FROM withdrawn_documents")  # fmt: skip
    assert (key, title) == (KEY, "Telegram to T.F. Shtykov")
    assert reason == "duplicate of another telegram"
    assert by and snapshot["versions"] and snapshot["date_start"] == "1950-10-08"
    json.dumps(snapshot)

    again = run_cli("import", volume)
    assert again.exit_code == 0, again.output
    assert "1 withdrawn documents skipped" in again.stdout
    assert count(engine, "SELECT count(*) FROM documents") == 0
    assert rows(engine, "SELECT severity, code FROM import_messages WHERE document_key = :k "
                        "AND code = 'withdrawn'", k=KEY) == [("info", "withdrawn")]  # fmt: skip

    back = run_cli("import", volume, "--readd-withdrawn")
    assert back.exit_code == 0, back.output
    assert count(engine, "SELECT count(*) FROM documents WHERE key = :k", k=KEY) == 1
    (run_id,) = rows(engine, "SELECT max(id) FROM import_runs")[0]
    assert rows(engine, "SELECT readded_run_id FROM withdrawn_documents") == [(run_id,)]
    # Withdrawn again later: a second standing withdrawal of the same key is allowed.
    assert run_cli("withdraw", KEY, "--reason", "again").exit_code == 0
    assert count(engine, "SELECT count(*) FROM withdrawn_documents") == 2


def test_withdraw_needs_a_known_key_and_a_reason(run_cli: Run, volume: Path) -> None:
    assert run_cli("import", volume).exit_code == 0
    unknown = run_cli("withdraw", "0000000000000000", "--reason", "x")
    assert unknown.exit_code == 1
    assert unknown.stderr == "archive-db: no document with key '0000000000000000'\n"
    assert run_cli("withdraw", KEY).exit_code == 2  # --reason is required
    blank = run_cli("withdraw", KEY, "--reason", " ")
    assert blank.exit_code == 2 and "say why" in blank.stderr
