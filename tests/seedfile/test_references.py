"""Archival references as printed in Cyrillic and Latin, each with its exact fields."""

from __future__ import annotations

import pytest

from archive_db.seedfile.archives import KNOWN_ARCHIVES, lookup_archive
from archive_db.seedfile.model import ArchivalReference
from archive_db.seedfile.references import merge_references, parse_reference

# (printed, archive, archive_latin, fond, opis, delo, folios, folio_start, folio_end, verso)
CASES = [
    ("АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67.", "АП РФ", "AP RF", "45", "1", "347", "65–67", 65, 67,
     False),
    ("AP RF. F. 45. Op. 1. D. 347. L. 65-67.", "АП РФ", "AP RF", "45", "1", "347", "65-67", 65, 67,
     False),
    ("АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65—67.", "АП РФ", "AP RF", "45", "1", "347", "65—67", 65, 67,
     False),
    ("АП РФ Ф. 45 Оп. 1 Д. 347 Л. 65–67",
     "АП РФ", "AP RF", "45", "1", "347", "65–67", 65, 67, False),
    ("АП РФ. Ф.45. Оп.1. Д.347. Л.65–67.",
     "АП РФ", "AP RF", "45", "1", "347", "65–67", 65, 67, False),
    ("АП РФ, Ф. 45, Оп. 1, Д. 347, Л. 65–67.", "АП РФ", "AP RF", "45", "1", "347", "65–67", 65, 67,
     False),
    ("АП  РФ.  Ф.  45.  Оп.  1.  Д.  347.  Л.  65 – 67.", "АП РФ", "AP RF", "45", "1", "347",
     "65 – 67", 65, 67, False),
    ("АПРФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67.", "АП РФ", "AP RF", "45", "1", "347", "65–67", 65, 67,
     False),
    ("AП PФ. Ф. 45. Oп. 1. Д. 347. Л. 65–67.", "АП РФ", "AP RF", "45", "1", "347", "65–67", 65, 67,
     False),  # Latin A, P, O inside Cyrillic words
    ("АП РФ. Ф. 3. Оп. 1. Д. 1. Л. 5.", "АП РФ", "AP RF", "3", "1", "1", "5", 5, 5, False),
    ("АП РФ. Ф. 3. Оп. 1. Д. 1.", "АП РФ", "AP RF", "3", "1", "1", None, None, None, False),
    ("АП РФ. Ф. 3. Оп. 66. Д. 12а. Л. 4.", "АП РФ", "AP RF", "3", "66", "12а", "4", 4, 4, False),
    ("РГАСПИ. Ф. 558. Оп. 11. Д. 334. Л. 1–5.", "РГАСПИ", "RGASPI", "558", "11", "334", "1–5", 1, 5,
     False),
    ("RGASPI. F. 558. Op. 11. D. 334. L. 1-5.", "РГАСПИ", "RGASPI", "558", "11", "334", "1-5", 1, 5,
     False),
    ("РГАСПИ Ф.558 Оп.11 Д.334 Л.1-5", "РГАСПИ", "RGASPI", "558", "11", "334", "1-5", 1, 5, False),
    ("РГАСПИ. Ф. 558. Оп. 11. Д. 334. Л. 12, 15–17 об.", "РГАСПИ", "RGASPI", "558", "11", "334",
     "12, 15–17 об.", 12, 17, True),
    ("RGASPI. F. 558. Op. 11. D. 334. L. 12, 15-17 ob.", "РГАСПИ", "RGASPI", "558", "11", "334",
     "12, 15-17 ob.", 12, 17, True),
    ("RGASPI. F. 558. Op. 11. D. 334. L. 12v.", "РГАСПИ", "RGASPI", "558", "11", "334", "12v.", 12,
     12, True),
    ("РГАСПИ. Ф. 558. Оп. 11. Д. 334. Л. 7 об.", "РГАСПИ", "RGASPI", "558", "11", "334", "7 об.", 7,
     7, True),
    ("РГАСПИ. Ф. 558. Оп. 11. Д. 334. Л. 7 об.–9.", "РГАСПИ", "RGASPI", "558", "11", "334",
     "7 об.–9", 7, 9, False),
    ("РГАСПИ. Ф. 17. Оп. 3. Д. 1045. Л. 2, 4, 6.", "РГАСПИ", "RGASPI", "17", "3", "1045", "2, 4, 6",
     2, 6, False),
    ("РГАСПИ. Ф. 17. Оп. 162. Д. 9. Лл. 54–56.", "РГАСПИ", "RGASPI", "17", "162", "9", "54–56", 54,
     56, False),
    ("РГАСПИ; Ф. 17; Оп. 162; Д. 9; Л. 54.", "РГАСПИ", "RGASPI", "17", "162", "9", "54", 54, 54,
     False),
    ("ЦАМО РФ. Ф. 3. Оп. 11556. Д. 12. Л. 5.", "ЦАМО РФ", "TsAMO RF", "3", "11556", "12", "5", 5, 5,
     False),
    ("TsAMO RF. F. 3. Op. 11556. D. 12. L. 5.", "ЦАМО РФ", "TsAMO RF", "3", "11556", "12", "5", 5,
     5, False),
    ("ЦАМО РФ, ф. 3, оп. 11556, д. 12, л. 5 об.",
     "ЦАМО РФ", "TsAMO RF", "3", "11556", "12", "5 об.",
     5, 5, True),
    ("ГАРФ. Ф. Р-9401. Оп. 2. Д. 65. Л. 1–3.", "ГАРФ", "GARF", "Р-9401", "2", "65", "1–3", 1, 3,
     False),
    ("GARF. F. R-9401. Op. 2. D. 65. L. 1-3.", "ГАРФ", "GARF", "R-9401", "2", "65", "1-3", 1, 3,
     False),
    ("ГАРФ. Ф. P-9401. Оп. 2. Д. 65. Л. 1–3.", "ГАРФ", "GARF", "Р-9401", "2", "65", "1–3", 1, 3,
     False),  # Latin P in a Cyrillic line becomes Cyrillic Р
    ("ГАРФ. Ф. Р9401. Оп. 2. Д. 65. Л. 1–3.", "ГАРФ", "GARF", "Р9401", "2", "65", "1–3", 1, 3,
     False),
    ("ГАРФ. Ф. 5446. Оп. 1а. Д. 12б. Л. 3.", "ГАРФ", "GARF", "5446", "1а", "12б", "3", 3, 3, False),
    ("РГВА. Ф. 33987. Оп. 3. Д. 46. Л. 1–2.",
     "РГВА", "RGVA", "33987", "3", "46", "1–2", 1, 2, False),
    ("RGVA. F. 33987. Op. 3. D. 46. L. 1-2.",
     "РГВА", "RGVA", "33987", "3", "46", "1-2", 1, 2, False),
    ("АВП РФ. Ф. 059. Оп. 1. Д. 313. Л. 58.", "АВП РФ", "AVP RF", "059", "1", "313", "58", 58, 58,
     False),
    ("AVP RF. F. 059. Op. 1. D. 313. L. 58.", "АВП РФ", "AVP RF", "059", "1", "313", "58", 58, 58,
     False),
    ("РГАНИ. Ф. 3. Оп. 8. Д. 1. Л. 10–12.",
     "РГАНИ", "RGANI", "3", "8", "1", "10–12", 10, 12, False),
    ("RGANI. F. 3. Op. 8. D. 1. L. 10-12.",
     "РГАНИ", "RGANI", "3", "8", "1", "10-12", 10, 12, False),
    ("РГАЭ. Ф. 4372. Оп. 30. Д. 5. Л. 1.", "РГАЭ", "RGAE", "4372", "30", "5", "1", 1, 1, False),
    ("RGAE. F. 4372. Op. 30. D. 5. L. 1.", "РГАЭ", "RGAE", "4372", "30", "5", "1", 1, 1, False),
    ("РГВИА. Ф. 400. Оп. 1. Д. 2. Л. 3.", "РГВИА", "RGVIA", "400", "1", "2", "3", 3, 3, False),
    ("ЦПА ИМЛ. Ф. 558. Оп. 1. Д. 5. Л. 1.", "ЦПА ИМЛ", "TsPA IML", "558", "1", "5", "1", 1, 1,
     False),
    ("ap rf. f. 45. op. 1. d. 347. l. 65-67.", "АП РФ", "AP RF", "45", "1", "347", "65-67", 65, 67,
     False),
    ("Архив УФСБ. Ф. 1. Оп. 2. Д. 3. Л. 4.", "Архив УФСБ", None, "1", "2", "3", "4", 4, 4, False),
]


