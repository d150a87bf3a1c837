"""archive-db curate end to end on real PostgreSQL: what it lists, what each decision
changes, and that the next import — re-deriving every document — keeps the decision.

Each unknown person is one provisional entry linked in both languages (see conftest),
so a decision on it covers the Russian and the English links at once."""

from __future__ import annotations

import json
import re
from pathlib import Path

import psycopg
from sqlalchemy import Engine
from sqlalchemy.engine import URL

from archive_db.authorities import load_authorities
from archive_db.config import libpq_url
from tests.conftest import DATA_TABLES, SPECIMEN
from tests.curation.conftest import KEY, PETROV, PETROV_KEYS, ZABRODIN, import_rederiving
from tests.importer.conftest import Run, count, rows

# The addressees the layout's lines give, and what became of them. The title
# ("Telegram to T.F. Shtykov") gives an addressee of its own, method 'title', which no
# test here decides on: left out.
ADDRESSEES = """
SELECT p.slug, p.provisional, dp.language, dp.method, dp.confidence
  FROM document_people dp JOIN people p ON p.id = dp.person_id
  JOIN documents d ON d.id = dp.document_id
 WHERE dp.role = 'addressee' AND dp.method <> 'title' AND d.key = :key
 ORDER BY dp.language, p.slug"""
NAMES = """
SELECT n.name, n.language FROM person_names n JOIN people p ON p.id = n.person_id
 WHERE p.slug = :s ORDER BY n.language, n.name"""
# Any entry, of either language, for the two unknown people.
ANY_ZABRODIN = "SELECT count(*) FROM people WHERE slug ~ '(zabrodin|забродин)' AND provisional"
ANY_PETROV = "SELECT count(*) FROM people WHERE slug ~ '(petrov|петров)'"


def _snapshot(engine: Engine) -> dict[str, int]:
    return {t: count(engine, f"SELECT count(*) FROM {t}") for t in (*DATA_TABLES, "person_names")}


def _addressees(engine: Engine, key: str) -> list[tuple[str, bool, str]]:
    """(slug, provisional, language) of the layout's addressees of document ``key``."""
    return [(slug, provisional, language) for slug, provisional, language, *_ in
            rows(engine, ADDRESSEES, key=key)]  # fmt: skip


def _listed(run_cli: Run, *args: str) -> list[dict]:
    result = run_cli("curate", "provisional", *args, "--json")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_provisional_lists_entries_most_linked_first(
    run_cli: Run, unknowns: Path, engine: Engine
) -> None:
    entries = _listed(run_cli, "--kind", "person")
    # Every provisional person and nothing else: the recognizer may propose others
    # from the body, so the list is compared with the table, not written out.
    provisional = rows(engine, "SELECT slug FROM people WHERE provisional ORDER BY slug")
    assert sorted(e["slug"] for e in entries) == [slug for (slug,) in provisional]
    assert all(e["kind"] == "person" for e in entries)
    order = [(-e["documents"], e["slug"]) for e in entries]
    assert order == sorted(order)  # most documents first, then by slug
    by_slug = {e["slug"]: e for e in entries}
    # One entry per person, both languages linked to it (no English entry of its own).
    slugs = [e["slug"] for e in entries]
    assert slugs.index(PETROV) < slugs.index(ZABRODIN)
    assert not [s for s in slugs if "zabrodin" in s or "petrov" in s]
    petrov, zabrodin = by_slug[PETROV], by_slug[ZABRODIN]
    assert (petrov["documents"], petrov["keys"]) == (2, PETROV_KEYS)
    assert (zabrodin["documents"], zabrodin["keys"]) == (1, [KEY])
    # Its nominative and every form the texts wrote, so a decision covers them all.
    assert zabrodin["names"] == ["P. I. Zabrodin", "Забродин Пётр Ильич",
                                 "Забродину Петру Ильичу"] and zabrodin["kind"] == "person"
    assert zabrodin["preferred_name"] == "Забродин Пётр Ильич"
    assert petrov["names"] == ["I. Petrov", "Петров Иван", "Петрову Ивану"]
    assert _addressees(engine, KEY) == [(ZABRODIN, True, "en"), (ZABRODIN, True, "ru")]
    for key in PETROV_KEYS:
        assert _addressees(engine, key) == [(PETROV, True, "en"), (PETROV, True, "ru")]

    table = run_cli("curate", "provisional").output.splitlines()
    assert table[0] == "documents\tkind\tslug\tnames\tkeys"
    assert table[1:] == [
        f"{e['documents']}\tperson\t{e['slug']}\t{'; '.join(e['names'])}\t{', '.join(e['keys'])}"
        for e in entries
    ]
    assert (f"2\tperson\t{PETROV}\tI. Petrov; Петров Иван; Петрову Ивану\t"
            f"{', '.join(PETROV_KEYS)}") in table
    assert run_cli("curate", "provisional", "--limit", "1").output.splitlines() == table[:2]
    # The addressees' city, Пхеньян, is a curated place, and nothing in the body is an
    # unknown place: no provisional place to list.
    assert count(engine, "SELECT count(*) FROM places WHERE provisional") == 0
    assert run_cli("curate", "provisional", "--kind", "place").output.splitlines() == [
        "documents\tkind\tslug\tnames\tkeys"
    ]


