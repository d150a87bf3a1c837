"""What the research commands write: CSV and JSON that keep values whole, PostgreSQL's
hints, search pages with their cursor, and tables that never cut a key."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from sqlalchemy.engine import URL

from archive_db.cli import main, output
from tests.conftest import SPECIMEN
from tests.repository.data import SPECIMEN_KEY
from tests.repository.test_cli import run

VALUES = ("SELECT E'line 1\\nline 2\\tafter a tab' AS body, interval '1 day 2 hours' AS span, "
          "interval '-90 seconds' AS back, '\\x78ff'::bytea AS raw, "
          "DATE '1950-10-08' AS day, 1.50::numeric AS n")  # fmt: skip


def test_csv_quotes_line_breaks_and_tabs_instead_of_rewriting_them(seeded_url: URL) -> None:
    result = run(seeded_url, "sql", VALUES, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["body", "span", "back", "raw", "day", "n"]
    assert rows[1] == ["line 1\nline 2\tafter a tab", "P1DT2H", "-PT1M30S", "\\x78ff",
                       "1950-10-08", "1.50"]  # fmt: skip


def test_a_body_keeps_its_line_breaks_in_csv(seeded_url: URL) -> None:
    query = ("SELECT body FROM document_texts WHERE key = '" + SPECIMEN_KEY
             + "' AND language = 'ru'")  # fmt: skip
    result = run(seeded_url, "sql", query, "--format", "csv")
    (body,) = next(iter(csv.reader(io.StringIO(result.stdout.split("\n", 1)[1]))))
    expected = run(seeded_url, "sql", query, "--format", "json")
    assert body == json.loads(expected.stdout)["body"]
    assert body.count("\n") > 0


def test_json_writes_intervals_as_iso_8601_and_bytes_as_hex(seeded_url: URL) -> None:
    result = run(seeded_url, "sql", VALUES, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "body": "line 1\nline 2\tafter a tab", "span": "P1DT2H", "back": "-PT1M30S",
        "raw": "\\x78ff", "day": "1950-10-08", "n": "1.50",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("seconds", "iso"),
    [(0, "PT0S"), (86400, "P1D"), (3600 * 26 + 61, "P1DT2H1M1S"), (0.5, "PT0.5S"),
     (-90, "-PT1M30S")],
)
def test_iso_duration(seconds: float, iso: str) -> None:
    import datetime as dt

    assert output.iso_duration(dt.timedelta(seconds=seconds)) == iso


def test_sql_keeps_postgresql_hint(seeded_url: URL) -> None:
    result = run(seeded_url, "sql", "SELECT documents.titel FROM documents")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert 'HINT: Perhaps you meant to reference the column "documents.title"' in result.stderr


def test_sql_says_one_statement_at_a_time(seeded_url: URL) -> None:
    result = run(seeded_url, "sql", "select 1; select 2")
    assert result.exit_code == 1
    assert result.stderr == (
        "archive-db sql: one statement at a time: archive-db sql runs a single SQL statement\n"
    )


def test_a_cursor_belongs_to_its_search(seeded_url: URL) -> None:
    first = run(seeded_url, "search", "Корея", "--lang", "ru", "--limit", "1", "--json")
    cursor = json.loads(first.stdout)["next_cursor"]
    assert cursor
    same = run(seeded_url, "search", "Корея", "--lang", "ru", "--limit", "1", "--cursor", cursor)
    assert same.exit_code == 0, same.output
    for other in (["Корея"], ["Корея", "--lang", "en"], ["Корее", "--lang", "ru"],
                  ["Корея", "--lang", "ru", "--order", "date"]):  # fmt: skip
        refused = run(seeded_url, "search", *other, "--cursor", cursor)
        assert refused.exit_code == 2, other
        assert "cursor" in refused.stderr


def test_tables_on_a_terminal_never_cut_a_key(
    seeded_url: URL, monkeypatch: pytest.MonkeyPatch
) -> None:
    """80 columns, as a terminal: the key whole, each hit on one line."""
    monkeypatch.setattr(output, "on_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "80")
    url = seeded_url.render_as_string(hide_password=False)
    result = CliRunner().invoke(main, ["--database-url", url, "search", "Корея or Korea"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert SPECIMEN_KEY in result.stdout
    hits = [line for line in lines if SPECIMEN_KEY[:6] in line]
    assert hits and all(SPECIMEN_KEY in line for line in hits)
    rows = [line for line in lines if line.startswith("│")]
    assert len(rows) == len(json.loads(run(seeded_url, "search", "Корея or Korea", "--json")
                                       .stdout)["hits"])  # one line per hit
    assert max(len(line) for line in lines) <= 80


def test_parse_prints_tab_separated_lines_when_piped() -> None:
    result = CliRunner().invoke(main, ["parse", str(SPECIMEN)])
    assert result.exit_code == 0, result.output
    assert "┌" not in result.stdout and "│" not in result.stdout
    assert f"key\t{SPECIMEN_KEY}" in result.stdout.splitlines()


def test_an_unknown_person_is_a_usage_error_not_an_empty_result(seeded_url: URL) -> None:
    result = run(seeded_url, "search", "Korea", "--person", "nobody")
    assert result.exit_code == 2
    assert "no person is named 'nobody'" in result.stderr
    inflected = run(seeded_url, "search", "Корея", "--person", "Сталина", "--json")
    assert inflected.exit_code == 0, inflected.output
    assert json.loads(inflected.stdout)["hits"]


def test_help_on_the_repository_documents_each_method() -> None:
    import pydoc

    from archive_db.repository import ArchiveRepository

    public = [n for n in vars(ArchiveRepository) if not n.startswith("_")]
    assert public and all(getattr(ArchiveRepository, n).__doc__ for n in public)
    assert "grouped by year" in pydoc.render_doc(ArchiveRepository, renderer=pydoc.plaintext)


def test_the_sql_timeout_default_is_the_librarys() -> None:
    """Written out in the CLI so that --help need not import the SQL runner."""
    from archive_db.cli.research import DEFAULT_TIMEOUT_S
    from archive_db.repository.readonly import DEFAULT_TIMEOUT_MS

    assert DEFAULT_TIMEOUT_S * 1000 == DEFAULT_TIMEOUT_MS
