"""archive-db export datapackage: the CSV files hold what the database holds, field by
field; the descriptor says what the catalog says; frictionless finds the package valid,
for the specimen and for a synthetic corpus."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import frictionless
import psycopg
import pytest
from click.testing import CliRunner, Result
from psycopg import sql
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from archive_db import config
from archive_db.cli import main
from archive_db.db import make_engine
from archive_db.export import datapackage, export_datapackage, snapshot
from archive_db.export.datapackage import OutputRefused
from tests.conftest import PROJECT_ROOT, SPECIMEN, create_database, drop_database

KEY = "fb0b047ba36df19f"
TABLES = {
    "documents", "document_versions", "people", "person_names", "document_people",
    "places", "place_names", "document_places", "archives", "archival_references",
    "sources", "citations",
}  # fmt: skip
VIEWS = {
    "document_overview", "document_texts", "document_people_roles",
    "document_places_roles", "archival_files", "mismatched_versions",
}  # fmt: skip
LEFT_OUT = {
    "import_runs", "import_messages", "curation_decisions", "withdrawn_documents",
    "import_lock", "grant_lock", "alembic_version",
}  # fmt: skip


def cli(url: URL, *args: object) -> Result:
    rendered = url.render_as_string(hide_password=False)
    return CliRunner().invoke(main, ["--database-url", rendered, *map(str, args)])


def import_specimen(url: URL, seeds: Path) -> None:
    shutil.copytree(PROJECT_ROOT / "seeds" / "authorities", seeds / "authorities")
    (seeds / "tom18").mkdir()
    shutil.copy(SPECIMEN, seeds / "tom18" / SPECIMEN.name)
    done = cli(url, "import", seeds)
    assert done.exit_code == 0, done.output


@pytest.fixture(scope="module")
def specimen_url(
    pg_server: URL, template_url: URL, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[URL]:
    """A database of this module's own holding the imported specimen (read only)."""
    url = create_database(pg_server, template=template_url.database)
    import_specimen(url, tmp_path_factory.mktemp("seeds"))
    yield url
    drop_database(pg_server, url)


@pytest.fixture(scope="module")
def exported(specimen_url: URL, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The specimen's package, written by the CLI."""
    out = tmp_path_factory.mktemp("export") / "out"
    done = cli(specimen_url, "export", "datapackage", out)
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("wrote 18 resources (")
    assert "data/documents.csv" in done.stdout
    return out


@pytest.fixture(scope="module")
def descriptor(exported: Path) -> dict[str, Any]:
    return json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))


def resources(descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in descriptor["resources"]}


def query(url: URL, statement: str | sql.Composable, *params: object) -> list[tuple]:
    with psycopg.connect(config.libpq_url(url)) as conn:
        cur = conn.execute(statement, params or None)  # type: ignore[arg-type]
        return cur.fetchall() if cur.description else []


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def value(cell: str, field: dict[str, Any]) -> object:
    """A cell as the field's Table Schema type reads it (an empty cell is NULL)."""
    if cell == "":
        return None
    match field["type"]:
        case "integer":
            return int(cell)
        case "number":
            return float(cell)
        case "boolean":
            return {"true": True, "false": False}[cell]
        case "date":
            return dt.date.fromisoformat(cell)
        case "datetime":
            return dt.datetime.fromisoformat(cell)
        case "array" | "object":
            return json.loads(cell)
        case _:
            return cell


def typed_rows(out: Path, resource: dict[str, Any]) -> list[tuple]:
    fields = resource["schema"]["fields"]
    return [
        tuple(value(row[f["name"]], f) for f in fields)
        for row in read_csv(out / resource["path"])
    ]  # fmt: skip


def database_rows(url: URL, resource: dict[str, Any]) -> list[tuple]:
    names = [f["name"] for f in resource["schema"]["fields"]]
    statement = sql.SQL("SELECT {} FROM {}").format(
        sql.SQL(", ").join(map(sql.Identifier, names)), sql.Identifier(resource["name"])
    )
    if key := resource["schema"].get("primaryKey"):
        statement += sql.SQL(" ORDER BY {}").format(sql.SQL(", ").join(map(sql.Identifier, key)))
    return query(url, statement)


