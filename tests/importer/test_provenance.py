"""Every link records how it was made and how sure: in the rows, the tables and the views."""

from __future__ import annotations

import dataclasses
import math

import pytest
from sqlalchemy import Engine

from archive_db.authorities import NameMatcher, load_authorities, normalize_name, script_of
from archive_db.importer.links import Linker, Links
from archive_db.importer.resolve import Decisions
from archive_db.seedfile import parse_file
from archive_db.seedfile.model import NameRole
from tests.conftest import PROJECT_ROOT, SPECIMEN
from tests.importer.conftest import AUTHORITIES, Run, rows


@pytest.fixture
def imported(run_cli: Run, engine: Engine) -> Engine:
    result = run_cli("import", PROJECT_ROOT / "seeds", "--jobs", "1")
    assert result.exit_code == 0, result.output
    return engine


def test_roles_come_from_the_layout_and_mentions_from_the_matcher(imported: Engine) -> None:
    people = rows(
        imported,
        "SELECT role, method, confidence, count(*) FROM document_people"
        " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    )
    assert {(role, method, confidence) for role, method, confidence, _ in people} == {
        ("addressee", "layout", 1.0),
        ("author", "layout", 1.0),
        ("intermediary", "layout", 1.0),
        ("mentioned", "authority", 0.9),
        ("signatory", "layout", 1.0),
    }
    places = rows(imported, "SELECT DISTINCT role, method FROM document_places ORDER BY 1")
    assert places == [("destination", "layout"), ("mentioned", "authority")]


def test_the_views_let_a_researcher_filter_by_provenance(imported: Engine) -> None:
    assert rows(
        imported,
        "SELECT person, role, language, method, confidence, provisional"
        " FROM document_people_roles WHERE method = 'layout' AND NOT provisional"
        " AND role IN ('addressee', 'signatory') ORDER BY person, role, language",
    ) == [
        ("kim-il-sung", "addressee", "en", "layout", 1.0, False),
        ("kim-il-sung", "addressee", "ru", "layout", 1.0, False),
        ("stalin", "signatory", "en", "layout", 1.0, False),
        ("stalin", "signatory", "ru", "layout", 1.0, False),
    ]
    assert rows(
        imported,
        "SELECT place, role, name_as_written, method FROM document_places_roles"
        " WHERE language = 'ru' AND confidence >= 1 ORDER BY place",
    ) == [("pyongyang", "destination", "Пхеньян", "layout")]
    assert rows(
        imported,
        "SELECT count(*) > 5 FROM document_places_roles WHERE method = 'authority'",
    ) == [(True,)]


def _linker() -> Linker:
    authorities = load_authorities(AUTHORITIES)
    linker = Linker(NameMatcher.from_authorities(authorities), normalize_name, script_of)
    entries = [("person", e.slug) for e in authorities.people]
    entries += [("place", e.slug) for e in authorities.places]
    linker.ids = {entry: i for i, entry in enumerate(entries, 1)}
    return linker


def test_a_role_name_brings_its_method_and_confidence_to_the_row() -> None:
    """What the parser says of a name (salutation, 0.7) is what the row says."""
    linker = _linker()
    doc = parse_file(SPECIMEN)
    doc.names = [
        dataclasses.replace(n, method="salutation", confidence=0.7)
        if n.role is NameRole.ADDRESSEE else n
        for n in doc.names
    ]  # fmt: skip
    links = linker.link([(1, doc, None)])
    kim = linker.ids[("person", "kim-il-sung")]
    by_role = {(r[1], r[2], r[3]): (r[6], r[7]) for r in links.people}
    assert by_role[(kim, "addressee", "ru")] == ("salutation", 0.7)
    assert by_role[(kim, "mentioned", "ru")] == ("authority", 0.9)
    stalin = linker.ids[("person", "stalin")]
    assert by_role[(stalin, "author", "ru")] == ("layout", 1.0)


@pytest.mark.parametrize(("given", "stored"), [(1.5, 1.0), (-0.2, 0.0), (math.nan, 0.0)])
def test_a_confidence_outside_0_to_1_is_brought_inside(given: float, stored: float) -> None:
    linker = _linker()
    doc = parse_file(SPECIMEN)
    doc.names = [dataclasses.replace(n, confidence=given) for n in doc.names]
    links = linker.link([(1, doc, [[], []])])
    assert {r[7] for r in links.people} == {stored}


def test_an_unknown_method_is_a_bug_said_at_once() -> None:
    linker = _linker()
    doc = parse_file(SPECIMEN)
    doc.names = [dataclasses.replace(n, method="guess") for n in doc.names]
    with pytest.raises(ValueError, match="unknown link method 'guess'"):
        linker.link([(1, doc, None)])


def test_a_curators_decision_overrides_how_a_name_resolves() -> None:
    linker = _linker()
    korea = linker.ids[("place", "korea")]

    def korea_ru(links: Links) -> list[tuple[object, ...]]:
        return [(r[4], r[6]) for r in links.places if r[1] == korea and r[3] == "ru"]

    assert korea_ru(linker.link([(1, parse_file(SPECIMEN), None)])) == [("Корею", "authority")]
    decisions = Decisions()
    decisions.chosen[("person", normalize_name("Ким Ир Сена"))] = "shtykov"
    decisions.rejected.add(("place", normalize_name("Корею")))
    linker.resolver.use(decisions)
    links = linker.link([(1, parse_file(SPECIMEN), None)])
    addressees = {(r[1], r[3], r[6]) for r in links.people if r[2] == "addressee"}
    shtykov, kim = linker.ids[("person", "shtykov")], linker.ids[("person", "kim-il-sung")]
    assert addressees == {(shtykov, "ru", "curator"), (kim, "en", "layout")}
    # The rejected form is passed over; the next mention of Korea is linked instead.
    assert korea_ru(links) == [("Кореи", "authority")]
