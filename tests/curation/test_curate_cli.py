"""archive-db curate end to end on real PostgreSQL: what it lists, what each decision
changes, and that the next import — re-deriving every document — keeps the decision."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from archive_db.authorities import load_authorities
from archive_db.config import libpq_url
from archive_db.importer.lock import IMPORT_LOCK_ID
from tests.conftest import DATA_TABLES
from tests.curation.conftest import (
    KEY,
    PETROV_EN,
    PETROV_KEYS,
    PETROV_RU,
    ZABRODIN_EN,
    ZABRODIN_RU,
    import_rederiving,
)
from tests.importer.conftest import Run, count, rows

ADDRESSEES = """
SELECT p.slug, p.provisional, dp.language, dp.method, dp.confidence
  FROM document_people dp JOIN people p ON p.id = dp.person_id
  JOIN documents d ON d.id = dp.document_id
 WHERE dp.role = 'addressee' AND d.key = :key ORDER BY dp.language"""


def _snapshot(engine: Engine) -> dict[str, int]:
    return {t: count(engine, f"SELECT count(*) FROM {t}") for t in (*DATA_TABLES, "person_names")}


def test_provisional_lists_entries_most_linked_first(
    run_cli: Run, unknowns: Path, engine: Engine
) -> None:
    listed = run_cli("curate", "provisional", "--kind", "person", "--json")
    assert listed.exit_code == 0, listed.output
    entries = [json.loads(line) for line in listed.output.splitlines()]
    assert [e["slug"] for e in entries] == [PETROV_EN, PETROV_RU, ZABRODIN_EN, ZABRODIN_RU]
    assert [e["documents"] for e in entries] == [2, 2, 1, 1]
    assert entries[0]["keys"] == PETROV_KEYS and entries[3]["keys"] == [KEY]
    assert entries[3]["names"] == ["Забродину Петру Ильичу"] and entries[3]["kind"] == "person"
    table = run_cli("curate", "provisional", "--limit", "1")
    assert table.output.splitlines() == [
        "documents\tkind\tslug\tnames\tkeys",
        f"2\tperson\t{PETROV_EN}\tI. Petrov\t{', '.join(PETROV_KEYS)}",
    ]
    assert run_cli("curate", "provisional", "--kind", "place").output.splitlines() == [
        "documents\tkind\tslug\tnames\tkeys"
    ]


def test_reject_removes_the_links_and_no_import_brings_them_back(
    run_cli: Run, unknowns: Path, engine: Engine
) -> None:
    result = run_cli("curate", "reject", ZABRODIN_EN, "--by", "curator1", "--note", "a misprint")
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"rejected person {ZABRODIN_EN}: 1 links in 1 documents removed;"
        " 1 name forms will not be linked again\n"
    )
    after = [("provisional-забродину-петру-ильичу", True, "ru", "layout", 1.0)]
    assert rows(engine, ADDRESSEES, key=KEY) == after
    assert count(engine, "SELECT count(*) FROM people WHERE slug = :s", s=ZABRODIN_EN) == 0
    assert rows(
        engine, "SELECT kind, action, slug, target, names_normalized, decided_by, note"
        " FROM curation_decisions",
    ) == [
        ("person", "reject", ZABRODIN_EN, None, ["p i zabrodin"], "curator1", "a misprint")
    ]

    import_rederiving(run_cli, unknowns, engine)
    assert rows(engine, ADDRESSEES, key=KEY) == after
    assert count(engine, "SELECT count(*) FROM people WHERE slug = :s", s=ZABRODIN_EN) == 0
    listed = run_cli("curate", "provisional", "--json").output
    assert ZABRODIN_EN not in listed and ZABRODIN_RU in listed


def test_merge_moves_links_and_names_and_later_imports_follow_it(
    run_cli: Run, unknowns: Path, engine: Engine
) -> None:
    result = run_cli("curate", "merge", ZABRODIN_EN, ZABRODIN_RU)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"merged person {ZABRODIN_EN} into {ZABRODIN_RU}: 1 links")
    merged = [(ZABRODIN_RU, True, "en", "curator", 1.0), (ZABRODIN_RU, True, "ru", "layout", 1.0)]
    assert rows(engine, ADDRESSEES, key=KEY) == merged
    assert rows(
        engine, "SELECT n.name FROM person_names n JOIN people p ON p.id = n.person_id"
        " WHERE p.slug = :s ORDER BY n.name", s=ZABRODIN_RU,
    ) == [("P. I. Zabrodin",), ("Забродину Петру Ильичу",)]  # fmt: skip

    import_rederiving(run_cli, unknowns, engine)
    assert rows(engine, ADDRESSEES, key=KEY) == merged
    assert count(engine, "SELECT count(*) FROM people WHERE slug = :s", s=ZABRODIN_EN) == 0


def test_merge_into_a_curated_entry(run_cli: Run, unknowns: Path, engine: Engine) -> None:
    for slug in (PETROV_EN, PETROV_RU):
        assert run_cli("curate", "merge", slug, "shtykov").exit_code == 0
    to_shtykov = [("shtykov", False, language, "curator", 1.0) for language in ("en", "ru")]
    for key in PETROV_KEYS:
        assert rows(engine, ADDRESSEES, key=key) == to_shtykov
    import_rederiving(run_cli, unknowns, engine)
    for key in PETROV_KEYS:
        assert rows(engine, ADDRESSEES, key=key) == to_shtykov
    assert count(engine, "SELECT count(*) FROM people WHERE slug LIKE 'provisional-%petrov%'"
                 " OR slug LIKE 'provisional-петров%'") == 0  # fmt: skip


def test_promote_writes_the_authority_file_and_the_next_import_keeps_it(
    run_cli: Run, unknowns: Path, engine: Engine
) -> None:
    authorities = unknowns / "authorities"
    result = run_cli(
        "curate", "promote", ZABRODIN_RU, "--as", "zabrodin", "--name-en", "Pyotr Zabrodin",
        "--name-ru", "Пётр Ильич Забродин", "--authorities", authorities,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"promoted person {ZABRODIN_RU} to zabrodin, written to ")
    entry = load_authorities(authorities).person("zabrodin")
    assert entry is not None
    names = (entry.preferred_name, entry.preferred_name_ru)
    assert names == ("Pyotr Zabrodin", "Пётр Ильич Забродин")
    assert {(n.name, n.kind) for n in entry.names} >= {("Забродину Петру Ильичу", "variant")}
    assert run_cli("authorities", "check", authorities).exit_code == 0
    promoted = [(ZABRODIN_EN, True, "en", "layout", 1.0), ("zabrodin", False, "ru", "curator", 1.0)]
    assert rows(engine, ADDRESSEES, key=KEY) == promoted

    import_rederiving(run_cli, unknowns, engine)
    assert rows(engine, ADDRESSEES, key=KEY) == promoted
    zabrodin = "SELECT preferred_name, provisional FROM people WHERE slug = 'zabrodin'"
    assert rows(engine, zabrodin) == [("Pyotr Zabrodin", False)]
    assert count(engine, "SELECT count(*) FROM people WHERE slug = :s", s=ZABRODIN_RU) == 0
    decisions = run_cli("curate", "decisions").output.splitlines()
    assert decisions[0] == "decided_at\tby\taction\tkind\tslug\ttarget\tnote"
    assert decisions[1].split("\t")[2:6] == ["promote", "person", ZABRODIN_RU, "zabrodin"]


def test_refusals_are_one_line_and_change_nothing(
    run_cli: Run, unknowns: Path, engine: Engine
) -> None:
    authorities = unknowns / "authorities"
    files = {p.name: p.read_bytes() for p in authorities.iterdir()}
    before = _snapshot(engine)
    refused = {
        ("reject", "stalin"): "archive-db: person stalin is curated (in the authority files):"
        " change it there",
        ("reject", "nobody"): "archive-db: no person or place has the slug 'nobody'",
        ("merge", ZABRODIN_EN, ZABRODIN_EN): f"archive-db: cannot merge person {ZABRODIN_EN}"
        " into itself",
        ("merge", ZABRODIN_EN, "nobody"): "archive-db: no person has the slug 'nobody'",
        ("promote", ZABRODIN_EN, "--as", "stalin", "--authorities", authorities): "archive-db:"
        " person stalin already exists: merge into it instead",
        ("promote", ZABRODIN_EN, "--as", "Zabrodin", "--authorities", authorities): "archive-db:"
        " slug 'Zabrodin' must be lowercase words joined by hyphens",
        ("promote", ZABRODIN_RU, "--as", "zabrodin", "--authorities", authorities): "archive-db:"
        f" person {ZABRODIN_RU} has no name in Latin letters: pass --name-en",
        ("promote", ZABRODIN_EN, "--as", "zabrodin", "--name-en", "Mao",
         "--authorities", authorities): "archive-db: name 'mao' is in 2 entries: person"
        " mao-zedong (Mao), person zabrodin (Mao): the promoted entry would make it match"
        " neither; merge into the other entry instead",
    }  # fmt: skip
    for args, message in refused.items():
        result = run_cli("curate", *args)
        assert (result.exit_code, result.output) == (2, message + "\n"), args
    assert _snapshot(engine) == before
    assert count(engine, "SELECT count(*) FROM curation_decisions") == 0
    assert {p.name: p.read_bytes() for p in authorities.iterdir()} == files


def test_a_decision_waits_for_no_import(
    run_cli: Run, unknowns: Path, engine: Engine, database_url: URL
) -> None:
    with psycopg.connect(libpq_url(database_url)) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (IMPORT_LOCK_ID,))
        result = run_cli("curate", "reject", ZABRODIN_EN)
        assert (result.exit_code, result.output) == (
            3, "archive-db: an import is running; try again when it has finished\n"
        )  # fmt: skip
    assert count(engine, "SELECT count(*) FROM people WHERE slug = :s", s=ZABRODIN_EN) == 1


def test_places_are_curated_alike(run_cli: Run, volume: Path, engine: Engine) -> None:
    seed = next((volume / "tom18").iterdir())
    body = seed.read_text(encoding="utf-8").replace("Пхеньян Штыкову", "Ташкент Штыкову")
    seed.write_text(body.replace("Pyongyang, Shtykov", "Tashkent, Shtykov"), encoding="utf-8")
    assert run_cli("import", volume).exit_code == 0
    listed = run_cli("curate", "provisional", "--kind", "place", "--json").output
    assert [json.loads(line)["slug"] for line in listed.splitlines()] == [
        "provisional-tashkent", "provisional-ташкент"
    ]  # fmt: skip
    destinations = (
        "SELECT p.slug, p.kind, p.provisional, dp.language, dp.method FROM document_places dp"
        " JOIN places p ON p.id = dp.place_id WHERE dp.role = 'destination' ORDER BY 4"
    )
    assert run_cli("curate", "merge", "provisional-tashkent", "provisional-ташкент").exit_code == 0
    promoted = run_cli(
        "curate", "promote", "provisional-ташкент", "--as", "tashkent", "--name-en", "Tashkent",
        "--place-kind", "settlement", "--authorities", volume / "authorities",
    )  # fmt: skip
    assert promoted.exit_code == 0, promoted.output
    after = [("tashkent", "settlement", False, language, "curator") for language in ("en", "ru")]
    assert rows(engine, destinations) == after
    place = load_authorities(volume / "authorities").place("tashkent")
    assert place is not None and place.place_kind == "settlement"

    with engine.begin() as conn:
        conn.execute(text("UPDATE documents SET derivation_version = 0"))
    result = run_cli("import", volume)
    assert "1 re-derived" in result.output, result.output
    assert rows(engine, destinations) == after
    assert count(engine, "SELECT count(*) FROM places WHERE provisional") == 0


def test_the_authority_files_win_over_an_older_rejection(
    run_cli: Run, unknowns: Path, engine: Engine
) -> None:
    assert run_cli("curate", "reject", ZABRODIN_EN).exit_code == 0
    people = unknowns / "authorities" / "people.toml"
    people.write_text(
        people.read_text(encoding="utf-8") + '\n[[person]]\nslug = "zabrodin"\n'
        'name_en = "Pyotr Zabrodin"\nvariants_en = ["P. I. Zabrodin"]\n',
        encoding="utf-8",
    )
    import_rederiving(run_cli, unknowns, engine)
    assert rows(engine, ADDRESSEES, key=KEY) == [
        ("zabrodin", False, "en", "layout", 1.0),
        (ZABRODIN_RU, True, "ru", "layout", 1.0),
    ]
