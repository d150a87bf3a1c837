"""The real exporter's batches (EXPORT.md), on invented texts in their layouts.

The files under ``batches/`` are whole seed files: ``tom17/201`` is the bare rendering
(no navigation, blank or metadata line; comma-style references, the date in the
title), ``tom15/202`` a wartime order whose metadata names only ``ru:marxists.org``,
``works/301`` a trilingual Works page (Spanish title line, Russian block right after
the English one, hard-wrapped, Spanish last) and ``works/302`` a Works page with no
Russian index title and a hard-wrapped Russian letter with an addressee line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from archive_db.seedfile import parse_file, parse_text, render
from archive_db.seedfile.dates import find_date, parse_date
from archive_db.seedfile.errors import NoTitleError
from archive_db.seedfile.model import Certainty, OriginKind, ParsedDocument, Precision
from archive_db.seedfile.references import parse_reference
from archive_db.seedfile.wrapping import is_hard_wrapped, paragraph_units

BATCHES = Path(__file__).parent / "batches"


def batch(name: str) -> ParsedDocument:
    return parse_file(BATCHES / name)


def codes(doc: ParsedDocument) -> set[str]:
    return {w.code for w in doc.warnings}


def lines_of(path: str, first: int, last: int) -> str:
    """Lines ``first``..``last`` (1-based, inclusive) of a batch file, as stored."""
    return "\n".join((BATCHES / path).read_text(encoding="utf-8").split("\n")[first - 1 : last])


# -- 1. the bare rendering -------------------------------------------------------------


def test_bare_rendering_finds_titles_blocks_and_infers_provenance() -> None:
    doc = batch("tom17/201_a17b000000000001.txt")
    assert doc.title == "Letter to A.P. Serebrov, August 25, 1931"
    assert doc.index_title == "Письмо А.П. Сереброву 25 августа 1931 года"
    en, ru = doc.versions
    assert (en.language, en.title, en.source_line) == (
        "en", "Letter to A.P. Serebrov, August 25, 1931", "Source: Tom 17")
    assert en.body == lines_of("tom17/201_a17b000000000001.txt", 5, 9)
    assert ru.body == lines_of("tom17/201_a17b000000000001.txt", 13, 17)
    # Provenance inferred from the volume lines, each with a warning; nothing else is wrong.
    assert (ru.origin.kind, ru.origin.volume) == (OriginKind.VOLUME, "17")
    assert (en.origin.kind, en.origin.translated_from) == (OriginKind.OTHER, "ru")
    assert codes(doc) == {"metadata-missing", "provenance-missing"}
    assert [w.line for w in doc.warnings if w.code == "provenance-missing"] == [3, 12]
    assert doc.volume == "tom17"
    assert (doc.date.start, doc.date.precision) == (date(1931, 8, 25), Precision.DAY)
    assert (en.salutation, en.signatures) == ("Comrade Serebrov!", ["J. Stalin"])


def test_bare_file_starting_at_its_source_line_or_straight_at_the_body() -> None:
    at_source = parse_text("Note to Comrade Lobov, May 3, 1931\nЗаписка т. Лобову\nSource: Tom 17\n"
                           "The plan is late, and the barrels are not there.\nJ. Stalin\n",
                           "seeds/tom17/003_0000000000000003.txt")
    (en,) = at_source.versions
    assert (en.title, en.source_line, en.body) == (
        "Note to Comrade Lobov, May 3, 1931", "Source: Tom 17",
        "The plan is late, and the barrels are not there.\nJ. Stalin")
    assert (at_source.index_title, at_source.volume) == ("Записка т. Лобову", "tom17")
    assert {w.code for w in at_source.warnings} == {"metadata-missing", "provenance-missing"}
    # Nothing but a source line and a body: no title at all, rejected as FORMAT.md says.
    with pytest.raises(NoTitleError):
        parse_text("Source: Tom 17\nThe plan is late.\n", "seeds/tom17/015_000000000000000f.txt")
    with_titles = parse_text(
        "Note to Comrade Lobov, May 3, 1931\nЗаписка т. Лобову 3 мая 1931 года\n"
        "The plan is late, and the barrels are not there.\nJ. Stalin\n"
        "Том 17\nЗаписка т. Лобову 3 мая 1931 года\nПлан отстает, а бочек нет.\nИ. Сталин\n",
        "seeds/tom17/004_0000000000000004.txt")
    en, ru = with_titles.versions
    assert en.title == "Note to Comrade Lobov, May 3, 1931"
    assert en.body == "The plan is late, and the barrels are not there.\nJ. Stalin"
    assert ru.body == "План отстает, а бочек нет.\nИ. Сталин"
    assert with_titles.index_title == "Записка т. Лобову 3 мая 1931 года"


def test_an_english_block_straight_at_its_body_is_told() -> None:
    doc = parse_text("Note on the barrels\n\n1931-05 en:AI AI translated\n\n"
                     "The plan is late, and the barrels are not there.\n\nJ. Stalin\n",
                     "seeds/tom17/005_0000000000000005.txt")
    (en,) = doc.versions
    assert en.title == "Note on the barrels"
    assert en.body.startswith("The plan is late")
    assert "heading-missing" in codes(doc)


# -- 2. metadata forms ----------------------------------------------------------------


def test_ru_marxists_org_alone_gives_the_english_a_translation_of_unknown_origin() -> None:
    doc = batch("tom15/202_a15b000000000002.txt")
    en, ru = doc.versions
    assert (ru.origin.token, ru.origin.kind, ru.origin.translated_from) == (
        "marxists.org", OriginKind.OTHER, None)
    assert (en.origin.token, en.origin.kind, en.origin.translated_from) == (
        "", OriginKind.OTHER, "ru")
    assert codes(doc) == {"provenance-missing"}
    assert doc.badge is None
    assert (doc.date.start, doc.kind) == (date(1943, 2, 23), "order")
    assert ru.title == "Приказ Верховного Главнокомандующего № 95 23 февраля 1943 года"
    assert ru.signatures == ["Верховный Главнокомандующий", "И. СТАЛИН"]


def test_month_only_metadata_date() -> None:
    doc = parse_text("Letter on the harvest\n\n1930-09 ru:tom12;en:AI AI translated\n\n"
                     "Letter on the harvest\nSource: Tom 12\n\nThe harvest is good.\n\n"
                     "Том 12\nПисьмо об урожае\nУрожай хороший.\n",
                     "seeds/tom12/006_0000000000000006.txt")
    assert (doc.date.edtf, doc.date.precision) == ("1930-09", Precision.MONTH)
    assert codes(doc) == set()


@pytest.mark.parametrize(("token", "kind"), [
    ("tom12", OriginKind.VOLUME), ("AI", OriginKind.MACHINE_TRANSLATION),
    ("SCW", OriginKind.HUMAN_TRANSLATION), ("marxists.org", OriginKind.OTHER),
])
def test_english_provenance_tokens(token: str, kind: OriginKind) -> None:
    doc = parse_text(f"Letter\n\n1930 ru:marxists.org;en:{token}\n\nLetter\n\nText.\n\n"
                     "Письмо\nТекст.\n", "seeds/tom12/007_0000000000000007.txt")
    en = doc.version("en")
    assert en is not None and en.origin.kind is kind
    translation = kind in (OriginKind.MACHINE_TRANSLATION, OriginKind.HUMAN_TRANSLATION)
    assert en.origin.translated_from == ("ru" if translation else None)


def test_year_only_metadata_neither_overrides_nor_completes_a_printed_date() -> None:
    # 1931 is the volume's year; the title says 1932, so "August 25" is of 1932.
    doc = parse_text("Letter to Lobov, August 25, 1932\n\n1931 en:SCW\n\n"
                     "Letter to Lobov, August 25, 1932\nAugust 25\n\nText.\n",
                     "seeds/tom13/008_0000000000000008.txt")
    assert doc.versions[0].printed_date == "August 25"
    assert (doc.date.start, doc.date.header) == (date(1932, 8, 25), "1931")
    (warning,) = [w for w in doc.warnings if w.code == "date-mismatch"]
    assert "volume" in warning.message


# -- 3. three languages and one-language files ------------------------------------------


def test_trilingual_works_page() -> None:
    name = "works/301_e5c0000000000003.txt"
    doc = batch(name)
    assert [v.language for v in doc.versions] == ["en", "ru", "es"]
    en, ru, es = doc.versions
    assert doc.title == en.title == "To the Workers of the Kolomna Locomotive Works"
    assert doc.index_title == ru.title == "Рабочим Коломенского паровозостроительного завода"
    assert es.title == "A los obreros de la fábrica de locomotoras de Kolomna"
    assert [(v.origin.token, v.origin.kind, v.origin.translated_from) for v in doc.versions] == [
        ("SCW", OriginKind.HUMAN_TRANSLATION, "ru"), ("marxists.org", OriginKind.OTHER, None),
        ("OCS", OriginKind.HUMAN_TRANSLATION, "ru")]
    # Every body verbatim: the hard-wrapped Russian keeps its line breaks.
    assert ru.body == lines_of(name, 27, 37)
    assert es.body == lines_of(name, 39, 40)
    assert en.body.startswith("Greetings to the workers") and "“Pravda”" not in en.body
    # The year-only metadata date is the volume's: the printed date stands.
    assert (doc.date.start, doc.date.text) == (date(1932, 10, 9), "9 октября 1932 г.")
    assert (ru.signatures, ru.closing_date) == (["И. Сталин"], "9 октября 1932 г.")
    assert "header-extra" not in codes(doc) and "version-missing" not in codes(doc)


def test_spanish_only_and_english_only_files() -> None:
    es_only = parse_text("Saludo a los obreros de Kolomna\n\n1932 es:OCS\n\n"
                         "Saludo a los obreros de Kolomna\n\nSaludo a los obreros de la fábrica "
                         "y les deseo nuevas victorias en el trabajo.\n",
                         "seeds/works/009_0000000000000009.txt")
    (es,) = es_only.versions
    assert (es.language, es.origin.kind) == ("es", OriginKind.HUMAN_TRANSLATION)
    assert "version-missing" not in codes(es_only)
    # No metadata at all: the language is read off the text.
    bare_es = parse_text("Saludo a los obreros de Kolomna\nSaludo a los obreros de la fábrica y "
                         "les deseo nuevas victorias en el trabajo.\n",
                         "seeds/works/010_000000000000000a.txt")
    assert [v.language for v in bare_es.versions] == ["es"]
    en_only = parse_text("Greetings to the Kolomna Works\n\n1932 en:SCW\n\n"
                         "Greetings to the Kolomna Works\n\nGreetings to the workers of the works "
                         "and to the whole of the staff.\n", "seeds/works/011_000000000000000b.txt")
    (en,) = en_only.versions
    assert (en.language, en.origin.kind, en.origin.translated_from) == (
        "en", OriginKind.HUMAN_TRANSLATION, None)
    assert en_only.index_title is None


def test_works_page_without_a_russian_index_title() -> None:
    doc = batch("works/302_e5c0000000000004.txt")
    assert doc.index_title is None
    en, ru = doc.versions
    assert ru.title == "Письмо товарищу Сереброву"
    assert en.body.endswith("May 12, 1930") and ru.body.startswith("Товарищу Сереброву")


# -- 4. dates in titles and printed date lines -------------------------------------------


@pytest.mark.parametrize(("title", "start", "end", "certainty"), [
    ("Letter to A.P. Serebrov, August 25, 1931", date(1931, 8, 25), date(1931, 8, 25),
     Certainty.EXACT),
    ("Telegram to Kaganovich, 17 July 1932", date(1932, 7, 17), date(1932, 7, 17),
     Certainty.EXACT),
    ("Letter to Molotov (before June 12, 1932)", None, date(1932, 6, 12), Certainty.BOUND),
    ("Telegram to Mao Zedong (after October 13, 1949)", date(1949, 10, 13), None,
     Certainty.BOUND),
    ("Letter to Molotov (late August - early September 1930)", date(1930, 8, 21),
     date(1930, 9, 10), Certainty.APPROXIMATE),
    ("Письмо Молотову (конец августа – начало сентября 1930 г.)", date(1930, 8, 21),
     date(1930, 9, 10), Certainty.APPROXIMATE),
    ("LETTER TO V. I. LENIN, August 4, 1918", date(1918, 8, 4), date(1918, 8, 4),
     Certainty.EXACT),
    ("Order of the Day No 95 February 23 1943", date(1943, 2, 23), date(1943, 2, 23),
     Certainty.EXACT),
])
def test_dates_in_english_titles(title: str, start: date | None, end: date | None,
                                 certainty: Certainty) -> None:
    found = find_date(title)
    assert found is not None
    assert (found.start, found.end, found.certainty) == (start, end, certainty)


def test_a_word_before_a_title_is_not_a_bound() -> None:
    found = find_date("Speech before the Congress, May 5, 1935")
    assert found is not None and found.certainty is Certainty.EXACT


@pytest.mark.parametrize(("printed", "day"), [
    ("September 1, 1929", date(1929, 9, 1)),
    ("August 25", date(1929, 8, 25)),
    ("8.XII", date(1929, 12, 8)),
    ("29/IX-31", date(1931, 9, 29)),
])
def test_printed_date_lines(printed: str, day: date) -> None:
    doc = parse_text(f"Letter\n\n1929 en:AI\n\nLetter\nSource: Tom 12\n{printed}\n\n"
                     "The plan is late.\n", "seeds/tom12/012_000000000000000c.txt")
    assert doc.versions[0].printed_date == printed
    assert doc.date.start == day


def test_a_doubled_printed_date_stays_in_the_body_and_warns_of_nothing() -> None:
    doc = parse_text("Letter\n\n1929-09-01 en:AI\n\nLetter\nSource: Tom 12\nSeptember 1, 1929\n"
                     "September 1, 1929.\n\nThe plan is late.\n\nJ. Stalin\n",
                     "seeds/tom12/013_000000000000000d.txt")
    (en,) = doc.versions
    assert en.printed_date == "September 1, 1929"
    assert en.body == "September 1, 1929.\n\nThe plan is late.\n\nJ. Stalin"
    assert en.signatures == ["J. Stalin"] and en.addressee_block == []
    assert codes(doc) == set()


def test_a_date_only_after_the_signature() -> None:
    doc = parse_text("Letter to Lobov\nSource: Tom 12\nThe plan is late.\nJ. Stalin\n29/IX-31\n",
                     "seeds/tom12/014_000000000000000e.txt")
    (en,) = doc.versions
    assert (en.signatures, en.closing_date) == (["J. Stalin"], "29/IX-31")
    assert doc.date.start == date(1931, 9, 29)


# -- 5. English archive references -------------------------------------------------------


@pytest.mark.parametrize(("printed", "fields"), [
    ("RGASPI. F. 81. Op. 3. D. 99. L. 4-6.", ("РГАСПИ", "81", "3", "99", 4, 6, False)),
    ("RGASPI, f. 558, op. 11, d. 77, l. 8.", ("РГАСПИ", "558", "11", "77", 8, 8, False)),
    ("AP RF F. 45, Op. 1, D. 1550, L. 30.", ("АП РФ", "45", "1", "1550", 30, 30, False)),
    ("RGASPI, f. 558, op. 11, d. 77, ll. 65, 63 ob.", ("РГАСПИ", "558", "11", "77", 63, 65, True)),
    ("RGASPI. F. 558. Op. 11. D. 712.", ("РГАСПИ", "558", "11", "712", None, None, False)),
])
def test_english_reference_forms(printed: str, fields: tuple[object, ...]) -> None:
    ref = parse_reference(printed, "en")
    assert ref is not None
    assert (ref.archive, ref.fond, ref.opis, ref.delo, ref.folio_start, ref.folio_end,
            ref.verso) == fields


def test_comma_style_and_dotted_prints_of_one_reference_merge() -> None:
    doc = batch("tom17/201_a17b000000000001.txt")
    (ref,) = doc.archival_references
    assert (ref.folio_start, ref.folio_end, ref.verso) == (63, 65, True)
    assert set(ref.printed) == {"en", "ru"}


# -- 6. hard-wrapped Russian ----------------------------------------------------------------


def test_hard_wrapped_russian_is_analysed_by_paragraphs() -> None:
    doc = batch("works/302_e5c0000000000004.txt")
    ru = doc.version("ru")
    assert ru is not None
    assert ru.body == lines_of("works/302_e5c0000000000004.txt", 20, 28)
    # Read line by line, the wrapped lines without a full stop joined the addressee block.
    assert ru.addressee_block == ["Товарищу Сереброву"]
    assert (ru.signatures, ru.closing_date) == (["И. Сталин"], "12 мая 1930 г.")


def test_wrap_detection_spares_one_paragraph_a_line() -> None:
    doc = batch("tom15/202_a15b000000000002.txt")
    for v in doc.versions:
        units = [(v.body_line + j, t) for j, t in enumerate(v.body.split("\n")) if t.strip()]
        assert not is_hard_wrapped(units)
    wrapped = [(1, "Прочел Вашу записку о пароходстве на Каме. Вы правы, что навигация начата"),
               (2, "поздно и что баржи стоят без дела у пристаней Перми и Сарапула, пока грузы"),
               (3, "лежат под открытым небом."),
               (4, "Считаю нужным немедленно передать пароходству двадцать буксиров из резерва"),
               (5, "наркомата и снять с работы тех, кто задержал ремонт."),
               (6, "И. Сталин")]
    assert is_hard_wrapped(wrapped)
    units, last = paragraph_units(wrapped)
    assert [line for line, _ in units] == [1, 4, 6]
    assert last == {1: 3, 4: 5, 6: 6}
    assert units[0][1].endswith("пока грузы лежат под открытым небом.")


def test_parse_date_of_a_part_of_a_month() -> None:
    parsed = parse_date("(late August - early September 1930)")
    assert parsed is not None
    assert (parsed.edtf, parsed.precision) == ("1930-08-21~/1930-09-10~", Precision.RANGE)


@pytest.mark.parametrize("name", sorted(p.relative_to(BATCHES).as_posix()
                                        for p in BATCHES.glob("*/*.txt")))
def test_batches_render_in_the_specimen_layout_and_parse_back(name: str) -> None:
    doc = batch(name)
    again = parse_text(render(doc), BATCHES / name)
    assert [(v.language, v.title, v.body, v.origin) for v in again.versions] == [
        (v.language, v.title, v.body, v.origin) for v in doc.versions]
    assert (again.halves_disagree, again.date, again.index_title) == (
        doc.halves_disagree, doc.date, doc.index_title)
    assert render(again) == render(doc)