@pytest.mark.parametrize(
    ("printed", "archive", "latin", "fond", "opis", "delo", "folios", "first", "last", "verso"),
    CASES,
)
def test_references(printed: str, archive: str, latin: str | None, fond: str, opis: str,
                    delo: str, folios: str | None, first: int | None, last: int | None,
                    verso: bool) -> None:
    ref = parse_reference(printed, "ru", line=7)
    assert ref is not None
    assert (ref.archive, ref.archive_latin, ref.fond, ref.opis, ref.delo) == (
        archive, latin, fond, opis, delo)
    assert (ref.folios, ref.folio_start, ref.folio_end, ref.verso) == (folios, first, last, verso)
    assert ref.printed == {"ru": printed}
    assert (ref.line, ref.ibid) == (7, False)
    assert ref.papka is None  # no folder printed, none read


# The Foreign Policy Archive's folder (П., папка) between opis and delo.
# (printed, fond, opis, papka, delo, folios, folio_start, folio_end, verso)
PAPKA_CASES = [
    ("АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123. Л. 4–6.", "059", "1", "18", "123", "4–6", 4, 6, False),
    ("AVP RF. F. 059. Op. 1. P. 18. D. 123. L. 4-6.", "059", "1", "18", "123", "4-6", 4, 6, False),
    ("АВП РФ. Ф. 07. Оп. 23а. П. 18. Д. 235. Л. 32-33.", "07", "23а", "18", "235", "32-33", 32, 33,
     False),
    ("АВП РФ. Ф. 059. Оп. 1. Папка 18. Д. 123. Л. 4–6.", "059", "1", "18", "123", "4–6", 4, 6,
     False),
    ("АВП РФ. Ф. 0100. Оп. 43. Пап. 302. Д. 10. Л. 5.", "0100", "43", "302", "10", "5", 5, 5,
     False),
    ("АВП РФ, ф. 059, оп. 1, п. 18, д. 123, л. 4–6.", "059", "1", "18", "123", "4–6", 4, 6, False),
    ("АВП РФ Ф.059 Оп.1 П.18 Д.123 Л.4–6", "059", "1", "18", "123", "4–6", 4, 6, False),
    ("АВП РФ Ф 059 Оп 1 П 18 Д 123 Л 4–6", "059", "1", "18", "123", "4–6", 4, 6, False),
    ("АВП  РФ.  Ф.  059.  Оп.  1.  П.  18.  Д.  123.  Л.  4 – 6.", "059", "1", "18", "123",
     "4 – 6", 4, 6, False),
    ("AВП PФ. Ф. 07. Oп. 23а. П. 18. Д. 235. Л. 32–33.", "07", "23а", "18", "235", "32–33", 32,
     33, False),  # Latin A, P, O inside Cyrillic words
    ("АВП РФ. Ф. 07. Оп. 23а. Пaпкa 18. Д. 235. Л. 32–33.", "07", "23а", "18", "235", "32–33",
     32, 33, False),  # Latin a inside "Папка"
    ("АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123. Л. 4–6 об.", "059", "1", "18", "123", "4–6 об.", 4,
     6, True),
    ("AVP RF. F. 059. Op. 1. P. 18. D. 123. L. 4-6 ob.", "059", "1", "18", "123", "4-6 ob.", 4,
     6, True),
    ("АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123. Л. 4, 7–9 об.", "059", "1", "18", "123",
     "4, 7–9 об.", 4, 9, True),
    ("АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123. Лл. 4–6.", "059", "1", "18", "123", "4–6", 4, 6,
     False),
    ("АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123.", "059", "1", "18", "123", None, None, None, False),
    ("АВП РФ. Ф. 06. Оп. 1а. П. 302б. Д. 12а. Л. 1.", "06", "1а", "302б", "12а", "1", 1, 1, False),
    ("АВП СССР. Ф. 06. Оп. 10. П. 1. Д. 3. Л. 1.", "06", "10", "1", "3", "1", 1, 1, False),
    ("AVP SSSR. F. 06. Op. 10. P. 1. D. 3. L. 1.", "06", "10", "1", "3", "1", 1, 1, False),
    ("AVP USSR. F. 06. Op. 10. Folder 1. D. 3. L. 1.", "06", "10", "1", "3", "1", 1, 1, False),
    ("АВП. Ф. 059. Оп. 1. П. 18. Д. 123. Л. 4–6.", "059", "1", "18", "123", "4–6", 4, 6, False),
]


