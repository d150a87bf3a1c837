"""Variants FORMAT.md says the corpus holds, as small inline seed texts."""

from __future__ import annotations

import hashlib
from datetime import date

from archive_db.seedfile import parse_bytes, parse_text, render
from archive_db.seedfile.model import (
    Certainty,
    NameRole,
    OriginKind,
    ParsedDocument,
    Precision,
    SourceKind,
)

PATH = "seeds/tom4/012_0123456789abcdef.txt"

RU_ONLY = """← Back to index

Письмо В.И. Ленину

1920-07 ru:tom4

Том 4
Письмо В.И. Ленину
(до 18 июля 1920 года)
Товарищу Ленину
Секретно.
Дорогой Ильич!
Положение на фронте улучшилось, Врангель отходит к Перекопу.
Примечание. Письмо написано в Харькове.
РГАСПИ. Ф. 558. Оп. 1. Д. 1820. Л. 1–2 об.
Там же. Л. 5.
"""

EN_ONLY = """← Back to index

Speech at a meeting

1925 en:AI AI translated

Speech at a meeting
Source: Tom 7
[1925]

Comrades!

We must build socialism in one country, and Trotsky disagrees.

---
Pravda, 1925, November 7.
"""

TWO_LANGUAGES = """← Back to index

Article on the harvest

Статья об урожае

1930-09-15 ru:tom12;en:AI AI translated

Article on the harvest
Source: Tom 12

The harvest is good.

---
Kommunist, 1990, No. 11, pp. 96-97.
Ledovsky A.M. The USSR and Stalin in the Destinies of China. P. 51.
RGASPI. F. 558. Op. 11. D. 334. L. 1-5.
GARF. F. R-9401. Op. 2. D. 65. L. 3.

Том 12
Статья об урожае
(не позднее 15 сентября 1930 года)
Урожай хороший.
Коммунист. 1990. № 11. С. 96–97.
Ледовский А.М. СССР и Сталин в судьбах Китая. С. 51.
РГАСПИ. Ф. 558. Оп. 11. Д. 334. Л. 1–5.
ГАРФ. Ф. Р-9401. Оп. 2. Д. 65. Л. 3.
"""


def parse(text: str, path: str = PATH) -> ParsedDocument:
    return parse_text(text, path)


def codes(doc: ParsedDocument) -> list[str]:
    return [w.code for w in doc.warnings]


def test_russian_only_with_bound_date_note_and_ibid() -> None:
    doc = parse(RU_ONLY)
    assert [v.language for v in doc.versions] == ["ru"]
    (ru,) = doc.versions
    assert (doc.key, doc.position, doc.volume) == ("0123456789abcdef", 12, "tom4")
    assert (doc.title, doc.index_title) == ("Письмо В.И. Ленину", None)
    assert doc.kind == "letter"
    assert doc.classification == "secret"
    assert ru.origin.kind is OriginKind.VOLUME and ru.origin.volume == "4"
    assert ru.printed_date == "(до 18 июля 1920 года)"
    assert ru.addressee_block == ["Товарищу Ленину"]
    assert ru.salutation == "Дорогой Ильич!"
    assert ru.notes == ["Примечание. Письмо написано в Харькове."]
    assert ru.body.startswith("Товарищу Ленину\n") and ru.body.endswith("к Перекопу.")
    d = doc.date
    assert (d.text, d.start, d.end, d.edtf, d.certainty) == (
        "(до 18 июля 1920 года)", None, date(1920, 7, 18), "../1920-07-18", Certainty.BOUND)
    assert d.header == "1920-07"
    first, ibid = doc.archival_references
    assert (first.fond, first.delo, first.folios, first.verso) == ("558", "1820", "1–2 об.", True)
    assert (ibid.ibid, ibid.fond, ibid.delo, ibid.folios) == (True, "558", "1820", "5")
    assert [c.role for c in doc.citations] == ["text_source"]
    names = {(n.text, n.role) for n in doc.names}
    assert ("Ленину", NameRole.ADDRESSEE) in names
    assert ("Врангель", NameRole.MENTIONED) in names
    assert codes(doc) == []


