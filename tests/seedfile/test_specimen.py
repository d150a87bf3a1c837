"""The one real specimen: every field FORMAT.md lists under "What a reader needs"."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from archive_db.seedfile import parse_file, render
from archive_db.seedfile.model import (
    Certainty,
    NameRole,
    OriginKind,
    ParsedDocument,
    Precision,
    SourceKind,
)


@pytest.fixture(scope="module")
def doc(specimen_path: Path) -> ParsedDocument:
    return parse_file(specimen_path)


def test_identity(doc: ParsedDocument) -> None:
    assert doc.key == "fb0b047ba36df19f"
    assert doc.position == 0
    assert doc.volume == "tom18"
    assert doc.title == "Telegram to T.F. Shtykov"
    assert doc.index_title == "Телеграмма Т.Ф. Штыкову 8 октября 1950 года"
    assert doc.provenance == "ru:tom18;en:AI"
    assert doc.badge == "AI translated"
    assert doc.kind == "telegram"
    assert doc.classification == "top_secret"
    assert doc.warnings == []
    assert (doc.crlf, doc.bom, doc.trailing_newline) == (False, False, False)


def test_date(doc: ParsedDocument) -> None:
    d = doc.date
    assert d.header == "1950-10-08"
    assert d.text == "8 октября 1950 г."
    assert (d.start, d.end) == (date(1950, 10, 8), date(1950, 10, 8))
    assert d.precision is Precision.DAY
    assert d.edtf == "1950-10-08"
    assert d.certainty is Certainty.EXACT


def test_versions(doc: ParsedDocument, specimen_path: Path) -> None:
    lines = specimen_path.read_text(encoding="utf-8").split("\n")
    en, ru = doc.versions
    assert (en.language, ru.language) == ("en", "ru")
    assert en.origin.kind is OriginKind.MACHINE_TRANSLATION
    assert (en.origin.token, en.origin.translated_from) == ("AI", "ru")
    assert ru.origin.kind is OriginKind.VOLUME
    assert (ru.origin.token, ru.origin.volume) == ("tom18", "18")
    assert en.title == "Telegram to T.F. Shtykov"
    assert ru.title == "Телеграмма Т.Ф. Штыкову 8 октября 1950 года"
    assert (en.heading_line, en.body_line, ru.heading_line, ru.body_line) == (9, 13, 57, 58)
    assert en.source_line == "Source: Tom 18"
    assert ru.source_line == "Том 18"
    assert en.printed_date == "October 8, 1950"
    assert ru.printed_date is None
    # Verbatim: exactly lines 13–50 and 58–78 of the file, typos and mixed script included.
    assert en.body == "\n".join(lines[12:50])
    assert ru.body == "\n".join(lines[57:78])
    assert "неможет" in ru.body
    assert "Maо Цзэдуну" in ru.body  # Latin "Ma" + Cyrillic "о"
    assert en.body.startswith("Pyongyang, Shtykov\nfor\n")
    assert en.body.endswith("you are not to hand it over to Kim Il Sung.")
    assert ru.body.endswith("не передавать его Ким Ир Сену")
    for v in (en, ru):
        assert v.sha256 == hashlib.sha256(v.body.encode("utf-8")).hexdigest()


def test_anatomy(doc: ParsedDocument) -> None:
    en, ru = doc.versions
    assert en.addressee_block == ["Pyongyang, Shtykov", "for", "Kim Il Sung"]
    assert ru.addressee_block == ["Пхеньян Штыкову", "для", "Ким Ир Сена"]
    assert (en.classification, ru.classification) == ("Top Secret.", "Особо секретно.")
    assert (en.salutation, ru.salutation) == ("Comrade Kim Il Sung!", "Товарищ Ким Ир Сен!")
    assert (en.closing_date, ru.closing_date) == ("October 8, 1950", "8 октября 1950 г.")
    assert (en.signatures, ru.signatures) == (["Fyn Si"], ["Фын Си"])
    assert en.postscript is not None and en.postscript.startswith("I ask you, Comrade Shtykov")
    assert ru.postscript is not None and ru.postscript.startswith("Прошу Вас, товарищ Штыков")
    assert en.notes == ru.notes == []


def test_archival_reference(doc: ParsedDocument) -> None:
    (ref,) = doc.archival_references
    assert (ref.archive, ref.archive_latin) == ("АП РФ", "AP RF")
    assert (ref.fond, ref.opis, ref.delo) == ("45", "1", "347")
    assert ref.folios == "65–67"
    assert (ref.folio_start, ref.folio_end, ref.verso, ref.ibid) == (65, 67, False, False)
    assert ref.printed == {
        "ru": "АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67.",
        "en": "AP RF. F. 45. Op. 1. D. 347. L. 65-67.",
    }
    assert ref.line == 80


def test_citations(doc: ParsedDocument) -> None:
    vestnik, volume = doc.citations
    assert vestnik.source_kind is SourceKind.JOURNAL
    assert (vestnik.source, vestnik.source_latin) == ("Вестник", "Vestnik")
    assert vestnik.source_full == "Вестник Архива Президента Российской Федерации"
    assert (vestnik.year, vestnik.issue) == (1996, "1")
    assert (vestnik.pages, vestnik.page_start, vestnik.page_end) == ("132–133", 132, 133)
    assert vestnik.role == "first_publication"
    assert vestnik.printed == {
        "ru": "Вестник. 1996. № 1. С. 132–133.",
        "en": "Vestnik, 1996, No. 1, pp. 132-133.",
    }
    assert volume.source_kind is SourceKind.COLLECTED_WORKS
    assert (volume.source, volume.volume, volume.role) == ("Сочинения", "18", "text_source")
    assert volume.pages is None
    assert volume.printed == {"en": "Source: Tom 18", "ru": "Том 18"}


def _names(doc: ParsedDocument, role: NameRole) -> list[tuple[str, str, int | None]]:
    return [(n.text, n.language, n.line) for n in doc.names if n.role is role]


def test_people_and_places(doc: ParsedDocument) -> None:
    assert _names(doc, NameRole.DESTINATION) == [("Pyongyang", "en", 13), ("Пхеньян", "ru", 58)]
    assert _names(doc, NameRole.INTERMEDIARY) == [("Shtykov", "en", 13), ("Штыкову", "ru", 58)]
    # The titles name Shtykov too ("Telegram to T.F. Shtykov"): the linker reads him as the
    # intermediary the addressee lines show; the parser says where each name came from.
    assert _names(doc, NameRole.ADDRESSEE) == [
        ("T. F. Shtykov", "en", 9), ("Kim Il Sung", "en", 15), ("Т. Ф. Штыкову", "ru", 57),
        ("Ким Ир Сена", "ru", 60)]
    assert [n.method for n in doc.names if n.role is NameRole.ADDRESSEE] == [
        "title", "layout", "title", "layout"]
    assert _names(doc, NameRole.SIGNATORY) == [("Fyn Si", "en", 48), ("Фын Си", "ru", 77)]
    mentioned = {(n.text, n.kind) for n in doc.names if n.role is NameRole.MENTIONED}
    for person in ("Mao Zedong", "Chiang Kai-shek", "Syngman Rhee", "Maо Цзэдуну", "Чан Кайши"):
        assert (person, "person") in mentioned
    for place in ("Korea", "China", "USSR", "USA", "Japan", "Taiwan", "Germany", "Britain",
                  "38th parallel", "Far East", "Кореи", "Китая", "СССР", "США", "Японии",
                  "Тайваня", "Германии", "Англия", "38-ю параллель", "Дальнем Востоке"):
        assert (place, "place") in mentioned
    assert all(n.line is not None for n in doc.names)


def test_render_reproduces_the_specimen_byte_for_byte(doc: ParsedDocument,
                                                     specimen_path: Path) -> None:
    assert render(doc).encode("utf-8") == specimen_path.read_bytes()