def test_reject_removes_the_links_and_no_import_brings_them_back(
    run_cli: Run, unknowns: Path, engine: Engine
) -> None:
    result = run_cli("curate", "reject", ZABRODIN, "--by", "curator1", "--note", "a misprint")
    assert result.exit_code == 0, result.output
    # Both languages' links go with the one entry.
    assert result.output == (
        f"rejected person {ZABRODIN}: 2 links in 1 documents removed;"
        " 3 name forms will not be linked again\n"
    )
    assert rows(engine, ADDRESSEES, key=KEY) == []
    assert count(engine, ANY_ZABRODIN) == 0
    assert rows(
        engine, "SELECT kind, action, slug, target, names_normalized, decided_by, note"
        " FROM curation_decisions",
    ) == [
        ("person", "reject", ZABRODIN, None,
         ["p i zabrodin", "забродин петр ильич", "забродину петру ильичу"],
         "curator1", "a misprint")
    ]  # fmt: skip
    petrov = [(PETROV, True, "en", "layout", 1.0), (PETROV, True, "ru", "layout", 1.0)]
    assert rows(engine, ADDRESSEES, key=PETROV_KEYS[0]) == petrov  # the others stay

    import_rederiving(run_cli, unknowns, engine)
    # Neither "Забродину Петру Ильичу" nor "P. I. Zabrodin" is linked or filed again.
    assert rows(engine, ADDRESSEES, key=KEY) == []
    assert count(engine, ANY_ZABRODIN) == 0
    assert rows(engine, ADDRESSEES, key=PETROV_KEYS[0]) == petrov
    listed = [e["slug"] for e in _listed(run_cli)]
    assert ZABRODIN not in listed and PETROV in listed