@pytest.mark.parametrize(
    ("printed", "fond", "opis", "papka", "delo", "folios", "first", "last", "verso"), PAPKA_CASES
)
def test_foreign_policy_archive_folder(printed: str, fond: str, opis: str, papka: str, delo: str,
                                       folios: str | None, first: int | None, last: int | None,
                                       verso: bool) -> None:
    ref = parse_reference(printed, "ru", line=7)
    assert ref is not None
    assert (ref.archive, ref.archive_latin) == ("АВП РФ", "AVP RF")
    assert (ref.fond, ref.opis, ref.papka, ref.delo) == (fond, opis, papka, delo)
    assert (ref.folios, ref.folio_start, ref.folio_end, ref.verso) == (folios, first, last, verso)
    assert ref.printed == {"ru": printed}
    assert (ref.line, ref.ibid) == (7, False)


@pytest.mark.parametrize(
    "printed",
    [
        "АВП РФ. Ф. 059. Оп. 1. П. 18.",  # a folder is read only with the delo it holds
        "AVP RF. F. 059. Op. 1. P. 65-67.",  # "P." here is more likely pages than a folder
        "АВП РФ. Ф. 059. Оп. 1. Д. 123. П. 18.",  # a folder after its delo
    ],
)
def test_folder_without_a_delo_after_it_is_not_read(printed: str) -> None:
    ref = parse_reference(printed, "ru")
    assert ref is not None
    assert (ref.archive, ref.fond, ref.papka, ref.delo) == ("АВП РФ", None, None, None)
    assert ref.printed == {"ru": printed}


