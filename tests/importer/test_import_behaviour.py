"""The nightly job's promises: idempotent, incremental, loud about bad input, one at a time."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from archive_db.config import libpq_url
from archive_db.importer import search_index
from tests.conftest import DATA_TABLES, SPECIMEN
from tests.importer.conftest import Run, count, rows


def table_counts(engine: Engine) -> dict[str, int]:
    return {t: count(engine, f"SELECT count(*) FROM {t}") for t in DATA_TABLES}


def test_reimport_changes_nothing_and_says_so(run_cli: Run, engine: Engine, volume: Path) -> None:
    assert run_cli("import", volume).exit_code == 0
    before = table_counts(engine)
    second = run_cli("import", volume, "--report", volume / "report.json")
    assert second.exit_code == 0, second.output
    assert "1 unchanged" in second.output
    assert table_counts(engine) == before
    report = json.loads((volume / "report.json").read_text())
    assert (report["added"], report["updated"], report["unchanged"]) == (0, 0, 1)


def test_the_report_goes_into_a_folder_made_for_it_or_nothing_is_imported(
    run_cli: Run, engine: Engine, volume: Path, tmp_path: Path
) -> None:
    report = tmp_path / "logs" / "archive-db" / "last.json"  # the folder does not exist
    assert run_cli("import", volume, "--quiet", "--report", report).exit_code == 0
    assert json.loads(report.read_text())["added"] == 1
    (tmp_path / "a-file").write_text("")
    result = run_cli("import", volume, "--report", tmp_path / "a-file" / "last.json")
    assert result.exit_code == 2
    assert result.output.startswith("archive-db: cannot write the report to ")
    assert "Traceback" not in result.output
    assert count(engine, "SELECT count(*) FROM import_runs") == 1  # the second never ran


def test_changed_body_adds_revision_2_and_keeps_revision_1(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    assert run_cli("import", volume).exit_code == 0
    seed = volume / "tom18" / SPECIMEN.name
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("неможет", "не может"), encoding="utf-8"
    )
    result = run_cli("import", volume)
    assert result.exit_code == 0, result.output
    assert "1 updated" in result.output
    assert rows(
        engine,
        "SELECT language, revision, is_current, body LIKE '%неможет%'"
        " FROM document_versions ORDER BY language, revision",
    ) == [
        ("en", 1, True, False),
        ("ru", 1, False, True),
        ("ru", 2, True, False),
    ]
    # The links were rebuilt, not doubled.
    assert count(engine, "SELECT count(*) FROM archival_references") == 1


@pytest.mark.parametrize(
    ("old", "changed", "column"),
    [
        ("Telegram to T.F. Shtykov\nSource", "Telegram to Comrade Shtykov", "title"),
        ("October 8, 1950\n\nPyongyang", "October 9, 1950", "printed_date"),
    ],
    ids=["heading-title", "printed-date"],
)
def test_a_changed_heading_is_a_new_revision_and_the_old_one_is_kept(
    run_cli: Run, engine: Engine, volume: Path, old: str, changed: str, column: str
) -> None:
    """Only the English heading's title or printed date changes, not the text: the new
    value lands as revision 2 (it was dropped: '1 updated (0 new revisions)')."""
    assert run_cli("import", volume).exit_code == 0
    seed = volume / "tom18" / SPECIMEN.name
    text_before = seed.read_text(encoding="utf-8")
    assert text_before.count(old) == 1
    new = changed + old[old.index("\n"):]
    seed.write_text(text_before.replace(old, new), encoding="utf-8")
    result = run_cli("import", volume)
    assert result.exit_code == 0, result.output
    assert "1 updated (1 new revisions)" in result.output
    stored = rows(
        engine,
        f"SELECT revision, is_current, {column} FROM document_versions"
        " WHERE language = 'en' ORDER BY revision",
    )
    assert [(r, c) for r, c, _ in stored] == [(1, False), (2, True)]
    assert stored[1][2] == changed and stored[0][2] != changed


def test_a_key_from_another_volume_is_a_warning_naming_both_places(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    """The same key, now in tom19 with a new title: a warning names both files, and the
    document, its title and its versions' headings all follow the new file."""
    assert run_cli("import", volume).exit_code == 0
    old = volume / "tom18" / SPECIMEN.name
    moved = volume / "tom19" / SPECIMEN.name
    moved.parent.mkdir()
    moved.write_text(old.read_text(encoding="utf-8").replace(
        "Telegram to T.F. Shtykov", "Telegram to Shtykov"), encoding="utf-8")  # fmt: skip
    old.unlink()
    result = run_cli("import", moved)
    assert result.exit_code == 0, result.output
    assert f"key fb0b047ba36df19f moved: stored from {old} (volume tom18), now from {moved}" \
        f" (volume tom19)" in result.output
    assert rows(engine, "SELECT volume, title, source_path FROM documents") == [
        ("tom19", "Telegram to Shtykov", str(moved))
    ]
    assert rows(engine, "SELECT title FROM document_versions WHERE language = 'en'"
                        " AND is_current") == [("Telegram to Shtykov",)]  # fmt: skip


