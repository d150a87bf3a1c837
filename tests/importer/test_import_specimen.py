"""The specimen through `archive-db import`: every field FORMAT.md says a reader needs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.conftest import PROJECT_ROOT, SPECIMEN, SPECIMEN_MENTIONED_PLACES
from tests.importer.conftest import Run, count, rows

KEY = "fb0b047ba36df19f"


@pytest.fixture
def imported(run_cli: Run, engine: Engine) -> Engine:
    result = run_cli("import", PROJECT_ROOT / "seeds", "--jobs", "1")
    assert result.exit_code == 0, result.output
    return engine


def test_one_document_two_current_versions(imported: Engine) -> None:
    assert rows(
        imported,
        "SELECT key, volume, position, kind, date_start::text, date_end::text,"
        " date_precision, date_edtf, classification FROM documents",
    ) == [
        (
            KEY,
            "tom18",
            0,
            "telegram",
            "1950-10-08",
            "1950-10-08",
            "day",
            "1950-10-08",
            "top_secret",
        ),
    ]
    versions = rows(
        imported,
        "SELECT v.language, v.origin, v.origin_kind, v.origin_volume, v.revision, v.is_current,"
        " t.language FROM document_versions v LEFT JOIN document_versions t"
        " ON t.id = v.translation_of_id ORDER BY v.language",
    )
    assert versions == [
        ("en", "AI", "machine_translation", None, 1, True, "ru"),
        ("ru", "tom18", "volume", "18", 1, True, None),
    ]


def test_bodies_are_stored_verbatim(imported: Engine) -> None:
    (ru_body,) = rows(imported, "SELECT body FROM document_versions WHERE language = 'ru'")[0]
    assert "неможет" in ru_body and "Maо Цзэдуну" in ru_body
    lines = SPECIMEN.read_text(encoding="utf-8").splitlines()
    assert lines[62] in ru_body  # line 63 of the file, whole
    assert (
        count(
            imported,
            "SELECT count(*) FROM document_versions"
            " WHERE sha256 = encode(sha256(convert_to(body, 'UTF8')), 'hex')",
        )
        == 2
    )


def test_archival_reference_is_structured(imported: Engine) -> None:
    assert rows(
        imported,
        "SELECT a.code, a.code_latin, r.fond, r.opis, r.delo, r.folios, r.folio_start,"
        " r.folio_end, r.printed_ru, r.printed_en FROM archival_references r"
        " JOIN archives a ON a.id = r.archive_id",
    ) == [
        (
            "АП РФ",
            "AP RF",
            "45",
            "1",
            "347",
            "65–67",
            65,
            67,
            "АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67.",
            "AP RF. F. 45. Op. 1. D. 347. L. 65-67.",
        ),
    ]


def test_both_citations_are_structured(imported: Engine) -> None:
    cited = rows(
        imported,
        "SELECT s.kind, s.volume, s.issue, s.year, c.role, c.page_start, c.page_end"
        " FROM citations c JOIN sources s ON s.id = c.source_id ORDER BY s.kind",
    )
    assert ("journal", None, "1", 1996, "first_publication", 132, 133) in cited
    assert any(kind == "collected_works" and volume == "18" for kind, volume, *_ in cited)
    assert rows(imported, "SELECT title, title_latin FROM sources WHERE year = 1996") == [
        ("Вестник Архива Президента Российской Федерации", "Vestnik")
    ]


PEOPLE_SQL = """
SELECT p.slug, dp.role, dp.language, dp.name_as_written
FROM document_people dp JOIN people p ON p.id = dp.person_id
"""


def test_people_and_their_roles(imported: Engine) -> None:
    found = rows(imported, PEOPLE_SQL)
    roles = {(slug, role) for slug, role, _, _ in found}
    assert {
        ("stalin", "author"),
        ("stalin", "signatory"),
        ("shtykov", "intermediary"),
        ("kim-il-sung", "addressee"),
        ("mao-zedong", "mentioned"),
        ("chiang-kai-shek", "mentioned"),
        ("syngman-rhee", "mentioned"),
    } <= roles
    written = {(slug, role, lang): name for slug, role, lang, name in found}
    assert written[("stalin", "signatory", "ru")] == "Фын Си"
    assert written[("stalin", "signatory", "en")] == "Fyn Si"
    assert count(imported, "SELECT count(*) FROM people WHERE provisional") == 0


def test_places_and_their_roles(imported: Engine) -> None:
    found = rows(
        imported,
        "SELECT p.slug, dp.role, dp.language FROM document_places dp"
        " JOIN places p ON p.id = dp.place_id",
    )
    assert ("pyongyang", "destination", "en") in found
    assert ("pyongyang", "destination", "ru") in found
    mentioned = {slug for slug, role, lang in found if role == "mentioned"}
    assert mentioned >= SPECIMEN_MENTIONED_PLACES


def test_the_run_is_recorded(imported: Engine) -> None:
    assert rows(
        imported,
        "SELECT status, files_seen, documents_added, files_rejected,"
        " finished_at IS NOT NULL FROM import_runs",
    ) == [("succeeded", 1, 1, 0, True)]


def test_a_database_with_no_schema_is_migrated_first(empty_database_url, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from archive_db.cli import main

    url = empty_database_url.render_as_string(hide_password=False)
    result = CliRunner().invoke(main, ["--database-url", url, "import", str(SPECIMEN)])
    assert result.exit_code == 0, result.output
    assert "migrating the database" in result.output


def test_the_volume_citation_lands_on_the_authority_source(imported: Engine) -> None:
    # "Том 18" prints no year; the authority entry of volume 18 has 2006: one source.
    assert rows(
        imported,
        "SELECT s.volume, s.year, count(c.id) FROM sources s LEFT JOIN citations c"
        " ON c.source_id = s.id WHERE s.kind = 'collected_works' AND s.volume = '18'"
        " GROUP BY s.id",
    ) == [("18", 2006, 1)]


def test_names_with_a_role_are_not_also_mentioned_on_their_own_line(imported: Engine) -> None:
    mentioned = rows(
        imported,
        "SELECT p.slug, dp.language, dp.line FROM document_people dp"
        " JOIN people p ON p.id = dp.person_id WHERE dp.role = 'mentioned'",
    )
    slugs = {slug for slug, _, _ in mentioned}
    assert "stalin" not in slugs  # Фын Си only signs
    # Shtykov is addressed again in the postscript (line 50 / 78): that is a mention.
    assert ("shtykov", "en", 50) in mentioned and ("shtykov", "ru", 78) in mentioned
    places = rows(
        imported,
        "SELECT p.slug FROM document_places dp JOIN places p"
        " ON p.id = dp.place_id WHERE dp.role = 'mentioned'",
    )
    assert ("pyongyang",) not in places