def assert_valid(package: Path) -> frictionless.Report:
    report = frictionless.validate(str(package / "datapackage.json"))
    assert report.valid, report.flatten(["taskName", "type", "note"])[:10]
    return report


# The specimen, exported through the CLI


def test_the_specimen_package_is_valid(exported: Path) -> None:
    assert_valid(exported)
    done = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "datapackage.json"],
        cwd=exported, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:]


def test_the_views_and_the_tables_behind_them(descriptor: dict[str, Any]) -> None:
    names = [r["name"] for r in descriptor["resources"]]
    assert set(names) == TABLES | VIEWS and len(names) == len(TABLES | VIEWS)
    assert not LEFT_OUT & set(names)
    for r in descriptor["resources"]:
        assert r["path"] == f"data/{r['name']}.csv"
        assert (r["format"], r["mediatype"], r["encoding"]) == ("csv", "text/csv", "utf-8")
    assert descriptor["name"] == "archive-db" and descriptor["title"]
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    created = dt.datetime.fromisoformat(descriptor["created"])
    assert abs(dt.datetime.now(dt.UTC) - created) < dt.timedelta(minutes=10)


def test_every_row_of_every_resource_is_the_database_s(
    exported: Path, descriptor: dict[str, Any], specimen_url: URL
) -> None:
    for name, resource in resources(descriptor).items():
        in_file, in_database = typed_rows(exported, resource), database_rows(specimen_url, resource)
        if name in VIEWS:  # a view has no key to order by
            in_file, in_database = sorted(in_file, key=repr), sorted(in_database, key=repr)
        assert in_file == in_database, name
        assert len(in_file) == resource_rows(specimen_url, name), name


def resource_rows(url: URL, name: str) -> int:
    return query(url, sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name)))[0][0]


def test_the_specimen_s_document_row(exported: Path) -> None:
    (row,) = read_csv(exported / "data" / "documents.csv")
    assert row["key"] == KEY and row["volume"] == "tom18" and row["kind"] == "telegram"
    assert row["title"] == "Telegram to T.F. Shtykov"
    assert row["date_start"] == row["date_end"] == "1950-10-08"
    assert row["date_precision"] == "day" and row["classification"] == "top_secret"
    assert row["created_at"].endswith("Z") and "T" in row["created_at"]
    raw = (exported / "data" / "documents.csv").read_bytes().splitlines()[1]
    assert raw.startswith(f'"1","{KEY}","tom18",'.encode())  # every value quoted


def test_bodies_are_the_database_s_byte_for_byte(exported: Path, specimen_url: URL) -> None:
    raw = (exported / "data" / "document_versions.csv").read_bytes()
    bodies = {
        r["language"]: r["body"] for r in read_csv(exported / "data" / "document_versions.csv")
    }
    stored = dict(query(specimen_url, "SELECT language, body FROM document_versions"))
    assert set(bodies) == {"ru", "en"}
    for language, body in stored.items():
        assert "\n" in body
        assert bodies[language].encode() == body.encode()
        assert b'"' + body.replace('"', '""').encode() + b'"' in raw  # verbatim in the file


def test_arrays_are_json_lists(exported: Path, specimen_url: URL) -> None:
    rows = {r["language"]: r for r in read_csv(exported / "data" / "document_versions.csv")}
    stored = query(specimen_url, "SELECT language, addressee_block, signatures, notes "
                                 "FROM document_versions")  # fmt: skip
    for language, addressees, signatures, notes in stored:
        assert json.loads(rows[language]["addressee_block"]) == addressees
        assert json.loads(rows[language]["signatures"]) == signatures
        assert rows[language]["notes"] == "" and notes is None
    assert ["Пхеньян Штыкову", "для", "Ким Ир Сена"] in [a for _, a, _, _ in stored]


def test_descriptions_are_the_catalog_s_comments(
    descriptor: dict[str, Any], specimen_url: URL
) -> None:
    comments = {
        (table, column): comment
        for table, column, comment in query(specimen_url, """
            SELECT c.relname, a.attname, col_description(c.oid, a.attnum)
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0""")
    }  # fmt: skip
    relation_comments = dict(query(specimen_url, """
        SELECT relname, obj_description(oid, 'pg_class') FROM pg_class
        WHERE relnamespace = 'public'::regnamespace"""))  # fmt: skip
    for r in descriptor["resources"]:
        assert r["description"] == relation_comments[r["name"]]
        for f in r["schema"]["fields"]:
            assert f["description"] == comments[r["name"], f["name"]], (r["name"], f["name"])
    documents = resources(descriptor)["documents"]["schema"]["fields"]
    (key,) = (f for f in documents if f["name"] == "key")
    assert key["description"].startswith("Stable key across re-exports")


