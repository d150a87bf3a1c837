"""The exporter's batches land whole, and a file of two documents is stored as two."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import Result
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from archive_db.repository import get_document
from tests.importer.conftest import Run, count, rows

BATCHES = Path(__file__).resolve().parents[1] / "seedfile" / "batches"
FLAGGED = "a17b000000000005"  # tom17/203: the Russian half is a telegram to Molotov


def copy_batches(volume: Path) -> None:
    for folder in ("tom17", "tom15", "works"):
        shutil.copytree(BATCHES / folder, volume / folder)


def import_batches(run_cli: Run, volume: Path) -> Result:
    # A tree walk takes the volume folders (tomNN); the Works pages' folder is named.
    return run_cli("import", volume, volume / "works")


def translation_of(engine: Engine, key: str, language: str) -> tuple[int | None, int | None]:
    """(translation_of_id of the current ``language`` text, id of the current Russian one)."""
    (found,) = rows(
        engine,
        "SELECT v.translation_of_id, (SELECT r.id FROM document_versions r"
        " WHERE r.document_id = d.id AND r.language = 'ru' AND r.is_current)"
        " FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.is_current"
        " WHERE d.key = :key AND v.language = :language",
        key=key, language=language,
    )
    return found


def test_every_batch_imports_and_only_the_two_document_file_is_flagged(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    copy_batches(volume)
    result = import_batches(run_cli, volume)
    assert result.exit_code == 0, result.output
    assert count(engine, "SELECT count(*) FROM documents") == 6
    assert rows(engine, "SELECT key FROM documents WHERE halves_disagree IS NOT NULL") == [
        (FLAGGED,)]
    # The curators' one query: both texts of the file, the reasons, no translation link.
    listed = rows(engine, "SELECT key, language, translation_of_id, reasons"
                          " FROM mismatched_versions ORDER BY language")
    assert [(k, lang, link) for k, lang, link, _ in listed] == [
        (FLAGGED, "en", None), (FLAGGED, "ru", None)]
    assert any(r.startswith("addressees:") for r in listed[0][3])
    assert count(engine, "SELECT count(*) FROM import_messages WHERE code = 'halves-disagree'"
                         " AND document_key = :key", key=FLAGGED) == 1
    # Apps see it too: the reasons on the document, no translation link on the text.
    with Session(engine) as session:
        flagged, specimen = get_document(session, FLAGGED), get_document(session,
                                                                          "fb0b047ba36df19f")
    assert flagged.halves_disagree == tuple(listed[0][3])
    assert [v.translation_of_id for v in flagged.versions] == [None, None]
    assert specimen.halves_disagree == ()
    ru, en = specimen.versions
    assert (ru.translation_of_id, en.translation_of_id) == (None, ru.id)
    # One document's halves stay linked, whatever the translation's origin.
    for key, language in [("fb0b047ba36df19f", "en"), ("a17b000000000001", "en"),
                          ("e5c0000000000003", "en"), ("e5c0000000000003", "es")]:
        link, russian = translation_of(engine, key, language)
        assert link == russian is not None, (key, language)
    texts = rows(engine, "SELECT v.language, v.origin, v.origin_kind FROM document_versions v"
                         " JOIN documents d ON d.id = v.document_id"
                         " WHERE d.key = 'e5c0000000000003' ORDER BY v.id")
    assert texts == [("en", "SCW", "human_translation"), ("ru", "marxists.org", "other"),
                     ("es", "OCS", "human_translation")]
    stored = rows(engine, "SELECT v.body FROM document_versions v JOIN documents d"
                          " ON d.id = v.document_id WHERE d.key = 'e5c0000000000004'"
                          " AND v.language = 'ru'")
    wrapped = (BATCHES / "works" / "302_e5c0000000000004.txt").read_text(encoding="utf-8")
    assert stored == [("\n".join(wrapped.split("\n")[19:28]),)]  # verbatim, line breaks kept


def test_a_translation_linked_before_is_unlinked_when_its_russian_half_changes(
    run_cli: Run, engine: Engine, volume: Path
) -> None:
    seed = volume / "tom17" / "203_a17b000000000005.txt"
    seed.parent.mkdir()
    flagged = (BATCHES / "tom17" / seed.name).read_text(encoding="utf-8")
    russian_at = flagged.index("Том 17")
    # First export: the right Russian half (a telegram to Kaganovich of the same day).
    seed.write_text(flagged[:russian_at].replace("Телеграмма В.М. Молотову 14 сентября",
                                                 "Телеграмма Л.М. Кагановичу 12 сентября")
                    + "Том 17\nТелеграмма Л.М. Кагановичу 12 сентября 1931 года\nКагановичу.\n"
                    "Прокатный стан в Запорожье не должен стоять из-за кокса. Возьмите кокс из "
                    "резерва Донбасса и пошлите т. Орджоникидзе в Запорожье с т. Бирманом на "
                    "неделю.\nО стане доложите к 20-му.\nСталин.\n", encoding="utf-8")
    assert run_cli("import", volume).exit_code == 0
    link, russian = translation_of(engine, FLAGGED, "en")
    assert link == russian is not None
    assert count(engine, "SELECT count(*) FROM mismatched_versions") == 0
    # Next export pairs the same English text with a neighbour's Russian half.
    seed.write_text(flagged, encoding="utf-8")
    assert run_cli("import", volume).exit_code == 0
    assert translation_of(engine, FLAGGED, "en")[0] is None
    assert rows(engine, "SELECT language, revision FROM document_versions v JOIN documents d"
                        " ON d.id = v.document_id WHERE v.is_current AND d.key = :key"
                        " ORDER BY language", key=FLAGGED) == [("en", 1), ("ru", 2)]
    assert count(engine, "SELECT count(*) FROM mismatched_versions") == 2
