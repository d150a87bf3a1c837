"""The TEI P5 export: valid against tei_all, and saying what the database holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from sqlalchemy import Connection, Engine, text

from archive_db.cli import main
from archive_db.export import export_tei, iter_tei, tei_document
from archive_db.export.textmarkup import body_of
from tests.export.readback import NS, XML_ID, XML_LANG, assert_same_facts, tei_facts

KEY = "fb0b047ba36df19f"
WIKIDATA = "http://www.wikidata.org/entity/"


def _valid(schema: etree.RelaxNG, data: bytes) -> None:
    doc = etree.ElementTree(etree.fromstring(data))
    assert schema.validate(doc), "\n".join(f"{e.line}: {e.message}" for e in schema.error_log)


def _xp(el: etree._Element, path: str) -> list:
    return el.xpath(path, namespaces=NS)


@pytest.fixture
def spec_tei(specimen: Connection) -> etree._Element:
    return etree.fromstring(tei_document(specimen, KEY))


def test_the_specimen_is_valid_tei(specimen: Connection, tei_schema: etree.RelaxNG) -> None:
    _valid(tei_schema, tei_document(specimen, KEY))


def test_the_specimen_reads_back_as_the_database_holds_it(specimen: Connection) -> None:
    assert_same_facts(tei_document(specimen, KEY), specimen, KEY)
    assert len(tei_facts(tei_document(specimen, KEY))["marked"]) >= 15  # distinct names


def test_specimen_header_field_by_field(spec_tei: etree._Element) -> None:
    header = _xp(spec_tei, "t:teiHeader")[0]
    assert _xp(header, "string(.//t:titleStmt/t:title[@type='main'])") == "Telegram to T.F. Shtykov"
    index = _xp(header, ".//t:titleStmt/t:title[@type='index']")[0]
    assert (index.text, index.get(XML_LANG)) == (
        "Телеграмма Т.Ф. Штыкову 8 октября 1950 года",
        "ru",
    )
    (author,) = _xp(header, ".//t:titleStmt/t:author")
    assert (author.get("key"), author.get("ref")) == ("stalin", WIKIDATA + "Q855")
    assert _xp(header, "string(.//t:titleStmt/t:respStmt/t:resp)") == "machine translation"
    # The archival reference: АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67.
    (ms,) = _xp(header, ".//t:sourceDesc/t:msDesc")
    assert _xp(ms, "string(t:msIdentifier/t:repository/@key)") == "АП РФ"
    assert _xp(ms, "string(t:msIdentifier/t:repository)") == "Архив Президента Российской Федерации"
    idnos = {i.get("type"): i.text for i in _xp(ms, "t:msIdentifier/t:idno")}
    assert idnos == {"fond": "45", "opis": "1", "delo": "347"}
    (locus,) = _xp(ms, ".//t:locus")
    assert (locus.text, locus.get("from"), locus.get("to")) == ("65–67", "65", "67")
    assert _xp(ms, "string(.//t:note[@xml:lang='ru'])") == "АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67."
    # The publications: Vestnik 1996 № 1 pp. 132–133 first, the volume the text is from.
    first, volume = _xp(header, ".//t:sourceDesc/t:listBibl/t:bibl")
    assert first.get("type") == "first_publication"
    (pages,) = _xp(first, "t:biblScope[@unit='page']")
    assert (pages.text, pages.get("from"), pages.get("to")) == ("132–133", "132", "133")
    assert _xp(first, "string(t:biblScope[@unit='issue'])") == "1"
    assert _xp(first, "string(t:date/@when)") == "1996"
    assert volume.get("type") == "text_source"
    assert _xp(volume, "string(t:biblScope[@unit='volume'])") == "18"
    assert volume.get("corresp") == "#text-ru-tom18"
    # The date, machine-readable and as printed.
    (date,) = _xp(header, "t:profileDesc/t:creation/t:date")
    assert (date.get("when"), date.text) == ("1950-10-08", "8 октября 1950 г.")
    langs = [(e.get("ident"), e.text) for e in _xp(header, ".//t:langUsage/t:language")]
    assert langs == [("ru", "Russian"), ("en", "English")]
    assert _xp(header, "string(.//t:term[@type='classification']/@key)") == "top_secret"


def test_specimen_corresp_desc(spec_tei: etree._Element) -> None:
    (corresp,) = _xp(spec_tei, "//t:correspDesc")
    actions = {
        a.get("type"): [(n.tag.split("}")[1], n.get("key"), n.get("ref")) for n in a
                        if not n.tag.endswith("date")]
        for a in _xp(corresp, "t:correspAction")
    }  # fmt: skip
    assert actions == {
        "sent": [("persName", "stalin", WIKIDATA + "Q855")],
        "transmitted": [("persName", "shtykov", "#person-shtykov")],
        "received": [
            ("persName", "kim-il-sung", "#person-kim-il-sung"),
            ("placeName", "pyongyang", WIKIDATA + "Q18808"),
        ],
    }
    assert _xp(corresp, "string(t:correspAction[@type='sent']/t:date/@when)") == "1950-10-08"
    # How each was linked: read from the layout, and how sure.
    sender = _xp(corresp, "t:correspAction[@type='sent']/t:persName")[0]
    assert (sender.get("ana"), sender.get("cert")) == ("#method-layout", "1")
    assert _xp(spec_tei, "boolean(//t:category[@xml:id='method-layout'])")


def test_lists_say_which_entries_are_curated_and_their_authority(spec_tei: etree._Element) -> None:
    (stalin,) = _xp(spec_tei, "//t:listPerson/t:person[@xml:id='person-stalin']")
    assert _xp(stalin, "string(t:idno[@type='wikidata'])") == WIKIDATA + "Q855"
    assert _xp(stalin, "string(t:persName[@xml:lang='ru'][@type='preferred'])") == (
        "Иосиф Виссарионович Сталин"
    )
    # The forms the document writes, typed as the authority file knows them.
    assert _xp(stalin, "t:persName[@type='pseudonym']/text()") == ["Fyn Si", "Фын Си"]
    (kim,) = _xp(spec_tei, "//t:listPerson/t:person[@xml:id='person-kim-il-sung']")
    written = _xp(kim, "t:persName[@type='as-written'][@xml:lang='ru']/text()")
    assert written == ["Ким Ир Сена", "Ким Ир Сену"]  # the addressee line, then the text
    assert _xp(spec_tei, "string(//t:titleStmt/t:title[@type='main']/@xml:lang)") == "en"
    assert _xp(stalin, "string(t:note)").startswith("curated entry; in this document: ")
    # Every ref to a list entry points at one that is there.
    ids = set(_xp(spec_tei, "//@xml:id"))
    local = {r[1:] for r in _xp(spec_tei, "//@ref") if r.startswith("#")}
    assert local and local <= ids


def test_each_text_is_the_stored_body_verbatim(
    specimen: Connection, spec_tei: etree._Element
) -> None:
    bodies = dict(
        specimen.execute(
            text("SELECT language, body FROM document_versions WHERE is_current")
        ).all()
    )
    divs = {d.get(XML_LANG): d for d in _xp(spec_tei, "t:text/t:body/t:div")}
    assert set(divs) == {"ru", "en"}
    for lang, div in divs.items():
        assert body_of(div) == bodies[lang]
        assert "".join(div.itertext()) == bodies[lang]  # no <g>: plain text is the body
    en = divs["en"]
    assert (en.get("type"), en.get("resp"), en.get("corresp")) == (
        "translation", "#mt-AI", "#text-ru-tom18")  # fmt: skip
    assert (divs["ru"].get("type"), divs["ru"].get("subtype")) == ("original", "volume")


def test_opener_and_closer_are_the_parts_the_parser_found(
    specimen: Connection, spec_tei: etree._Element
) -> None:
    for lang, addressee, salutation, closing, signatures, postscript in specimen.execute(
        text(
            "SELECT language, addressee_block, salutation, closing_date, signatures, "
            "postscript FROM document_versions WHERE is_current"
        )
    ):
        (div,) = _xp(spec_tei, f"t:text/t:body/t:div[@xml:lang='{lang}']")
        lines = ["".join(a.itertext()) for a in _xp(div, "t:opener/t:address/t:addrLine")]
        assert lines == addressee
        assert _xp(div, "string(t:opener/t:salute)") == salutation
        assert _xp(div, "string(t:opener/t:seg[@type='classification'])") in (
            "Особо секретно.", "Top Secret.")  # fmt: skip
        assert _xp(div, "string(t:closer/t:dateline)") == closing
        assert ["".join(s.itertext()) for s in _xp(div, "t:closer/t:signed")] == signatures
        assert _xp(div, "string(t:postscript/t:p)") == postscript
        # The opener comes first and the postscript last.
        assert etree.QName(div[0]).localname == "opener"
        assert etree.QName(div[-1]).localname == "postscript"


def test_people_and_places_are_marked_where_the_text_names_them(spec_tei: etree._Element) -> None:
    (ru,) = _xp(spec_tei, "t:text/t:body/t:div[@xml:lang='ru']")
    marked = {(e.text, e.get("key")) for e in _xp(ru, ".//t:persName | .//t:placeName")}
    # Inflected forms, a name in the addressee lines, a pseudonym in the signature, and a
    # name written with a Latin look-alike letter (Maо).
    for expected in [("Ким Ир Сена", "kim-il-sung"), ("Ким Ир Сену", "kim-il-sung"),
                     ("Штыкову", "shtykov"), ("Фын Си", "stalin"), ("Пхеньян", "pyongyang"),
                     ("Кореи", "korea"), ("Китае", "china"), ("38-ю параллель", "38th-parallel"),
                     ("Maо Цзэдуну", "mao-zedong"), ("Дальнем Востоке", "far-east")]:  # fmt: skip
        assert expected in marked
    (signed,) = _xp(ru, "t:closer/t:signed/t:persName")
    assert (signed.get("ref"), signed.get("key")) == (WIKIDATA + "Q855", "stalin")
    # Only the document's own people and places: "корейские" is not Korea.
    assert not [e for e in _xp(ru, ".//t:placeName") if e.text.startswith("корейск")]


def test_the_synthetic_corpus_exports_whole_valid_and_as_the_database_holds_it(
    synthetic: Connection, tei_schema: etree.RelaxNG
) -> None:
    keys = [k for (k,) in synthetic.execute(text("SELECT key FROM documents"))]
    exported = dict(iter_tei(synthetic))
    assert sorted(exported) == sorted(keys)
    for key, data in exported.items():
        _valid(tei_schema, data)
        assert_same_facts(data, synthetic, key)


def test_export_writes_a_file_a_document(specimen: Connection, tmp_path: Path) -> None:
    report = export_tei(specimen, str(tmp_path / "tei"), keys=[KEY, "nope"])  # str or Path
    assert (report.written, report.missing) == (1, ("nope",))
    assert [p.name for p in (tmp_path / "tei").iterdir()] == [f"{KEY}.xml"]
    assert (tmp_path / "tei" / f"{KEY}.xml").read_bytes() == tei_document(specimen, KEY)
    with pytest.raises(KeyError):
        tei_document(specimen, "nope")


def _cli(engine: Engine, *args: object) -> object:
    url = engine.url.render_as_string(hide_password=False)
    return CliRunner().invoke(main, ["--database-url", url, "export", "tei", *map(str, args)])


def test_cli(specimen_engine: Engine, tmp_path: Path) -> None:
    result = _cli(specimen_engine, "--volume", "tom18", tmp_path / "a")
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote 1 TEI file(s) to {tmp_path / 'a'}\n"
    result = _cli(specimen_engine, "--all", tmp_path / "b")
    assert result.exit_code == 0 and (tmp_path / "b" / f"{KEY}.xml").exists()
    result = _cli(specimen_engine, KEY, "missing-key", tmp_path / "c")
    assert result.exit_code == 1
    assert "no document with key missing-key" in result.output
    assert (tmp_path / "c" / f"{KEY}.xml").exists()
    result = _cli(specimen_engine, KEY)  # OUT forgotten: the key is taken for OUT
    assert result.exit_code == 2
    assert f"say which documents go to {KEY}/" in result.output
    assert "the last argument is always OUT" in result.output
    result = _cli(specimen_engine, "--all", KEY, tmp_path / "d")
    assert result.exit_code == 2 and "exclude each other" in result.output
    result = _cli(specimen_engine, KEY, tmp_path / "d.xml")
    assert result.exit_code == 2 and "looks like a file name" in result.output
    result = _cli(specimen_engine, "--volume", "tom99", tmp_path / "e")
    assert result.exit_code == 1 and "no document in volume tom99" in result.output
    assert not (tmp_path / "e").exists()  # nothing to write: no folder made
    assert not (tmp_path / "d").exists() and not (tmp_path / "d.xml").exists()


def test_ids_are_unique_within_a_file(spec_tei: etree._Element) -> None:
    ids = _xp(spec_tei, "//@xml:id")
    assert len(ids) == len(set(ids))
    assert spec_tei.get(XML_ID) == f"doc-{KEY}"


def test_an_interrupted_export_leaves_whole_files_only(
    specimen: Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archive_db.export import files

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", broken)  # fails once the file is written
    with pytest.raises(OSError):
        export_tei(specimen, tmp_path, keys=[KEY])
    assert list(tmp_path.iterdir()) == []  # the partial file is gone, no target made


def test_prune_removes_what_the_archive_no_longer_holds(
    specimen: Connection, tmp_path: Path
) -> None:
    gone = "0123456789abcdef"  # a document since withdrawn, exported by an earlier run
    (tmp_path / f"{gone}.xml").write_bytes(
        tei_document(specimen, KEY).replace(KEY.encode(), gone.encode())
    )
    (tmp_path / "notes.xml").write_text("<notes>someone else's</notes>")
    (tmp_path / "README.txt").write_text("kept")
    assert export_tei(specimen, tmp_path).pruned == 0  # without prune: left alone
    assert (tmp_path / f"{gone}.xml").exists()
    report = export_tei(specimen, tmp_path, prune=True)
    assert (report.written, report.pruned) == (1, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "README.txt", f"{KEY}.xml", "notes.xml"]  # fmt: skip
    with pytest.raises(ValueError, match="export all to prune"):
        export_tei(specimen, tmp_path, volume="tom18", prune=True)