def test_english_only_with_inferred_date_and_newspaper() -> None:
    doc = parse(EN_ONLY, "seeds/tom7/003_00000000000000aa.txt")
    (en,) = doc.versions
    assert en.language == "en"
    assert en.origin.kind is OriginKind.MACHINE_TRANSLATION and en.origin.translated_from is None
    assert en.printed_date == "[1925]"
    assert en.salutation == "Comrades!"
    assert en.addressee_block == []
    assert en.body == "Comrades!\n\nWe must build socialism in one country, and Trotsky disagrees."
    assert doc.kind == "speech"
    assert (doc.date.edtf, doc.date.certainty, doc.date.precision) == (
        "1925?", Certainty.INFERRED, Precision.YEAR)
    pravda, volume = doc.citations
    assert (pravda.source_kind, pravda.source, pravda.issue_date) == (
        SourceKind.NEWSPAPER, "Правда", date(1925, 11, 7))
    assert pravda.role == "first_publication"
    assert (volume.role, volume.volume) == ("text_source", "7")
    assert volume.printed == {"en": "Source: Tom 7"}
    assert ("Trotsky", NameRole.MENTIONED) in {(n.text, n.role) for n in doc.names}


def test_several_references_and_citations_merge_across_languages() -> None:
    doc = parse(TWO_LANGUAGES, "seeds/tom12/001_00000000000000bb.txt")
    assert doc.kind == "article"
    assert [(r.archive, r.fond, sorted(r.printed)) for r in doc.archival_references] == [
        ("РГАСПИ", "558", ["en", "ru"]), ("ГАРФ", "Р-9401", ["en", "ru"])]
    kommunist, book, volume = doc.citations
    assert (kommunist.source, kommunist.issue, kommunist.pages, kommunist.role) == (
        "Коммунист", "11", "96–97", "first_publication")
    assert (book.source_kind, book.authors, book.source, book.source_latin, book.page_start) == (
        SourceKind.BOOK, "Ледовский А.М.", "СССР и Сталин в судьбах Китая",
        "The USSR and Stalin in the Destinies of China", 51)
    assert book.role == "publication"
    assert volume.role == "text_source"
    assert doc.date.edtf == "../1930-09-15"
    assert doc.versions[1].body == "Урожай хороший."
    assert codes(doc) == []


def test_no_date_anywhere_is_unknown_with_a_warning() -> None:
    text = "Note on grain\n\nru:tom9\n\nТом 9\nЗаписка о хлебе\nХлеба мало.\n"
    doc = parse(text)
    assert doc.date.precision is Precision.UNKNOWN and doc.date.certainty is Certainty.UNKNOWN
    assert doc.date.start is doc.date.end is doc.date.edtf is None
    assert ("date-unknown", 3) in {(w.code, w.line) for w in doc.warnings}
    assert doc.kind == "note"


def test_header_and_printed_date_disagree() -> None:
    text = "T\n\n1950-10-09 ru:tom18\n\nТом 18\nТелеграмма\n8 октября 1950 г.\nТекст.\n"
    doc = parse(text)
    assert (doc.date.header, doc.date.edtf) == ("1950-10-09", "1950-10-08")
    (w,) = [w for w in doc.warnings if w.code == "date-mismatch"]
    assert w.line == 3


def test_month_and_year_headers_without_printed_date() -> None:
    for header, precision, edtf in (("1950-10", Precision.MONTH, "1950-10"),
                                    ("1950", Precision.YEAR, "1950")):
        doc = parse(f"T\n\n{header} ru:tom18\n\nТом 18\nСтатья\nТекст.\n")
        assert (doc.date.precision, doc.date.edtf, doc.date.text) == (precision, edtf, None)
        assert "date-unknown" not in codes(doc)


def test_roman_month_closing_date_uses_the_header_year() -> None:
    text = "T\n\n1927 ru:tom9\n\nТом 9\nПисьмо\nТекст письма.\n25/VIII\nИ. Сталин\n"
    doc = parse(text)
    (ru,) = doc.versions
    assert (ru.closing_date, ru.signatures) == ("25/VIII", ["И. Сталин"])
    assert doc.date.edtf == "1927-08-25"


def test_date_after_the_signature() -> None:
    text = "T\n\n1927-07-11 ru:tom9\n\nТом 9\nПисьмо\nТекст письма.\nИ. Сталин\n11/VII-27.\n"
    (ru,) = parse(text).versions
    assert (ru.signatures, ru.closing_date) == (["И. Сталин"], "11/VII-27.")


def test_several_signatories() -> None:
    text = "T\n\nru:tom9\n\nТом 9\nПостановление\nТекст.\n1 мая 1930 г.\nИ. Сталин\nВ. Молотов\n"
    doc = parse(text)
    signatories = [n.text for n in doc.names if n.role is NameRole.SIGNATORY]
    assert signatories == ["И. Сталин", "В. Молотов"]
    assert doc.kind == "decree"


def test_crlf_and_bom() -> None:
    lf = RU_ONLY
    data = ("\ufeff" + lf.replace("\n", "\r\n")).encode("utf-8")
    doc = parse_bytes(data, PATH)
    plain = parse(lf)
    assert (doc.crlf, doc.bom, doc.trailing_newline) == (True, True, True)
    assert doc.versions[0].body == plain.versions[0].body
    assert "\r" not in doc.versions[0].body
    assert doc.versions[0].sha256 == hashlib.sha256(plain.versions[0].body.encode()).hexdigest()
    assert doc.versions[0].body_line == plain.versions[0].body_line