def test_types_and_constraints_come_from_the_catalog(descriptor: dict[str, Any]) -> None:
    fields = {(r["name"], f["name"]): f for r in descriptor["resources"]
              for f in r["schema"]["fields"]}  # fmt: skip
    types = {k: f["type"] for k, f in fields.items()}
    assert types["documents", "id"] == "integer"
    assert types["documents", "date_start"] == "date"
    assert types["documents", "created_at"] == "datetime"
    assert types["documents", "halves_disagree"] == "array"
    assert types["document_versions", "is_current"] == "boolean"
    assert types["document_people", "confidence"] == "number"
    assert types["document_overview", "title_ru"] == "string"
    # Derived full-text indexes are left out, in the table and in the view.
    assert ("document_versions", "search_vector") not in fields
    assert ("document_texts", "search_vector") not in fields
    assert fields["documents", "title"]["constraints"]["required"] is True
    assert "constraints" not in fields["documents", "index_title"]
    assert fields["documents", "key"]["constraints"] == {"required": True, "unique": True}
    assert "telegram" in fields["documents", "kind"]["constraints"]["enum"]
    assert fields["document_versions", "language"]["constraints"]["maxLength"] == 8
    assert set(types.values()) == {"integer", "number", "string", "boolean", "date",
                                   "datetime", "array"}  # fmt: skip


def test_keys_point_at_resources_in_the_package(descriptor: dict[str, Any]) -> None:
    by_name = resources(descriptor)
    links = set()
    for name, r in by_name.items():
        schema, fields = r["schema"], {f["name"] for f in r["schema"]["fields"]}
        if name in VIEWS:
            assert "primaryKey" not in schema and "foreignKeys" not in schema
            continue
        assert schema["primaryKey"] == ["id"]
        for fk in schema.get("foreignKeys", []):
            target = by_name[fk["reference"]["resource"]]
            assert set(fk["fields"]) <= fields
            assert fk["reference"]["fields"] == target["schema"]["primaryKey"]
            links.add((name, *fk["fields"], target["name"]))
    assert {
        ("document_versions", "document_id", "documents"),
        ("document_versions", "translation_of_id", "document_versions"),
        ("document_people", "person_id", "people"),
        ("document_places", "place_id", "places"),
        ("citations", "source_id", "sources"),
        ("archival_references", "archive_id", "archives"),
        ("documents", "origin_place_id", "places"),
    } <= links
    # import_runs is not in the package: the run a text came with stays a number.
    assert not any(link[1] == "import_run_id" for link in links)


# The Python API, tricky values, and the output directory


@pytest.fixture
def specimen_engine(engine: Engine, database_url: URL, tmp_path: Path) -> Engine:
    import_specimen(database_url, tmp_path / "seeds")
    return engine


TRICKY = 'Line one, with "quotes";\r\nline two\ttabbed\n\n  indented, trailing space \n'


def test_the_api_streams_tricky_values_verbatim(
    specimen_engine: Engine, database_url: URL, tmp_path: Path
) -> None:
    query(database_url, """
        UPDATE document_versions SET body = %s, notes = %s, salutation = ''
        WHERE language = 'en'""", TRICKY, ['a, "b"', None, "{c}", ""])  # fmt: skip
    # Flagged as two documents, the file's texts fill mismatched_versions too.
    query(database_url, "UPDATE documents SET halves_disagree = %s", ["kind: telegram/letter"])
    with snapshot(specimen_engine) as conn:
        report = export_datapackage(conn, tmp_path / "out")
    assert report.descriptor == tmp_path / "out" / "datapackage.json"
    counts = {r.name: r.rows for r in report.resources}
    assert counts["documents"] == 1 and counts["document_versions"] == 2
    assert counts["person_names"] == resource_rows(database_url, "person_names")
    assert all((tmp_path / "out" / r.path).stat().st_size == r.bytes for r in report.resources)
    assert_valid(tmp_path / "out")

    path = tmp_path / "out" / "data" / "document_versions.csv"
    (en,) = (r for r in read_csv(path) if r["language"] == "en")
    assert en["body"].encode() == TRICKY.encode()
    assert json.loads(en["notes"]) == ['a, "b"', None, "{c}", ""]
    raw = path.read_bytes()
    assert b'"' + TRICKY.replace('"', '""').encode() + b'"' in raw
    # An empty string is quoted; NULL is an empty cell (the Russian text has no notes).
    assert b',"",' in raw and b",," in raw
    mismatched = read_csv(tmp_path / "out" / "data" / "mismatched_versions.csv")
    assert [json.loads(r["reasons"]) for r in mismatched] == [["kind: telegram/letter"]] * 2


