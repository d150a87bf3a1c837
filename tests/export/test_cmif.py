"""The CMIF export: valid TEI, keeping the CMIF rules, and saying what the database
holds of each letter and telegram."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL

from archive_db.cli import main
from archive_db.db import make_engine
from archive_db.export import CmifReport, CmifSettings, export_cmif, snapshot
from archive_db.importer import ImportOptions, run_import
from tests.conftest import PROJECT_ROOT
from tests.export.cmif_rules import NS, violations

WIKIDATA = "http://www.wikidata.org/entity/"
SETTINGS = CmifSettings(
    url="https://archive.example.org/cmif.xml",
    edition_url="https://archive.example.org/documents/",
    editor="Ada Editor",
    email="ada@example.org",
    publisher="Example Archive",
    licence="CC0-1.0",
)


def _export(
    conn: Connection, tmp_path: Path, settings: CmifSettings | None = None
) -> tuple[CmifReport, etree._Element]:
    report = export_cmif(conn, tmp_path / "cmif.xml", settings)
    return report, etree.parse(tmp_path / "cmif.xml").getroot()


def _xp(el: etree._Element, path: str) -> list:
    return el.xpath(path, namespaces=NS)


def test_the_specimen_as_cmif(
    specimen: Connection, tmp_path: Path, tei_schema: etree.RelaxNG
) -> None:
    report, root = _export(specimen, tmp_path, SETTINGS)
    assert tei_schema.validate(root.getroottree()), tei_schema.error_log
    assert violations(root) == []
    assert report.letters == 1 and report.defaults_used == ()
    fd = _xp(root, "t:teiHeader/t:fileDesc")[0]
    assert _xp(fd, "string(t:titleStmt/t:editor/t:email)") == "ada@example.org"
    assert _xp(fd, "string(t:publicationStmt/t:idno[@type='url'])") == SETTINGS.url
    assert _xp(fd, "string(t:publicationStmt/t:publisher)") == "Example Archive"
    (bibl,) = _xp(fd, "t:sourceDesc/t:bibl")
    assert bibl.text == (
        "Сталин И.В. Сочинения. Т. 18. Тверь: Информационно-издательский центр «Союз». 2006."
    )
    (letter,) = _xp(root, "//t:correspDesc")
    assert letter.get("ref") == "https://archive.example.org/documents/fb0b047ba36df19f"
    assert letter.get("source") == "#" + bibl.get("{http://www.w3.org/XML/1998/namespace}id")
    sent, received = _xp(letter, "t:correspAction")
    assert [(e.text, e.get("ref")) for e in sent if not e.tag.endswith("date")] == [
        ("Joseph Stalin", WIKIDATA + "Q855")]  # fmt: skip
    assert dict(_xp(sent, "t:date")[0].attrib) == {"when": "1950-10-08"}
    assert [(e.text, e.get("ref")) for e in received] == [
        ("Kim Il Sung", None), ("Pyongyang", WIKIDATA + "Q18808")]  # fmt: skip
    # The intermediary (Shtykov) is not in CMIF, which knows only sent and received.
    assert "Shtykov" not in etree.tostring(root, encoding="unicode")


def test_entries_without_an_authority_are_listed(specimen: Connection, tmp_path: Path) -> None:
    report, _ = _export(specimen, tmp_path)
    assert [(m.kind, m.slug, m.letters) for m in report.without_authority] == [
        ("person", "kim-il-sung", 1)]  # fmt: skip
    assert report.gaps()[1] == "  person kim-il-sung (Kim Il Sung): 1 letter(s)"
    assert set(report.defaults_used) == {"url", "editor", "email", "publisher"}


def test_the_synthetic_corpus_as_cmif(
    synthetic: Connection, tmp_path: Path, tei_schema: etree.RelaxNG
) -> None:
    report, root = _export(synthetic, tmp_path, SETTINGS)
    assert tei_schema.validate(root.getroottree()), tei_schema.error_log
    assert violations(root) == []
    letters = dict(synthetic.execute(text(
        "SELECT key, id FROM documents WHERE kind IN ('letter', 'telegram')")).all())  # fmt: skip
    assert report.letters == len(letters) > 0
    assert {e.get("key") for e in _xp(root, "//t:correspDesc")} == set(letters)
    for entry in _xp(root, "//t:correspDesc"):
        for action, roles in (("sent", ("author", "signatory")),
                              ("received", ("addressee", "recipient"))):  # fmt: skip
            expected = {
                name for (name,) in synthetic.execute(text(
                    "SELECT DISTINCT p.preferred_name FROM document_people l JOIN people p "
                    "ON p.id = l.person_id WHERE l.document_id = :id AND l.role = ANY(:roles)"),
                    {"id": letters[entry.get("key")], "roles": list(roles)})
            } or {"Unknown"}  # fmt: skip
            names = _xp(entry, f"t:correspAction[@type='{action}']/t:persName/text()")
            assert set(names) == expected, (entry.get("key"), action)


def test_cli(specimen_engine: Engine, tmp_path: Path) -> None:
    url = specimen_engine.url.render_as_string(hide_password=False)
    out = tmp_path / "cmif.xml"
    result = CliRunner().invoke(main, ["--database-url", url, "export", "cmif", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"wrote 1 letter(s) and telegram(s) to {out}"
    assert "  person kim-il-sung (Kim Il Sung): 1 letter(s)" in result.stdout
    assert result.stderr == (
        "archive-db: not given: --url, --editor, --email, --publisher; correspSearch needs "
        "them: placeholders stand in the file\n"
    )
    root = etree.parse(out).getroot()
    assert violations(root) == []
    # Without --url the file names itself, never the machine's path.
    assert _xp(root, "string(//t:publicationStmt/t:idno[@type='url'])") == "cmif.xml"


def test_cli_to_standard_output(specimen_engine: Engine) -> None:
    url = specimen_engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(main, ["--database-url", url, "export", "cmif", "-"])
    assert result.exit_code == 0, result.output
    root = etree.fromstring(result.stdout_bytes)
    assert violations(root) == [] and len(_xp(root, "//t:correspDesc")) == 1
    assert result.stderr.startswith("wrote 1 letter(s) and telegram(s) to -\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["out/"], "OUT is the CMIF file to write, not a folder: out/"),
        (["c.xml", "--url", "example.org/c.xml"], "url must be an http(s) URL"),
        (["c.xml", "--email", "nobody"], "email is not an e-mail address"),
    ],
)
def test_cli_refuses(
    specimen_engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    url = specimen_engine.url.render_as_string(hide_password=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--database-url", url, "export", "cmif", *args])
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_the_file_appears_whole_or_not_at_all(specimen: Connection, tmp_path: Path) -> None:
    export_cmif(specimen, tmp_path / "cmif.xml")
    assert [p.name for p in tmp_path.iterdir()] == ["cmif.xml"]  # no partial file left


def test_the_rules_catch_a_broken_file(specimen: Connection, tmp_path: Path) -> None:
    _, root = _export(specimen, tmp_path, SETTINGS)
    (letter,) = _xp(root, "//t:correspDesc")
    letter.set("source", "#nowhere")
    _xp(letter, "t:correspAction")[0].set("type", "transmitted")
    _xp(letter, "t:correspAction/t:persName")[0].set("ref", "https://example.org/someone")
    _xp(letter, "t:correspAction/t:date")[0].set("when", "8 October 1950")
    found = violations(root)
    assert len(found) == 4, found


def test_an_interrupted_export_leaves_no_file(
    specimen: Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archive_db.export import cmif

    export_cmif(specimen, tmp_path / "cmif.xml", SETTINGS)
    before = (tmp_path / "cmif.xml").read_bytes()

    def broken(*args: object) -> None:
        raise RuntimeError("the connection went away")

    monkeypatch.setattr(cmif, "_corresp_desc", broken)
    with pytest.raises(RuntimeError):
        export_cmif(specimen, tmp_path / "cmif.xml", SETTINGS)
    assert [p.name for p in tmp_path.iterdir()] == ["cmif.xml"]  # no partial file left
    assert (tmp_path / "cmif.xml").read_bytes() == before  # the earlier file, untouched


def test_letters_outside_any_volume_point_to_a_source(
    database_url: URL, tmp_path: Path, tei_schema: etree.RelaxNG
) -> None:
    engine = make_engine(database_url)
    try:
        run_import(database_url, ImportOptions([str(PROJECT_ROOT / "seeds")], recognition=False))
        with engine.begin() as conn:
            conn.execute(text("UPDATE documents SET volume = NULL"))
        with snapshot(engine) as conn:
            _, root = _export(conn, tmp_path, SETTINGS)
    finally:
        engine.dispose()
    assert violations(root) == []
    assert tei_schema.validate(root.getroottree()), tei_schema.error_log


def test_an_archive_without_letters_gives_no_file(database_url: URL, tmp_path: Path) -> None:
    url = database_url.render_as_string(hide_password=False)
    result = CliRunner().invoke(main, ["--database-url", url, "export", "cmif",
                                       str(tmp_path / "c.xml")])  # fmt: skip
    assert result.exit_code == 1
    assert "holds no letter or telegram: no CMIF file written" in result.stderr
    assert list(tmp_path.iterdir()) == []