def _previous() -> ArchivalReference:
    ref = parse_reference("РГАСПИ. Ф. 558. Оп. 11. Д. 334. Л. 1–5.", "ru")
    assert ref is not None
    return ref


@pytest.mark.parametrize(
    ("printed", "fond", "opis", "delo", "folios", "first", "last"),
    [
        ("Там же. Л. 70.", "558", "11", "334", "70", 70, 70),
        ("Там же. Л. 70–71 об.", "558", "11", "334", "70–71 об.", 70, 71),
        ("Там же. Д. 335. Л. 2.", "558", "11", "335", "2", 2, 2),
        ("Там же, л. 9", "558", "11", "334", "9", 9, 9),
        ("Ibid. L. 70.", "558", "11", "334", "70", 70, 70),
        ("Ibid., l. 70-71.", "558", "11", "334", "70-71", 70, 71),
    ],
)
def test_ibid(printed: str, fond: str, opis: str, delo: str, folios: str, first: int,
              last: int) -> None:
    ref = parse_reference(printed, "ru", _previous())
    assert ref is not None and ref.ibid
    assert (ref.archive, ref.fond, ref.opis, ref.delo) == ("РГАСПИ", fond, opis, delo)
    assert (ref.folios, ref.folio_start, ref.folio_end) == (folios, first, last)
    assert ref.printed == {"ru": printed}


def _previous_with_folder() -> ArchivalReference:
    ref = parse_reference("АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123. Л. 4–6.", "ru")
    assert ref is not None
    return ref


@pytest.mark.parametrize(
    ("printed", "fond", "opis", "papka", "delo", "folios"),
    [
        ("Там же. Л. 7.", "059", "1", "18", "123", "7"),
        ("Там же. Д. 124. Л. 1.", "059", "1", "18", "124", "1"),
        ("Там же. П. 19. Д. 5. Л. 2 об.", "059", "1", "19", "5", "2 об."),
        ("Там же, п. 19, д. 5, л. 2", "059", "1", "19", "5", "2"),
        ("Там же. Оп. 2. Д. 5. Л. 1.", "059", "2", None, "5", "1"),  # the folder was opis 1's
        ("Там же. Оп. 2. П. 3. Д. 5. Л. 1.", "059", "2", "3", "5", "1"),
        ("Ibid. P. 19. D. 5. L. 2.", "059", "1", "19", "5", "2"),
    ],
)
def test_ibid_with_a_folder(printed: str, fond: str, opis: str, papka: str | None, delo: str,
                            folios: str) -> None:
    ref = parse_reference(printed, "ru", _previous_with_folder())
    assert ref is not None and ref.ibid
    assert (ref.archive, ref.fond, ref.opis, ref.papka, ref.delo, ref.folios) == (
        "АВП РФ", fond, opis, papka, delo, folios)
    assert ref.printed == {"ru": printed}


@pytest.mark.parametrize("printed", ["Ibid. P. 52.", "Там же. П. 19."])
def test_ibid_folder_without_a_delo_is_not_an_archival_reference(printed: str) -> None:
    # "Ibid. P. 52." continues a publication (its page), not the archival reference before it.
    assert parse_reference(printed, "en", _previous_with_folder()) is None