def test_rejected_files_beside_good_ones(run_cli: Run, engine: Engine, volume: Path) -> None:
    tom = volume / "tom18"
    (tom / "001_00000000000000aa.txt").write_bytes(b"")
    (tom / "002_00000000000000bb.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tom / "003_00000000000000cc.txt").write_bytes("Телеграмма".encode("cp1251"))
    result = run_cli("import", volume)
    assert result.exit_code == 1, result.output
    assert count(engine, "SELECT count(*) FROM documents") == 1
    rejected = rows(
        engine,
        "SELECT path, severity, code, message FROM import_messages"
        " WHERE severity = 'error' ORDER BY path",
    )
    assert [Path(p).name for p, *_ in rejected] == [
        "001_00000000000000aa.txt",
        "002_00000000000000bb.txt",
        "003_00000000000000cc.txt",
    ]
    assert all(message for *_, message in rejected)
    for name in ("001_00000000000000aa.txt", "002_00000000000000bb.txt"):
        assert name in result.output
    assert rows(engine, "SELECT status, files_rejected FROM import_runs") == [("partial", 3)]


def test_a_second_import_exits_3_while_the_lock_is_held(
    run_cli: Run, engine: Engine, database_url: URL, volume: Path
) -> None:
    with psycopg.connect(libpq_url(database_url)) as holder:
        holder.execute("LOCK TABLE import_lock IN EXCLUSIVE MODE")
        started = time.monotonic()
        result = run_cli("import", volume)
        assert result.exit_code == 3, result.output
        assert time.monotonic() - started < 10
        assert "another import is running" in result.output
    assert count(engine, "SELECT count(*) FROM documents") == 0


def test_wait_waits_for_the_lock(
    run_cli: Run, engine: Engine, database_url: URL, volume: Path
) -> None:
    holder = psycopg.connect(libpq_url(database_url))
    holder.execute("LOCK TABLE import_lock IN EXCLUSIVE MODE")
    threading.Timer(1.0, holder.close).start()
    result = run_cli("import", volume, "--wait")
    assert result.exit_code == 0, result.output
    assert count(engine, "SELECT count(*) FROM documents") == 1


def test_dry_run_writes_nothing(run_cli: Run, engine: Engine, volume: Path) -> None:
    result = run_cli("import", volume, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would import" in result.output and "1 added" in result.output
    assert all(n == 0 for t, n in table_counts(engine).items()), table_counts(engine)
    assert rows(engine, "SELECT dry_run, status FROM import_runs") == [(True, "succeeded")]


def test_unknown_addressee_becomes_a_provisional_person(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    seed = volume / "tom18" / SPECIMEN.name
    text = seed.read_text(encoding="utf-8")
    text = text.replace("Пхеньян Штыкову\nдля\nКим Ир Сена", "Пхеньян\nЗабродину Петру Ильичу")
    text = text.replace("Pyongyang, Shtykov\nfor\nKim Il Sung", "Pyongyang\nP. I. Zabrodin")
    seed.write_text(text, encoding="utf-8")
    result = run_cli("import", volume)
    assert result.exit_code == 0, result.output
    provisional = rows(
        engine,
        "SELECT p.preferred_name, dp.role, dp.language FROM people p"
        " JOIN document_people dp ON dp.person_id = p.id"
        " WHERE p.provisional ORDER BY dp.language",
    )
    assert [(role, lang) for _, role, lang in provisional] == [
        ("addressee", "en"),
        ("addressee", "ru"),
    ]
    # One entry for both languages, named in the original's nominative.
    assert {name for name, *_ in provisional} == {"Забродин Пётр Ильич"}


def test_documents_missing_from_a_reimported_volume_are_kept_and_reported(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    other = volume / "tom18" / "001_0123456789abcdef.txt"
    shutil.copy(SPECIMEN, other)
    assert run_cli("import", volume).exit_code == 0
    other.unlink()
    result = run_cli("import", volume)
    assert result.exit_code == 0, result.output
    assert "1 stored documents missing" in result.output
    assert count(engine, "SELECT count(*) FROM documents") == 2
    assert rows(engine, "SELECT code, path FROM import_messages WHERE severity = 'info'") == [
        ("missing-from-volume", "0123456789abcdef")
    ]


def test_two_workers_import_the_same_as_one(run_cli: Run, engine: Engine, volume: Path) -> None:
    body = SPECIMEN.read_text(encoding="utf-8")
    for i in range(1, 25):
        (volume / "tom18" / f"{i:03d}_{i:016x}.txt").write_text(
            body.replace("неможет", f"w{i}"), encoding="utf-8"
        )
    result = run_cli("import", volume, "--jobs", "2", "--batch-size", "5")
    assert result.exit_code == 0, result.output
    assert count(engine, "SELECT count(*) FROM documents") == 25
    assert count(engine, "SELECT count(*) FROM document_versions WHERE is_current") == 50
    assert count(engine, "SELECT count(DISTINCT person_id) FROM document_people") == count(
        engine,
        "SELECT count(DISTINCT person_id) FROM document_people WHERE document_id = "
        "(SELECT min(id) FROM documents)",
    )


def test_a_database_behind_is_refused_unless_migrate(empty_database_url: URL, volume: Path) -> None:
    from click.testing import CliRunner

    from archive_db import migrate
    from archive_db.cli import main
    from archive_db.db import make_engine

    first_revision = "8efc242ad271"
    eng = make_engine(empty_database_url)
    migrate.upgrade(eng, first_revision)
    url = empty_database_url.render_as_string(hide_password=False)
    refused = CliRunner().invoke(main, ["--database-url", url, "import", str(volume)])
    assert refused.exit_code == 2
    assert "archive-db db upgrade" in refused.output
    assert migrate.current_revision(eng) == first_revision
    migrated = CliRunner().invoke(main, ["--database-url", url, "import", "--migrate", str(volume)])
    assert migrated.exit_code == 0, migrated.output
    assert migrate.current_revision(eng) == migrate.head_revision()
    eng.dispose()


def test_a_provisional_person_folds_into_an_entry_added_later(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    seed = volume / "tom18" / SPECIMEN.name
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("Фын Си", "Забродин"), encoding="utf-8"
    )
    assert run_cli("import", volume).exit_code == 0
    assert rows(engine, "SELECT slug FROM people WHERE provisional") == [("provisional-забродин",)]
    people = volume / "authorities" / "people.toml"
    people.write_text(
        people.read_text(encoding="utf-8") + '\n[[person]]\nslug = "zabrodin"\n'
        'name_en = "Pyotr Zabrodin"\nname_ru = "Петр Забродин"\n'
        'variants_ru = ["Забродин"]\n',
        encoding="utf-8",
    )
    assert run_cli("import", volume).exit_code == 0
    assert count(engine, "SELECT count(*) FROM people WHERE provisional") == 0
    assert rows(
        engine,
        "SELECT dp.role, dp.name_as_written FROM document_people dp"
        " JOIN people p ON p.id = dp.person_id WHERE p.slug = 'zabrodin'"
        " ORDER BY dp.role",
    ) == [("author", "Забродин"), ("signatory", "Забродин")]


def test_a_refused_document_does_not_spoil_the_good_ones_of_its_batch(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    # The position overflows bigint: the database refuses this document alone. The
    # provisional people and new archives its batch created must stay usable.
    shutil.rmtree(volume / "authorities")
    huge = volume / "tom18" / f"{'9' * 20}_00000000000000ee.txt"
    huge.write_text(
        SPECIMEN.read_text(encoding="utf-8").replace("Ким Ир Сена", "Ли Сын Ману"), encoding="utf-8"
    )
    for _ in range(2):
        result = run_cli("import", volume, "--batch-size", "1", "--jobs", "1")
        assert result.exit_code == 1, result.output
        assert "database-rejected" in result.output
        assert rows(engine, "SELECT key FROM documents") == [("fb0b047ba36df19f",)]
    assert count(engine, "SELECT count(*) FROM archival_references") == 1
    assert count(engine, "SELECT count(*) FROM document_people WHERE role = 'addressee'") == 2


def test_a_new_origin_of_a_language_retires_the_old_one(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    assert run_cli("import", volume).exit_code == 0
    seed = volume / "tom18" / SPECIMEN.name
    text = seed.read_text(encoding="utf-8").replace(
        "ru:tom18;en:AI AI translated", "ru:tom18;en:human"
    )
    seed.write_text(text.replace("Fyn Si", "Fyn Si."), encoding="utf-8")
    result = run_cli("import", volume)
    assert result.exit_code == 0, result.output
    assert rows(
        engine, "SELECT language, origin, is_current FROM document_versions ORDER BY language, id"
    ) == [("en", "AI", False), ("en", "human", True), ("ru", "tom18", True)]


def test_the_key_is_the_same_rule_for_every_file_name(
    run_cli: Run, engine: Engine, volume: Path, tmp_path: Path
) -> None:
    assert run_cli("import", volume).exit_code == 0
    other = tmp_path / "other" / "000_fb0b047ba36df19f.md"
    other.parent.mkdir()
    shutil.copy(SPECIMEN, other)
    assert run_cli("import", other).exit_code == 0
    assert run_cli("import", volume).exit_code == 0
    assert rows(engine, "SELECT key FROM documents ORDER BY key") == [
        ("000_fb0b047ba36df19f",),
        ("fb0b047ba36df19f",),
    ]


def test_the_search_index_is_ready_after_an_import(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    # COPY leaves new entries in the GIN pending list, which the planner prices so
    # high that it scans every text instead; the import flushes it.
    for i in range(1, 6):
        shutil.copy(SPECIMEN, volume / "tom18" / f"{i:03d}_{i:016x}.txt")
    assert run_cli("import", volume).exit_code == 0
    with engine.begin() as conn:
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS pgstattuple"))
        pending = conn.execute(
            text("SELECT pending_tuples FROM pgstatginindex('ix_document_versions_search_vector')")
        ).scalar_one()
    assert pending == 0


_SEARCH_INDEX = (
    "SELECT c.oid, i.indisvalid FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid"
    " WHERE c.relname = 'ix_document_versions_search_vector'"
)


def test_a_first_load_builds_the_search_index_at_its_end(
    run_cli: Run, engine: Engine, volume: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Built once over the loaded table (search_index.py), not kept up row by row: when
    # the build starts the texts are in and the index is not.
    ((before, _),) = rows(engine, _SEARCH_INDEX)
    for i in range(1, 4):
        shutil.copy(SPECIMEN, volume / "tom18" / f"{i:03d}_{i:016x}.txt")
    seen = []

    def build(conn: psycopg.Connection) -> None:
        texts = count(engine, "SELECT count(*) FROM document_versions")
        seen.append((rows(engine, _SEARCH_INDEX), texts))
        real_build(conn)

    real_build = search_index.build
    monkeypatch.setattr(search_index, "build", build)
    assert run_cli("import", volume).exit_code == 0
    assert seen == [([], 8)]
    ((after, valid),) = rows(engine, _SEARCH_INDEX)
    assert after != before and valid
    # Later runs write into the index as it stands.
    seed = volume / "tom18" / SPECIMEN.name
    seed.write_text(seed.read_text(encoding="utf-8") + "\nДобавлено.\n", encoding="utf-8")
    assert "1 updated" in run_cli("import", volume).output
    assert rows(engine, _SEARCH_INDEX) == [(after, True)]
    assert len(seen) == 1


def test_a_missing_search_index_is_built_by_the_next_run(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    # What a first load killed before its end leaves behind.
    assert run_cli("import", volume).exit_code == 0
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_document_versions_search_vector"))
    assert run_cli("import", volume, "--dry-run").exit_code == 0
    assert rows(engine, _SEARCH_INDEX) == []  # a dry run writes nothing
    result = run_cli("import", volume)
    assert result.exit_code == 0, result.output
    assert "1 unchanged" in result.output
    assert [valid for _, valid in rows(engine, _SEARCH_INDEX)] == [True]


def test_a_reader_holding_the_table_keeps_the_index_in_place(
    run_cli: Run, engine: Engine, volume: Path, database_url: URL
) -> None:
    # A researcher's open transaction on document_versions: the first load does not
    # wait for it to drop the index, it keeps the index and loads into it.
    ((before, _),) = rows(engine, _SEARCH_INDEX)
    with psycopg.connect(libpq_url(database_url)) as reader:
        reader.execute("SELECT count(*) FROM document_versions")
        assert run_cli("import", volume).exit_code == 0
    assert rows(engine, _SEARCH_INDEX) == [(before, True)]
    assert count(engine, "SELECT count(*) FROM document_versions") == 2


def test_one_job_writes_the_files_in_the_order_it_finds_them(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    # With --jobs 1 this process writes while a parser process starts, then what the
    # parser hands it: ids still follow the files' order.
    for i in range(1, 100):
        shutil.copy(SPECIMEN, volume / "tom18" / f"{i:03d}_{i:016x}.txt")
    result = run_cli("import", volume, "--jobs", 1, "--batch-size", 1)
    assert result.exit_code == 0, result.output
    paths = [p for (p,) in rows(engine, "SELECT source_path FROM documents ORDER BY id")]
    assert len(paths) == 100 and paths == sorted(paths)


def test_a_foreign_policy_archive_folder_is_stored_and_shown(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    seed = volume / "tom18" / SPECIMEN.name
    text = seed.read_text(encoding="utf-8")
    for old, new in (
        ("AP RF. F. 45. Op. 1. D. 347. L. 65-67.", "AVP SSSR. F. 059. Op. 1. P. 18. D. 123. L. 4-6."),  # noqa: E501
        ("АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67.", "АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123. Л. 4–6."),
    ):
        text = text.replace(old, new)
    seed.write_text(text, encoding="utf-8")
    result = run_cli("import", volume)
    assert result.exit_code == 0, result.output
    assert rows(
        engine,
        "SELECT a.code, r.fond, r.opis, r.papka, r.delo, r.folios FROM archival_references r"
        " JOIN archives a ON a.id = r.archive_id",
    ) == [("АВП РФ", "059", "1", "18", "123", "4–6")]
    assert rows(engine, "SELECT archival_references FROM document_overview") == [
        ("АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123. Л. 4–6",)
    ]
    shown = run_cli("show", "fb0b047ba36df19f")
    assert "АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123. Л. 4–6" in shown.output, shown.output


def test_a_run_left_running_is_marked_failed_by_the_next(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    with engine.begin() as conn:  # what a run killed with SIGKILL leaves behind
        conn.execute(text("INSERT INTO import_runs (paths, pid) VALUES ('{/seeds}', 4242)"))
    result = run_cli("import", volume)
    assert result.exit_code == 0, result.output
    assert "interrupted-run" in result.output and "pid 4242" in result.output
    assert rows(engine, "SELECT status, finished_at IS NULL FROM import_runs ORDER BY id") == [
        ("failed", True),
        ("succeeded", False),
    ]
    again = run_cli("import", volume)  # said once, not every night
    assert "interrupted-run" not in again.output