def test_a_directory_holding_other_files_is_refused(
    specimen_engine: Engine, database_url: URL, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with snapshot(specimen_engine) as conn, pytest.raises(OutputRefused, match=r"notes\.txt"):
        export_datapackage(conn, out)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]  # nothing written

    (out / "notes.txt").unlink()
    (out / "data").mkdir()
    (out / "data" / "mine.xlsx").write_bytes(b"")
    done = cli(database_url, "export", "datapackage", out)
    assert done.exit_code == 2
    assert "nothing exported" in done.stderr and "data/mine.xlsx" in done.stderr

    a_file = tmp_path / "a_file"
    a_file.write_text("")
    with snapshot(specimen_engine) as conn, pytest.raises(OutputRefused, match="not a direc"):
        export_datapackage(conn, a_file)


def test_an_earlier_export_is_replaced(specimen_engine: Engine, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with snapshot(specimen_engine) as conn:
        export_datapackage(conn, out)
    (out / "data" / "dropped_table.csv").write_text("id\n")
    (out / "data" / "documents.csv.part").write_text("half")
    with snapshot(specimen_engine) as conn:
        report = export_datapackage(conn, out)
    assert sorted(p.name for p in (out / "data").iterdir()) == sorted(
        Path(r.path).name for r in report.resources
    )
    assert_valid(out)


def test_an_export_that_stops_leaves_no_descriptor(
    specimen_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    with snapshot(specimen_engine) as conn:
        export_datapackage(conn, out)
    copy, calls = datapackage._copy, []

    def failing(raw: Any, relation: Any, path: Path) -> Any:
        calls.append(path)
        if len(calls) == 3:
            raise OSError("disk full")
        return copy(raw, relation, path)

    monkeypatch.setattr(datapackage, "_copy", failing)
    with snapshot(specimen_engine) as conn, pytest.raises(OSError, match="disk full"):
        export_datapackage(conn, out)
    assert not (out / "datapackage.json").exists()
    assert not list(out.rglob("*.part"))


# The synthetic corpus


def test_a_synthetic_corpus_exports_whole_and_validates(
    engine: Engine, database_url: URL, tmp_path: Path
) -> None:
    from benchmarks import common

    common.import_corpus(database_url, common.corpus(40, root=tmp_path))
    with snapshot(engine) as conn:
        report = export_datapackage(conn, tmp_path / "out")
    counts = {r.name: r.rows for r in report.resources}
    assert counts["documents"] == 40
    for name, rows in counts.items():
        assert rows == resource_rows(database_url, name), name
    validated = assert_valid(tmp_path / "out")
    assert {t.name: t.stats.get("rows", 0) for t in validated.tasks} == counts


def test_the_same_archive_gives_the_same_files(database_url: URL, tmp_path: Path) -> None:
    """Tables in key order and views by every column: two exports of one archive are
    byte for byte the same (what the descriptor's hashes promise), views included, even
    when rows moved on disk in between (an UPDATE that changes nothing)."""
    import_specimen(database_url, tmp_path / "seeds")
    engine = make_engine(database_url)
    hashes = []
    try:
        for out in (tmp_path / "a", tmp_path / "b"):
            with snapshot(engine) as conn:
                export_datapackage(conn, out)
            described = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
            hashes.append({r["name"]: r["hash"] for r in described["resources"]})
            with engine.begin() as conn:  # the same rows, written anew at the heap's end
                conn.execute(text("UPDATE document_people SET confidence = confidence "
                                  "WHERE id % 2 = 1"))  # fmt: skip
    finally:
        engine.dispose()
    assert hashes[0] == hashes[1]