def test_ibid_without_a_previous_reference_is_not_read() -> None:
    assert parse_reference("Там же. Л. 70.", "ru") is None


def test_known_archive_with_unreadable_fields_keeps_the_print() -> None:
    ref = parse_reference("АП РФ. Особая папка.", "ru")
    assert ref is not None
    assert (ref.archive, ref.fond, ref.folios) == ("АП РФ", None, None)
    assert ref.printed == {"ru": "АП РФ. Особая папка."}


@pytest.mark.parametrize("text", ["Фын Си", "Вестник. 1996. № 1. С. 132–133.",
                                  "Прошу Вас, товарищ Штыков.", "8 октября 1950 г."])
def test_not_references(text: str) -> None:
    assert parse_reference(text, "ru") is None


def test_two_languages_merge_into_one_reference() -> None:
    ru = [parse_reference("ГАРФ. Ф. Р-9401. Оп. 2. Д. 65. Л. 1–3.", "ru"),
          parse_reference("РГАСПИ. Ф. 558. Оп. 11. Д. 334. Л. 5.", "ru")]
    en = [parse_reference("RGASPI. F. 558. Op. 11. D. 334. L. 5.", "en"),  # other order
          parse_reference("GARF. F. R-9401. Op. 2. D. 65. L. 1-3.", "en")]
    merged = merge_references({"en": en, "ru": ru})  # type: ignore[dict-item]
    assert [(r.archive, r.fond, sorted(r.printed)) for r in merged] == [
        ("ГАРФ", "Р-9401", ["en", "ru"]), ("РГАСПИ", "558", ["en", "ru"])]
    assert merged[0].folios == "1–3"  # the Russian print supplies the fields


@pytest.mark.parametrize(
    ("ru", "en", "merged"),
    [
        ("АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123. Л. 4–6.",
         "AVP RF. F. 059. Op. 1. P. 18. D. 123. L. 4-6.", 1),
        ("АВП СССР. Ф. 059. Оп. 1. Папка 18. Д. 123. Л. 4–6.",
         "AVP USSR. F. 059. Op. 1. Folder 18. D. 123. L. 4-6.", 1),
        ("АВП РФ. Ф. 07. Оп. 23а. П. 18. Д. 235. Л. 32.",
         "AVP RF. F. 07. Op. 23a. P. 18. D. 235. L. 32.", 1),  # 23а ~ 23a across scripts
        ("АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123. Л. 4–6.",
         "AVP RF. F. 059. Op. 1. P. 19. D. 123. L. 4-6.", 2),  # other folder: other reference
        ("АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123. Л. 4–6.",
         "AVP RF. F. 059. Op. 1. D. 123. L. 4-6.", 2),  # folder printed in one language only
    ],
)
def test_folder_decides_whether_two_prints_are_one_reference(ru: str, en: str,
                                                             merged: int) -> None:
    by_language = {"ru": [parse_reference(ru, "ru")], "en": [parse_reference(en, "en")]}
    refs = merge_references(by_language)  # type: ignore[arg-type]
    assert len(refs) == merged
    assert (refs[0].archive, refs[0].papka, refs[0].printed["ru"]) == (
        "АВП РФ", "18", ru)  # the Russian print supplies the fields


def test_known_archives_table() -> None:
    codes = {a.code for a in KNOWN_ARCHIVES}
    assert {"АП РФ", "РГАСПИ", "ЦАМО РФ", "ГАРФ", "РГВА", "АВП РФ", "РГАНИ", "РГАЭ"} <= codes
    assert all(a.code_latin and a.name_ru and a.name_en for a in KNOWN_ARCHIVES)
    ap = lookup_archive("AP RF")
    assert ap is not None and ap.name_en == "Archive of the President of the Russian Federation"
    # The Foreign Policy Archive under its Soviet name is the same archive.
    assert lookup_archive("АВП СССР") is lookup_archive("AVP USSR") is lookup_archive("АВП РФ")


def test_a_label_letter_inside_a_word_is_not_a_label() -> None:
    # "Фонд неизвестен" once read as fond "он", delo "неизвестен".
    ref = parse_reference("АП РФ. Фонд неизвестен.", "ru")
    assert ref is not None
    assert (ref.archive, ref.fond, ref.opis, ref.delo) == ("АП РФ", None, None, None)
    assert ref.printed == {"ru": "АП РФ. Фонд неизвестен."}