def test_trailing_spaces_and_typos_stay_in_the_body() -> None:
    text = "T\n\nru:tom18\n\nТом 18\nПисьмо\nОн неможет прийти.   \nMaо Цзэдун согласен.\n"
    (ru,) = parse(text).versions
    assert ru.body == "Он неможет прийти.   \nMaо Цзэдун согласен."


def test_no_references_no_addressee() -> None:
    text = "T\n\n1950 en:AI\n\nT\n\nWe won.\n\n---\n"
    doc = parse(text)
    assert doc.archival_references == []
    assert [(c.role, c.volume) for c in doc.citations] == [("text_source", "4")]
    assert doc.versions[0].addressee_block == []
    assert doc.versions[0].body == "We won."


def test_english_without_source_line_or_dash() -> None:
    text = "T\n\n1950 en:AI\n\nT\n\nWe won.\n\nPravda, 1949, September 9.\n"
    doc = parse(text)
    assert doc.versions[0].source_line is None
    assert doc.versions[0].body == "We won."
    assert [c.source for c in doc.citations] == ["Правда", "Сочинения"]


def test_unparseable_trailing_lines_are_kept_with_warnings() -> None:
    text = ("T\n\nru:tom18;en:AI\n\nT\n\nText.\n\n---\nSome odd source, no locator\n"
            "AP RF. Special folder.\n\nТом 18\nПисьмо\nТекст.\nАП РФ. Особая папка.\n")
    doc = parse(text)
    # An apparatus line that is neither a publication nor a reference is a note.
    assert not [c for c in doc.citations if c.source_kind is SourceKind.OTHER]
    assert doc.versions[0].notes == ["Some odd source, no locator"]
    (ref,) = doc.archival_references
    assert (ref.archive, ref.fond) == ("АП РФ", None)
    assert ref.printed == {"ru": "АП РФ. Особая папка.", "en": "AP RF. Special folder."}
    lines = {(w.code, w.line) for w in doc.warnings}
    assert {("reference-unparsed", 11), ("reference-unparsed", 16)} <= lines


def test_printed_collected_works_page_goes_to_the_text_source() -> None:
    text = ("T\n\nru:tom18\n\nТом 18\nРечь\nТекст.\n"
            "Сталин И.В. Сочинения. – Т. 18. – Тверь: Информационно-издательский центр «Союз», "
            "2006. С. 471.\n")
    doc = parse(text, "seeds/tom18/009_00000000000000cc.txt")
    printed, source = doc.citations
    assert (printed.source_kind, printed.volume, printed.place, printed.year, printed.pages) == (
        SourceKind.COLLECTED_WORKS, "18", "Тверь", 2006, "471")
    assert printed.publisher == "Информационно-издательский центр «Союз»"
    assert printed.role == "first_publication"
    assert (source.role, source.pages, source.page_start) == ("text_source", "471", 471)


def test_odd_file_name_and_missing_metadata() -> None:
    doc = parse("Том 3\nСтатья\nТекст статьи.\n", "somewhere/odd name.txt")
    assert (doc.key, doc.position, doc.volume) == ("odd name", None, "tom3")
    assert {("file-name", None), ("metadata-missing", 1), ("provenance-missing", 2)} <= {
        (w.code, w.line) for w in doc.warnings}
    assert doc.title == "Статья"


def test_editorial_insertions_and_stage_directions_stay_verbatim() -> None:
    body = "Англия (У. Черчилль. – Ред.) против.\n(Аплодисменты.)\n1) Первое;\n2) второе."
    doc = parse(f"T\n\nru:tom14\n\nТом 14\nВыступление\n{body}\n")
    assert doc.versions[0].body == body
    assert doc.kind == "speech"


def test_classification_levels_and_warning_on_disagreement() -> None:
    text = ("T\n\nru:tom18;en:AI\n\nT\n\nSecret.\n\nComrade!\n\nText.\n\n---\n\n"
            "Том 18\nТелеграмма\nСовершенно секретно.\nТоварищ!\nТекст.\n")
    doc = parse(text)
    assert doc.classification == "top_secret"  # the Russian original wins
    assert ("classification-mismatch", 17) in {(w.code, w.line) for w in doc.warnings}


def test_mixed_line_ends_warn_at_the_first_bare_lf() -> None:
    doc = parse("T\r\n\r\nru:tom4\r\n\r\nТом 4\nПисьмо\r\nТекст.\r\n")
    assert doc.crlf and doc.versions[0].body == "Текст."
    assert ("mixed-line-ends", 5) in {(w.code, w.line) for w in doc.warnings}