def test_merge_moves_links_and_names_and_later_imports_follow_it(
    run_cli: Run, unknowns: Path, engine: Engine
) -> None:
    # The Russian and English entries of one person, which this test merged before,
    # no longer exist (one entry per person): the nearest case is two provisional
    # entries a curator finds to be one person — Петров is Забродин.
    result = run_cli("curate", "merge", PETROV, ZABRODIN)
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"merged person {PETROV} into {ZABRODIN}: 4 links in 2 documents moved;"
        f" 3 name forms now resolve to {ZABRODIN}\n"
    )
    merged = [(ZABRODIN, True, "en", "curator", 1.0), (ZABRODIN, True, "ru", "curator", 1.0)]
    for key in PETROV_KEYS:
        assert rows(engine, ADDRESSEES, key=key) == merged
    own = [(ZABRODIN, True, "en", "layout", 1.0), (ZABRODIN, True, "ru", "layout", 1.0)]
    assert rows(engine, ADDRESSEES, key=KEY) == own  # its own links are untouched
    names = [("I. Petrov", "en"), ("P. I. Zabrodin", "en"), ("Забродин Пётр Ильич", "ru"),
             ("Забродину Петру Ильичу", "ru"), ("Петров Иван", "ru"), ("Петрову Ивану", "ru")]
    assert rows(engine, NAMES, s=ZABRODIN) == names
    assert count(engine, ANY_PETROV) == 0
    assert rows(
        engine, "SELECT action, slug, target, names_normalized FROM curation_decisions"
    ) == [("merge", PETROV, ZABRODIN, ["i petrov", "петров иван", "петрову ивану"])]
    (entry,) = [e for e in _listed(run_cli) if e["slug"] == ZABRODIN]
    assert (entry["documents"], entry["keys"]) == (3, sorted([*PETROV_KEYS, KEY]))

    import_rederiving(run_cli, unknowns, engine)
    for key in PETROV_KEYS:
        assert _addressees(engine, key) == [(ZABRODIN, True, "en"), (ZABRODIN, True, "ru")]
        # The Russian name the decision covers is the curator's; for the English see
        # test_the_translation_keeps_the_curators_provenance.
        assert rows(engine, ADDRESSEES, key=key)[1] == (ZABRODIN, True, "ru", "curator", 1.0)
    assert rows(engine, ADDRESSEES, key=KEY) == own
    assert rows(engine, NAMES, s=ZABRODIN) == names
    assert count(engine, ANY_PETROV) == 0


def test_merge_into_a_curated_entry(run_cli: Run, unknowns: Path, engine: Engine) -> None:
    # Into Kim Il Sung, the specimen's real addressee. (Shtykov would not do: the
    # title already makes him these documents' addressee, and a merge drops a link
    # the target has already.)
    result = run_cli("curate", "merge", PETROV, "kim-il-sung")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"merged person {PETROV} into kim-il-sung: 4 links in 2")
    to_kim = [("kim-il-sung", False, language, "curator", 1.0) for language in ("en", "ru")]
    for key in PETROV_KEYS:
        assert rows(engine, ADDRESSEES, key=key) == to_kim
    assert ("Петров Иван", "ru") in rows(engine, NAMES, s="kim-il-sung")
    assert count(engine, ANY_PETROV) == 0

    import_rederiving(run_cli, unknowns, engine)
    for key in PETROV_KEYS:
        assert _addressees(engine, key) == [("kim-il-sung", False, lang) for lang in ("en", "ru")]
        assert rows(engine, ADDRESSEES, key=key)[1] == to_kim[1]  # ru: the curator's
    assert count(engine, ANY_PETROV) == 0
    # The other unknown is not swept along.
    assert _addressees(engine, KEY) == [(ZABRODIN, True, "en"), (ZABRODIN, True, "ru")]


def test_the_translation_keeps_the_curators_provenance(
    run_cli: Run, unknowns: Path, engine: Engine
) -> None:
    assert run_cli("curate", "merge", PETROV, ZABRODIN).exit_code == 0
    merged = [(ZABRODIN, True, "en", "curator", 1.0), (ZABRODIN, True, "ru", "curator", 1.0)]
    assert rows(engine, ADDRESSEES, key=PETROV_KEYS[0]) == merged
    import_rederiving(run_cli, unknowns, engine)
    assert rows(engine, ADDRESSEES, key=PETROV_KEYS[0]) == merged


