"""Who a document names, decided on import: the collection's author, the people and places
the recognizer finds in Russian text (filed under their nominative, the translation linked
to the same entries) — each link with its provenance. Fixtures are invented texts."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from tests.importer.conftest import Run, rows

LETTER = """← Back to index

Letter to I.I. Ivanov

Письмо И.И. Иванову 1 мая 1931 года

1931-05-01 ru:tom17;en:AI AI translated

Letter to I.I. Ivanov
Source: Tom 17

Dear Comrade Ivanov!

Yesterday I spoke with Tovstukha about the school. Tovstukha promised to help.
The weather in Finland is cold.

{sign_en}

Том 17
Письмо И.И. Иванову 1 мая 1931 года
Уважаемый товарищ Иванов!
Вчера говорил с Товстухой о школе. Товстуха обещал помочь. В Финляндии холодно.
{sign_ru}
"""

LINKS = """
SELECT p.preferred_name, p.provisional, dp.role, dp.language, dp.method
  FROM document_people dp JOIN people p ON p.id = dp.person_id ORDER BY 1, 3, 4"""


def _write(volume: Path, sign_en: str, sign_ru: str) -> None:
    folder = volume / "tom17"
    folder.mkdir()
    (folder / "001_00000000000000c1.txt").write_text(
        LETTER.format(sign_en=sign_en, sign_ru=sign_ru), encoding="utf-8")
    for specimen in (volume / "tom18").glob("*.txt"):
        specimen.unlink()


def test_people_with_their_roles_and_provenance(run_cli: Run, engine: Engine, volume: Path,
                                                recognition: None) -> None:
    _write(volume, "", "")
    result = run_cli("import", volume)
    assert result.exit_code == 0, result.output
    links = rows(engine, LINKS)
    # Unsigned: the collection's author, said once in collections.toml.
    assert ("Joseph Stalin", False, "author", "ru", "collection") in links
    # The addressee from the title and the addressee lines: one provisional entry,
    # under the nominative without initials, in both languages.
    ivanov = [r for r in links if r[0] == "И. И. Иванов"]
    assert ("И. И. Иванов", True, "addressee", "ru", "title") in ivanov
    assert {r[3] for r in ivanov} == {"ru", "en"}
    # A person the text names in an oblique case: recognized, filed in the nominative,
    # and found again in the English text by transliteration.
    assert ("Товстуха", True, "mentioned", "en", "ner") in links
    assert ("Товстуха", True, "mentioned", "ru", "ner") in links
    # A country the recognizer finds takes its CLDR name.
    places = rows(engine, "SELECT p.preferred_name, p.provisional, dp.method"
                          " FROM document_places dp JOIN places p ON p.id = dp.place_id")
    assert ("Finland", True, "ner") in places


def test_the_signer_is_the_author(run_cli: Run, engine: Engine, volume: Path) -> None:
    _write(volume, "Your Iosif.", "Твой Иосиф.")  # a first name signs a family letter
    result = run_cli("import", volume)
    assert result.exit_code == 0, result.output
    links = rows(engine, LINKS)
    assert ("Joseph Stalin", False, "signatory", "ru", "layout") in links
    assert ("Joseph Stalin", False, "author", "ru", "layout") in links


def test_a_document_signed_only_by_another_is_not_the_collection_authors(
        run_cli: Run, engine: Engine, volume: Path) -> None:
    _write(volume, "V. Molotov", "В. Молотов")
    result = run_cli("import", volume)
    assert result.exit_code == 0, result.output
    authors = rows(engine, "SELECT DISTINCT p.slug FROM document_people dp"
                           " JOIN people p ON p.id = dp.person_id WHERE dp.role = 'author'")
    assert authors == [("molotov",)]


def test_without_recognition_only_the_layout_and_the_authorities_link(
        run_cli: Run, engine: Engine, volume: Path) -> None:
    _write(volume, "", "")
    result = run_cli("import", volume, "--no-recognition")
    assert result.exit_code == 0, result.output
    assert not [r for r in rows(engine, LINKS) if r[4] == "ner"]
    assert ("И. И. Иванов", True, "addressee", "ru", "title") in rows(engine, LINKS)