def test_volume_folder_and_metadata_disagree() -> None:
    doc = parse("T\n\nru:tom5\n\nТом 5\nПисьмо\nТекст.\n")  # PATH is under tom4
    assert doc.volume == "tom4"
    assert ("volume-mismatch", 3) in {(w.code, w.line) for w in doc.warnings}


def test_editor_notes_in_english_and_text_that_merely_starts_with_note() -> None:
    text = ("T\n\n1950 en:AI\n\nT\n\nNote that the USA is not ready.\n\nJ. Stalin\n\n"
            "Note. First published in 1996.\n\nNote: A second note\nspanning two lines.\n\n---\n")
    (en,) = parse(text).versions
    assert en.notes == ["Note. First published in 1996.",
                        "Note: A second note\nspanning two lines."]
    assert en.signatures == ["J. Stalin"]
    assert en.body.startswith("Note that the USA")


def test_a_long_last_sentence_without_commas_parses() -> None:
    # The journal pattern once backtracked exponentially on such a line (a hang at
    # ~30 words); the last lines of a Russian text are all tried as citations.
    from tests.conftest import SPECIMEN

    text = SPECIMEN.read_text(encoding="utf-8")
    sentence = " ".join(["слово"] * 300) + "."
    doc = parse_text(text + "\n" + sentence, str(SPECIMEN))
    assert doc.version("ru") is not None


def test_mentions_can_be_left_to_the_importer() -> None:
    from tests.conftest import SPECIMEN

    full = parse_bytes(SPECIMEN.read_bytes(), str(SPECIMEN))
    lean = parse_bytes(SPECIMEN.read_bytes(), str(SPECIMEN), mentions=False)
    assert any(n.role == "mentioned" for n in full.names)
    assert [n for n in full.names if n.role != "mentioned"] == lean.names
    assert [v.body for v in lean.versions] == [v.body for v in full.versions]


FOREIGN_POLICY_ARCHIVE = """← Back to index

Telegram to V.M. Molotov

Телеграмма В.М. Молотову

1945-09-20 ru:tom15;en:AI AI translated

Telegram to V.M. Molotov
Source: Tom 15

To Molotov.

Do not yield.

---
AVP RF. F. 059. Op. 1. P. 18. D. 123. L. 4-6.
Ibid. P. 19. D. 5. L. 2 ob.
AVP RF. F. 07. Op. 23a. P. 18. D. 235. L. 32-33.

Том 15
Телеграмма В.М. Молотову
Молотову.
Не уступайте.
АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123. Л. 4–6.
Там же. П. 19. Д. 5. Л. 2 об.
AВП PФ. Ф. 07. Oп. 23а. Папка 18. Д. 235. Л. 32-33."""


def test_foreign_policy_archive_folders_merge_and_render_byte_for_byte() -> None:
    doc = parse(FOREIGN_POLICY_ARCHIVE, "seeds/tom15/004_00000000000000dd.txt")
    assert [(r.archive, r.fond, r.opis, r.papka, r.delo, r.folios, r.verso, r.ibid,
             sorted(r.printed)) for r in doc.archival_references] == [
        ("АВП РФ", "059", "1", "18", "123", "4–6", False, False, ["en", "ru"]),
        ("АВП РФ", "059", "1", "19", "5", "2 об.", True, True, ["en", "ru"]),
        ("АВП РФ", "07", "23а", "18", "235", "32-33", False, False, ["en", "ru"]),
    ]
    assert codes(doc) == []
    assert render(doc) == FOREIGN_POLICY_ARCHIVE  # no final newline, as printed


def test_specimen_with_a_foreign_policy_archive_reference_renders_byte_for_byte() -> None:
    from tests.conftest import SPECIMEN

    data = SPECIMEN.read_bytes()
    data = data.replace(b"AP RF. F. 45. Op. 1. D. 347. L. 65-67.",
                        b"AVP RF. F. 059. Op. 1. P. 18. D. 123. L. 4-6 ob.")
    data = data.replace("АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67.".encode(),
                        "АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123. Л. 4–6 об.".encode())
    doc = parse_bytes(data, str(SPECIMEN))
    (ref,) = doc.archival_references
    assert (ref.archive, ref.fond, ref.opis, ref.papka, ref.delo) == (
        "АВП РФ", "059", "1", "18", "123")
    assert (ref.folios, ref.folio_start, ref.folio_end, ref.verso) == ("4–6 об.", 4, 6, True)
    assert sorted(ref.printed) == ["en", "ru"]
    assert render(doc).encode("utf-8") == data