def test_promote_writes_the_authority_file_and_the_next_import_keeps_it(
    run_cli: Run, unknowns: Path, engine: Engine
) -> None:
    authorities = unknowns / "authorities"
    result = run_cli(
        "curate", "promote", ZABRODIN, "--as", "zabrodin", "--name-en", "Pyotr Zabrodin",
        "--name-ru", "Пётр Ильич Забродин", "--authorities", authorities,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"promoted person {ZABRODIN} to zabrodin, written to ")
    assert result.output.endswith("its 2 links in 1 documents are now the curator's\n")
    entry = load_authorities(authorities).person("zabrodin")
    assert entry is not None
    names = (entry.preferred_name, entry.preferred_name_ru)
    assert names == ("Pyotr Zabrodin", "Пётр Ильич Забродин")
    assert {(n.name, n.kind) for n in entry.names} >= {("Забродин Пётр Ильич", "variant")}
    assert run_cli("authorities", "check", authorities).exit_code == 0
    promoted = [("zabrodin", False, language, "curator", 1.0) for language in ("en", "ru")]
    assert rows(engine, ADDRESSEES, key=KEY) == promoted

    import_rederiving(run_cli, unknowns, engine)
    assert _addressees(engine, KEY) == [("zabrodin", False, lang) for lang in ("en", "ru")]
    assert rows(engine, ADDRESSEES, key=KEY)[1] == promoted[1]  # ru: the curator's
    zabrodin = "SELECT preferred_name, provisional FROM people WHERE slug = 'zabrodin'"
    assert rows(engine, zabrodin) == [("Pyotr Zabrodin", False)]
    assert count(engine, ANY_ZABRODIN) == 0
    for key in PETROV_KEYS:  # the other unknown stays provisional
        assert _addressees(engine, key) == [(PETROV, True, "en"), (PETROV, True, "ru")]
    decisions = run_cli("curate", "decisions").output.splitlines()
    assert decisions[0] == "decided_at\tby\taction\tkind\tslug\ttarget\tnote"
    assert decisions[1].split("\t")[2:6] == ["promote", "person", ZABRODIN, "zabrodin"]
    assert len(decisions) == 2


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
        ("reject", ZABRODIN, "--kind", "place"): f"archive-db: no place has the slug {ZABRODIN!r}",
        ("merge", ZABRODIN, ZABRODIN): f"archive-db: cannot merge person {ZABRODIN}"
        " into itself",
        ("merge", ZABRODIN, "nobody"): "archive-db: no person has the slug 'nobody'",
        ("promote", ZABRODIN, "--as", "stalin", "--authorities", authorities): "archive-db:"
        " person stalin already exists: merge into it instead",
        ("promote", ZABRODIN, "--as", "Zabrodin", "--authorities", authorities): "archive-db:"
        " slug 'Zabrodin' must be lowercase words joined by hyphens",
        ("promote", ZABRODIN, "--as", "zabrodin", "--name-en", "Mao",
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
        holder.execute("LOCK TABLE import_lock IN EXCLUSIVE MODE")  # as an import does
        result = run_cli("curate", "reject", ZABRODIN)
        assert (result.exit_code, result.output) == (
            3, "archive-db: an import is running; try again when it has finished\n"
        )  # fmt: skip
    assert count(engine, "SELECT count(*) FROM people WHERE slug = :s", s=ZABRODIN) == 1
    assert len(rows(engine, ADDRESSEES, key=KEY)) == 2
    assert count(engine, "SELECT count(*) FROM curation_decisions") == 0


def test_places_are_curated_alike(run_cli: Run, volume: Path, engine: Engine) -> None:
    # A Russian place is one entry filed under its English name (its Russian form a
    # variant), so the old case — merging the English entry into the Russian one —
    # cannot arise. The nearest: two provisional places that are one city under two
    # names, merged, then promoted.
    folder = volume / "tom18"
    body = SPECIMEN.read_text(encoding="utf-8")
    (folder / SPECIMEN.name).write_text(
        body.replace("Пхеньян Штыкову", "Свердловск Штыкову"), encoding="utf-8"
    )
    (folder / "001_00000000000000b1.txt").write_text(
        body.replace("Пхеньян Штыкову", "Екатеринбург Штыкову").replace("неможет", "w1"),
        encoding="utf-8",
    )
    assert run_cli("import", volume).exit_code == 0
    listed = _listed(run_cli, "--kind", "place")
    assert [(e["slug"], e["names"], e["keys"]) for e in listed] == [
        ("provisional-sverdlovsk", ["Sverdlovsk", "Свердловск"], [KEY]),
        ("provisional-yekaterinburg", ["Yekaterinburg", "Екатеринбург"], ["00000000000000b1"]),
    ]
    destinations = (
        "SELECT p.slug, p.kind, p.provisional, dp.language, dp.method FROM document_places dp"
        " JOIN places p ON p.id = dp.place_id JOIN documents d ON d.id = dp.document_id"
        " WHERE dp.role = 'destination' AND dp.language = 'ru' AND d.key = :key"
    )
    # The English lines ("Pyongyang, Shtykov") are left as they were: only the
    # original's destinations are unknown, and only those are checked.
    keys = (KEY, "00000000000000b1")
    assert [rows(engine, destinations, key=k) for k in keys] == [
        [("provisional-sverdlovsk", "other", True, "ru", "layout")],
        [("provisional-yekaterinburg", "other", True, "ru", "layout")],
    ]

    merged = run_cli("curate", "merge", "provisional-yekaterinburg", "provisional-sverdlovsk")
    assert merged.exit_code == 0, merged.output
    # No --name-en: a provisional place has its English name among its forms.
    promoted = run_cli(
        "curate", "promote", "provisional-sverdlovsk", "--as", "sverdlovsk",
        "--place-kind", "settlement", "--authorities", volume / "authorities",
    )  # fmt: skip
    assert promoted.exit_code == 0, promoted.output
    assert promoted.output.startswith("promoted place provisional-sverdlovsk to sverdlovsk")
    after = ("sverdlovsk", "settlement", False, "ru", "curator")
    assert [rows(engine, destinations, key=k) for k in keys] == [[after], [after]]
    place = load_authorities(volume / "authorities").place("sverdlovsk")
    assert place is not None and place.place_kind == "settlement"
    assert place.preferred_name == "Sverdlovsk"
    assert {n.name for n in place.names} >= {"Свердловск", "Екатеринбург", "Yekaterinburg"}
    assert count(engine, "SELECT count(*) FROM places WHERE provisional") == 0

    import_rederiving(run_cli, volume, engine, documents=2)
    assert [rows(engine, destinations, key=k) for k in keys] == [[after], [after]]
    assert count(engine, "SELECT count(*) FROM places WHERE provisional") == 0


def test_the_authority_files_win_over_an_older_rejection(
    run_cli: Run, unknowns: Path, engine: Engine
) -> None:
    assert run_cli("curate", "reject", ZABRODIN).exit_code == 0
    assert rows(engine, ADDRESSEES, key=KEY) == []
    people = unknowns / "authorities" / "people.toml"
    people.write_text(
        people.read_text(encoding="utf-8") + '\n[[person]]\nslug = "zabrodin"\n'
        'name_en = "Pyotr Zabrodin"\nvariants_ru = ["Забродин Пётр Ильич"]\n',
        encoding="utf-8",
    )
    import_rederiving(run_cli, unknowns, engine)
    # The rejected form is the curated entry's now; the translation follows the original.
    assert rows(engine, ADDRESSEES, key=KEY) == [
        ("zabrodin", False, "en", "layout", 1.0),
        ("zabrodin", False, "ru", "layout", 1.0),
    ]
    assert count(engine, ANY_ZABRODIN) == 0


def test_merge_says_how_many_links_the_target_had_already(
    run_cli: Run, unknowns: Path, engine: Engine
) -> None:
    # The title makes Shtykov these documents' addressee already (method 'title'): a
    # merge drops the provisional entry's links that would repeat his, and says so.
    before = count(engine, "SELECT count(*) FROM document_people dp JOIN people p"
                           " ON p.id = dp.person_id WHERE p.slug = :s", s=PETROV)  # fmt: skip
    result = run_cli("curate", "merge", PETROV, "shtykov")
    assert result.exit_code == 0, result.output
    found = re.search(r": (\d+) links in \d+ documents moved \((\d+) more it had already:"
                      r" dropped\)", result.output)  # fmt: skip
    assert found, result.output
    moved, dropped = int(found.group(1)), int(found.group(2))
    assert dropped > 0 and moved + dropped == before
