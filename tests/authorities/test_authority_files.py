from __future__ import annotations

from pathlib import Path

import pytest

from archive_db.authorities import Authorities, AuthorityFileError, load_authorities
from archive_db.vocab import NAME_KINDS, PLACE_KINDS, SCRIPTS, SOURCE_KINDS


def test_curated_files_load(authorities: Authorities) -> None:
    assert len(authorities.people) >= 24 and len(authorities.places) >= 25
    stalin = authorities.person("stalin")
    assert stalin is not None
    assert (stalin.authority_scheme, stalin.authority_id) == ("wikidata", "Q855")
    pseudonyms = {(n.name, n.language) for n in stalin.names if n.kind == "pseudonym"}
    assert {("Фын Си", "ru"), ("Fyn Si", "en")} <= pseudonyms
    assert stalin.preferred_name == "Joseph Stalin"
    assert stalin.preferred_name_ru == "Иосиф Виссарионович Сталин"
    parallel = authorities.place("38th-parallel")
    assert parallel is not None and parallel.place_kind == "feature"
    for entry in [*authorities.people, *authorities.places]:
        for name in entry.names:
            assert name.kind in NAME_KINDS and name.script in SCRIPTS
    assert {p.place_kind for p in authorities.places} <= set(PLACE_KINDS)
    assert {s.kind for s in authorities.sources} <= set(SOURCE_KINDS)


def test_required_entries_present(authorities: Authorities) -> None:
    people = {p.slug for p in authorities.people}
    assert {
        "stalin",
        "kim-il-sung",
        "shtykov",
        "mao-zedong",
        "chiang-kai-shek",
        "syngman-rhee",
        "zhou-enlai",
        "molotov",
        "vyshinsky",
        "churchill",
        "truman",
        "lenin",
        "trotsky",
        "beria",
        "malenkov",
        "bulganin",
        "voroshilov",
        "zhukov",
        "roosevelt",
        "tito",
        "liu-shaoqi",
        "gottwald",
        "bierut",
        "dimitrov",
    } <= people
    places = {p.slug for p in authorities.places}
    assert {
        "pyongyang",
        "korea",
        "china",
        "ussr",
        "usa",
        "japan",
        "taiwan",
        "germany",
        "britain",
        "38th-parallel",
        "far-east",
        "moscow",
        "beijing",
        "seoul",
        "manchuria",
        "port-arthur",
        "dalny",
        "berlin",
        "london",
        "washington",
        "yalta",
        "potsdam",
        "tver",
    } <= places
    assert {a.code for a in authorities.archives} >= {
        "АП РФ",
        "РГАСПИ",
        "ЦАМО РФ",
        "ГАРФ",
        "РГВА",
        "АВП РФ",
        "РГАНИ",
        "РГАЭ",
    }


def test_lookups(authorities: Authorities) -> None:
    archive = authorities.archive("AP RF")
    assert archive is not None and archive.code == "АП РФ"
    assert authorities.archive("апрф") is archive
    vestnik = authorities.source_for("Вестник")
    assert vestnik is not None and vestnik.title == "Вестник Архива Президента Российской Федерации"
    assert authorities.source_for("Vestnik") is vestnik
    works = authorities.source_for("Сочинения", volume="18")
    assert works is not None and (works.year, works.place) == (2006, "Тверь")
    assert works.publisher == "Информационно-издательский центр «Союз»"
    assert authorities.source_for("Сочинения") is None  # which volume?


def test_archives_agree_with_the_parser(authorities: Authorities) -> None:
    known = pytest.importorskip("archive_db.seedfile.archives").KNOWN_ARCHIVES
    ours = {a.code: a for a in authorities.archives}
    for archive in known:
        assert archive.code in ours, archive.code
        assert ours[archive.code].code_latin == archive.code_latin
        assert ours[archive.code].name_ru == archive.name_ru


def _write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('[[person]]\nslug = "a"\nname_en = "A"\nname_ru = "А\n', 4, "Illegal character"),
        (
            '[[person]]\nslug = "a"\nname_en = "A"\n\n[[person]]\nslug = "b"\nnickname = "x"\n',
            7,
            "unknown key 'nickname'",
        ),
        ('[[person]]\nslug = "a"\nname_en = "A"\n\n[[person]]\nname_en = "B"\n', 5, "no 'slug'"),
        ('[[person]]\nslug = "Bad Slug"\nname_en = "A"\n', 2, "slug"),
        ('[[person]]\nslug = "a"\nname_en = "A"\nwikidata = "855"\n', 4, "QID"),
        (
            '[[person]]\nslug = "a"\nname_en = "A"\n[[person]]\nslug = "a"\nname_en = "B"\n',
            4,
            "already used",
        ),
        ('[[person]]\nslug = "a"\nname_en = "A"\nvariants_ru = "Б"\n', 4, "list"),
    ],
)
def test_broken_file_names_path_and_line(tmp_path: Path, text: str, line: int, reason: str) -> None:
    directory = _write(tmp_path, "people.toml", text)
    with pytest.raises(AuthorityFileError) as info:
        load_authorities(directory)
    assert info.value.path == directory / "people.toml"
    assert info.value.line == line
    assert reason in info.value.reason
    assert str(info.value).startswith(f"{directory / 'people.toml'}:{line}: ")


def test_place_kind_checked(tmp_path: Path) -> None:
    directory = _write(
        tmp_path, "places.toml", '[[place]]\nslug = "x"\nname_en = "X"\nkind = "city"\n'
    )
    with pytest.raises(AuthorityFileError, match=r"places.toml:4: place kind 'city'"):
        load_authorities(directory)


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(AuthorityFileError) as info:
        load_authorities(tmp_path / "nope")
    assert info.value.line is None and "no such directory" in str(info.value)
