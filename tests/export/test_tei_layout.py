"""The TEI text of each kind of layout, built from hand-made records (no database):
what becomes opener, closer and postscript, and that the body always comes back."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from archive_db.export.authority import xml_id
from archive_db.export.layout import layout
from archive_db.export.records import DocumentRecord, Entity, Link, Version
from archive_db.export.tei import build, date_attributes, serialize
from archive_db.export.textmarkup import body_of
from tests.export.readback import NS

NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)


def version(body: str, **fields: object) -> Version:
    base = Version(
        id=1, language="ru", origin="tom05", origin_kind="volume", origin_volume="5",
        title="Письмо", body=body, sha256="0" * 64, revision=1, is_current=True,
        translation_of_id=None, source_line=None, printed_date=None, addressee_block=(),
        salutation=None, closing_date=None, signatures=(), postscript=None, notes=(),
        import_run_id=1, created_at=NOW,
    )  # fmt: skip
    return dataclasses.replace(base, **fields)


def record(*versions: Version, **fields: object) -> DocumentRecord:
    doc = DocumentRecord(
        id=1, key="k1", volume="tom05", position=1, kind="letter", title="A letter",
        index_title=None, date_text=None, date_start=None, date_end=None,
        date_precision="unknown", date_edtf=None, date_certainty="unknown",
        classification=None, classification_text=None, origin_place=None,
    )  # fmt: skip
    doc.versions = list(versions)
    return dataclasses.replace(doc, **fields)


def _div(doc: DocumentRecord, schema: etree.RelaxNG) -> etree._Element:
    data = serialize(build(doc))
    root = etree.fromstring(data)  # parsed again: what a reader of the file gets
    assert schema.validate(etree.ElementTree(root)), schema.error_log
    return root.xpath("t:text/t:body/t:div", namespaces=NS)[0]


def _shape(div: etree._Element) -> list[str]:
    return [etree.QName(e).localname for e in div]


def test_prose_without_opener_or_closer(tei_schema: etree.RelaxNG) -> None:
    body = "Первый абзац.\nВторой абзац.\n\nТретий после пустой строки."
    div = _div(record(version(body)), tei_schema)
    assert _shape(div) == ["p", "p", "p"]
    assert body_of(div) == body


def test_a_letter_with_every_part(tei_schema: etree.RelaxNG) -> None:
    body = (
        "Москва\n\nТов. Иванову\n\nСекретно.\n12 мая 1925 г.\nУважаемый товарищ!\n\n"
        "Текст письма.\n\nС приветом\n12 мая 1925 г.\nИ. Сталин\nП.С. Первая строка\nвторая строка"
    )
    v = version(
        body, addressee_block=("Москва", "Тов. Иванову"), printed_date="12 мая 1925 г.",
        salutation="Уважаемый товарищ!", closing_date="12 мая 1925 г.",
        signatures=("И. Сталин",), postscript="П.С. Первая строка\nвторая строка",
    )  # fmt: skip
    div = _div(record(v), tei_schema)
    assert _shape(div) == ["opener", "p", "p", "closer", "postscript"]
    opener = div[0]
    assert _shape(opener) == ["address", "seg", "dateline", "salute"]
    assert [a.text for a in opener[0]] == ["Москва", "Тов. Иванову"]
    # "С приветом" is a line the parser did not call a signature: a paragraph before it.
    assert div[2].text == "С приветом"
    assert _shape(div[3]) == ["dateline", "signed"]
    assert [p.text for p in div[4]] == ["П.С. Первая строка", "вторая строка"]
    assert body_of(div) == body


def test_several_signatures_and_a_postscript_not_at_the_end(tei_schema: etree.RelaxNG) -> None:
    body = "Текст.\nП.С. Приписка.\nИ. Сталин\nВ. Молотов"
    v = version(body, signatures=("И. Сталин", "В. Молотов"), postscript="П.С. Приписка.")
    div = _div(record(v), tei_schema)
    assert _shape(div) == ["p", "p", "closer"]
    assert [s.text for s in div[2]] == ["И. Сталин", "В. Молотов"]
    assert body_of(div) == body


@pytest.mark.parametrize(
    "body",
    [
        "",  # an empty text
        "\n\n",
        "Строка с неразрывным пробелом:\n\u00a0\nи дальше",  # a no-break space is not blank
        "Windows\r\nline ends\r\n",
        "A form feed\x0c and a bell\x07 in the middle",
        "  leading and trailing spaces  \n\t\n",
        "<tags> & ampersands ]]> stay text",
    ],
)
def test_any_body_comes_back_exactly(body: str, tei_schema: etree.RelaxNG) -> None:
    assert body_of(_div(record(version(body)), tei_schema)) == body


def test_an_opener_alone_is_still_valid(tei_schema: etree.RelaxNG) -> None:
    body = "Товарищу Кирову\nДорогой Сергей!"
    v = version(body, addressee_block=("Товарищу Кирову",), salutation="Дорогой Сергей!")
    div = _div(record(v), tei_schema)
    assert _shape(div) == ["opener"]
    assert body_of(div) == body


def test_roles_come_from_the_lines_only_where_they_stand() -> None:
    # A line equal to the salutation deep in the text is a paragraph, not an opener.
    v = version("Текст.\nДорогой Сергей!\nЕщё текст.", salutation="Дорогой Сергей!")
    assert [line.role for line in layout(v)] == ["p", "p", "p"]


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (("1950-10-08", "1950-10-08", "day", "exact", "1950-10-08"), {"when": "1950-10-08"}),
        (("1925-05-01", "1925-05-31", "month", "exact", "1925-05"), {"when": "1925-05"}),
        (("1921-01-01", "1921-12-31", "year", "inferred", "1921"),
         {"when": "1921", "cert": "medium"}),
        (("1917-03-01", "1917-04-15", "range", "exact", "1917-03-01/1917-04-15"),
         {"notBefore": "1917-03-01", "notAfter": "1917-04-15"}),
        ((None, "1920-07-18", "day", "bound", "../1920-07-18"), {"notAfter": "1920-07-18"}),
        ((None, "1920-07-18", "day", "exact", None), {"notAfter": "1920-07-18"}),  # one end
        (("1920-07-18", None, "day", "exact", None), {"notBefore": "1920-07-18"}),
        (("1930-01-01", "1930-01-01", "day", "approximate", "1930-01-01~"),
         {"when": "1930-01-01", "cert": "low"}),
        ((None, None, "unknown", "unknown", None), {}),
    ],
)  # fmt: skip
def test_date_attributes(columns: tuple, expected: dict[str, str]) -> None:
    start, end, precision, certainty, edtf = columns
    doc = record(
        date_start=start and dt.date.fromisoformat(start),
        date_end=end and dt.date.fromisoformat(end),
        date_precision=precision, date_certainty=certainty, date_edtf=edtf,
    )  # fmt: skip
    assert date_attributes(doc) == expected


def test_revision_history_lists_replaced_revisions(tei_schema: etree.RelaxNG) -> None:
    # Only the current revision's body is read for the export; a replaced one's is None.
    old = version("", id=1, revision=1, is_current=False, sha256="1" * 64)
    old = dataclasses.replace(old, body=None)
    new = version("New text.", id=2, revision=2, sha256="2" * 64,
                  created_at=NOW + dt.timedelta(days=1))  # fmt: skip
    root = etree.fromstring(serialize(build(record(old, new))))
    assert tei_schema.validate(etree.ElementTree(root)), tei_schema.error_log
    changes = root.xpath("//t:revisionDesc/t:change", namespaces=NS)
    assert [(c.get("n"), c.get("target")) for c in changes] == [
        ("1", None), ("2", "#text-ru-tom05")]  # fmt: skip
    assert "replaced: sha256 " + "1" * 64 in changes[0].text
    assert "current: sha256 " + "2" * 64 in changes[1].text
    assert [body_of(d) for d in root.xpath("//t:body/t:div", namespaces=NS)] == ["New text."]


def test_halves_that_disagree_are_said_so(tei_schema: etree.RelaxNG) -> None:
    ru = version("Текст.", id=1)
    en = version("Another text.", id=2, language="en", origin="AI",
                 origin_kind="machine_translation")  # fmt: skip
    root = etree.fromstring(serialize(build(record(ru, en, halves_disagree=("date", "addressee")))))
    assert tei_schema.validate(etree.ElementTree(root)), tei_schema.error_log
    (note,) = root.xpath("//t:notesStmt/t:note[@type='halves-disagree']", namespaces=NS)
    assert "(date, addressee)" in note.text
    assert not root.xpath("//t:div[@corresp]", namespaces=NS)


# Lines that stress the layout: parts that repeat, parts in the wrong place, whitespace
# XML treats apart, characters XML cannot hold, markup characters.
_LINES = [
    "Товарищу Кирову", "И. Сталин", "12 мая 1925 г.", "Дорогой Сергей!", "Секретно.",
    "П.С. Приписка.", "Текст письма.", "", " ", "\t", "\r", "\u00a0", "\u2028", "a\x0cb",
    "<&>]]>", "Ким Ир Сену", "😀 astral", "\x85 next line", "12 мая 1925 г. И. Сталин",
    "И. Сталин. 12 мая 1925 г.",
]  # fmt: skip


@st.composite
def letters(draw: st.DrawFn) -> Version:
    lines = draw(st.lists(st.sampled_from(_LINES), max_size=8))
    some = st.sampled_from(lines) if lines else st.just("x")
    return version(
        "\n".join(lines),
        addressee_block=tuple(draw(st.lists(some, max_size=2))),
        salutation=draw(st.none() | some),
        printed_date=draw(st.none() | some),
        closing_date=draw(st.none() | some | st.just("12 мая 1925 г.")),
        signatures=tuple(draw(st.lists(some, max_size=2))),
        postscript=draw(st.none() | some),
    )


@settings(max_examples=300, deadline=None)
@given(v=letters())
def test_every_layout_is_valid_and_comes_back(v: Version, tei_schema: etree.RelaxNG) -> None:
    assert body_of(_div(record(v), tei_schema)) == v.body


def test_ids_of_any_name_are_xml_names_and_distinct() -> None:
    names = ["AI/2", "AI_2", "tom18²", "file٣", "xª", "provisional-аллилуева", "38th-parallel",
             "a b", "中文", "x\u0301"]  # fmt: skip
    ids = [xml_id("text", n) for n in names]
    assert len(set(ids)) == len(ids)
    for i in ids:
        etree.fromstring(f'<a xml:id="{i}"/>')  # lxml refuses an id that is no NCName
    assert xml_id("place", "38th-parallel") == "place-38th-parallel"
    assert xml_id("person", "provisional-аллилуева") == "person-provisional-аллилуева"


def test_a_person_and_a_place_of_one_slug_both_send(tei_schema: etree.RelaxNG) -> None:
    kirov_p = Entity("person", "kirov", "Sergei Kirov", None, None, None, False)
    kirov_t = Entity("place", "kirov", "Kirov", None, None, None, False)
    doc = record(version("Текст."))
    doc.people = [Link(kirov_p, "author", "ru", "Киров", "layout", 1.0)]
    doc.places = [Link(kirov_t, "origin", "ru", "Киров", "layout", 1.0)]
    root = etree.fromstring(serialize(build(doc)))
    assert tei_schema.validate(etree.ElementTree(root)), tei_schema.error_log
    sent = root.xpath("//t:correspAction[@type='sent']/*", namespaces=NS)
    assert [(etree.QName(e).localname, e.get("key")) for e in sent][:2] == [
        ("persName", "kirov"), ("placeName", "kirov")]  # fmt: skip


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("8 октября 1950 г. Фын Си", [("dateline", "8 октября 1950 г."), ("signed", "Фын Си")]),
        ("  И. Сталин. 8 октября 1950 г. ", [("signed", "И. Сталин."),
                                              ("dateline", "8 октября 1950 г.")]),
    ],
)  # fmt: skip
def test_the_date_and_the_signature_on_one_line(
    line: str, expected: list[tuple[str, str]], tei_schema: etree.RelaxNG
) -> None:
    body = f"Текст.\n{line}"
    v = version(body, signatures=(line.strip(),), closing_date="8 октября 1950 г.")
    div = _div(record(v), tei_schema)
    assert _shape(div) == ["p", "closer"]
    assert [(etree.QName(e).localname, "".join(e.itertext())) for e in div[1]] == expected
    assert body_of(div) == body
