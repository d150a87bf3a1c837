"""The researcher commands, through click's CliRunner, on a seeded database."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from click.testing import CliRunner, Result
from psycopg import sql
from sqlalchemy.engine import URL

import archive_db.cli.research  # noqa: F401 — registers the commands
from archive_db import config
from archive_db.cli.app import main
from tests.repository.data import MACHINE_ONLY_KEY, SAME_DELO_KEY, SPECIMEN_KEY


def run(url: URL, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["--database-url", url.render_as_string(hide_password=False), *args]
    )


def test_search_plain(seeded_url: URL) -> None:
    result = run(seeded_url, "search", "Корея", "--lang", "ru")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["rank", "key", "date", "lang", "title", "snippet"]
    first = lines[1].split("\t")
    assert first[1] == SPECIMEN_KEY
    assert "[[Корею]]" in first[5] or "[[Кореи]]" in first[5]


def test_search_json_filters_and_pages(seeded_url: URL) -> None:
    result = run(seeded_url, "search", "Корея or Korea", "--json", "--limit", "2",
                 "--archive", "AP RF", "--fond", "45", "--opis", "1", "--delo", "347")  # fmt: skip
    assert result.exit_code == 0, result.output
    page = json.loads(result.stdout)  # one object: the hits and the next page's cursor
    assert [h["key"] for h in page["hits"]] == [SPECIMEN_KEY, SPECIMEN_KEY]
    assert page["next_cursor"] and result.stderr == ""
    page2 = run(seeded_url, "search", "Корея or Korea", "--json", "--limit", "2",
                "--archive", "AP RF", "--fond", "45", "--opis", "1", "--delo", "347",
                "--cursor", page["next_cursor"])  # fmt: skip
    assert [h["key"] for h in json.loads(page2.stdout)["hits"]] == [SAME_DELO_KEY]
    assert json.loads(page2.stdout)["next_cursor"] is None
    by_person = run(seeded_url, "search", "Korea", "--person", "Kim Il Sung", "--role",
                    "addressee", "--from", "1951", "--json")  # fmt: skip
    assert [h["key"] for h in json.loads(by_person.stdout)["hits"]] == [MACHINE_ONLY_KEY]


def test_search_in_date_order(seeded_url: URL) -> None:
    by_rank = run(seeded_url, "search", "Корея or Korea", "--json", "--limit", "200")
    by_date = run(seeded_url, "search", "Корея or Korea", "--json", "--limit", "200",
                  "--order", "date")  # fmt: skip
    assert by_date.exit_code == 0, by_date.output
    ranked = json.loads(by_rank.stdout)["hits"]
    dated = json.loads(by_date.stdout)["hits"]
    assert sorted((h["key"], h["language"]) for h in dated) == sorted(
        (h["key"], h["language"]) for h in ranked
    )
    starts = [h["date_start"] for h in dated]
    known = [d for d in starts if d is not None]
    assert known == sorted(known) and starts[: len(known)] == known  # undated last
    assert len(set(starts)) > 1


@pytest.mark.parametrize(
    ("args", "message"),
    [(["search", ""], "query is empty"),
     (["search", "x" * 1001], "longer than 1000"),
     (["search", "Корея", "--from", "1950-13-01"], "bad date"),
     (["search", "Корея", "--cursor", "nonsense"], "bad cursor")],
)  # fmt: skip
def test_search_bad_input(seeded_url: URL, args: list[str], message: str) -> None:
    result = run(seeded_url, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_show(seeded_url: URL) -> None:
    result = run(seeded_url, "show", SPECIMEN_KEY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "archive: АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67" in out
    assert "intermediary: Terenty Shtykov (Штыкову, Shtykov)" in out
    assert "author: Joseph Stalin (Фын Си, Fyn Si)" in out
    assert "places, destination: Pyongyang (Пхеньян, Pyongyang)" in out
    assert "Мой ответ запоздал" in out and "My reply was delayed" in out
    ru_only = run(seeded_url, "show", SPECIMEN_KEY, "--lang", "ru")
    assert "My reply was delayed" not in ru_only.stdout
    as_json = json.loads(run(seeded_url, "show", SPECIMEN_KEY, "--json").stdout)
    assert as_json["references"][0]["folios"] == "65–67"
    assert as_json["date_start"] == "1950-10-08"


def test_show_unknown_key(seeded_url: URL) -> None:
    result = run(seeded_url, "show", "0123456789abcdef")
    assert result.exit_code == 1
    assert "no document with key '0123456789abcdef'" in result.stderr


def test_people_places_refs(seeded_url: URL) -> None:
    people = run(seeded_url, "people")
    assert people.exit_code == 0
    assert people.stdout.splitlines()[1].split("\t")[:2] == ["6", "stalin"]
    rows = [json.loads(line) for line in run(seeded_url, "places", "--json").stdout.splitlines()]
    assert rows[0] == {"slug": "korea", "preferred_name": "Korea", "preferred_name_ru": "Корея",
                       "documents": 4}  # fmt: skip
    refs = run(seeded_url, "refs", "AP RF", "45", "1", "347")
    assert refs.exit_code == 0
    assert [line.split("\t")[4] for line in refs.stdout.splitlines()[1:]] == [
        SAME_DELO_KEY, SPECIMEN_KEY,
    ]  # fmt: skip
    assert run(seeded_url, "refs", "НЕТ").exit_code == 1


def test_sql_formats(seeded_url: URL) -> None:
    query = "SELECT key, date_start FROM documents WHERE key LIKE 'fb0b%' ORDER BY key"
    table = run(seeded_url, "sql", query)
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines() == ["key\tdate_start", f"{SPECIMEN_KEY}\t1950-10-08"]
    csv_out = run(seeded_url, "sql", query, "--format", "csv")
    assert csv_out.stdout.splitlines() == ["key,date_start", f"{SPECIMEN_KEY},1950-10-08"]
    as_json = run(seeded_url, "sql", query, "--format", "json")
    assert json.loads(as_json.stdout) == {"key": SPECIMEN_KEY, "date_start": "1950-10-08"}


def test_sql_refuses_writes(seeded_url: URL) -> None:
    result = run(seeded_url, "sql", "DELETE FROM documents")
    assert result.exit_code == 1
    assert result.stderr.startswith("archive-db sql: refused: archive-db sql is read-only")
    assert len(result.stderr.strip().splitlines()) == 1
    sneaky = run(seeded_url, "sql", "COMMIT; DELETE FROM documents")
    assert sneaky.exit_code == 1
    count = run(seeded_url, "sql", "SELECT count(*) AS n FROM documents", "--format", "json")
    assert json.loads(count.stdout) == {"n": 6}


def test_sql_errors_are_one_line(seeded_url: URL) -> None:
    result = run(seeded_url, "sql", "SELECT * FROM no_such_table")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        'archive-db sql: SQL error: relation "no_such_table" does not exist'
    )
    slow = run(seeded_url, "sql", "SELECT pg_sleep(5)", "--timeout", "0.05")
    assert slow.exit_code == 1 and "cancelled" in slow.stderr


@pytest.fixture
def reader_role(database_url: URL) -> Iterator[str]:
    role = f"reader_{uuid.uuid4().hex[:8]}"
    yield role
    with psycopg.connect(config.libpq_url(database_url), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def test_grant_reader_role_logs_in_and_cannot_write(
    seeded_database_url: URL, reader_role: str
) -> None:
    url = seeded_database_url
    result = run(url, "grant-reader", reader_role, "--password", "s3cret'\\")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"created read-only role {reader_role} (LOGIN)"
    again = run(url, "grant-reader", reader_role)
    assert again.stdout.strip() == f"updated read-only role {reader_role} (login unchanged)"

    as_reader = url.set(username=reader_role, password="s3cret'\\")
    with psycopg.connect(config.libpq_url(as_reader), autocommit=True) as conn:
        assert conn.execute("SELECT current_user").fetchone() == (reader_role,)
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (6,)
        assert conn.execute("SELECT count(*) FROM archival_files").fetchone() == (2,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SET default_transaction_read_only = off")
            conn.execute("INSERT INTO archives (code) VALUES ('X')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TABLE mine (x int)")
    # Tables created later by the owner are readable too (default privileges).
    with psycopg.connect(config.libpq_url(url), autocommit=True) as owner:
        owner.execute("CREATE TABLE later (x int)")
    with psycopg.connect(config.libpq_url(as_reader), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM later").fetchone() == (0,)
