"""People and places with counts; a person's documents by year."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from archive_db.repository import (
    InvalidQuery,
    SearchFilters,
    people,
    person_timeline,
    places,
    search,
)
from tests.repository.data import (
    ARTICLE_KEY,
    MACHINE_ONLY_KEY,
    REVISED_KEY,
    SAME_DELO_KEY,
    SPECIMEN_KEY,
    UNDATED_KEY,
    Fixture,
)


def test_people_with_counts(session: Session, archive: Fixture) -> None:
    counts = {p.slug: p.documents for p in people(session)}
    assert counts["stalin"] == 6
    assert counts["mao-zedong"] == 3
    assert counts["shtykov"] == 1
    assert people(session)[0].slug == "stalin"
    assert {p.slug for p in people(session, role="intermediary")} == {"shtykov"}
    assert len(people(session, limit=2)) == 2
    with pytest.raises(InvalidQuery):
        people(session, role="hero")


def test_places_with_counts(session: Session, archive: Fixture) -> None:
    counts = {p.slug: p.documents for p in places(session)}
    assert counts["korea"] == 4
    assert counts["pyongyang"] == 1
    assert places(session)[0].preferred_name_ru == "Корея"


def test_person_timeline_by_year(session: Session, archive: Fixture) -> None:
    years = person_timeline(session, "Сталин", role="author")
    assert [(y.year, [d.key for d in y.documents]) for y in years] == [
        (1949, [REVISED_KEY]),
        (1950, [SAME_DELO_KEY, SPECIMEN_KEY]),
        (1951, [MACHINE_ONLY_KEY]),
        (1952, [ARTICLE_KEY]),
        (None, [UNDATED_KEY]),
    ]
    signed = person_timeline(session, "Fyn Si", role="signatory")
    assert [y.year for y in signed] == [1950, 1951]
    every = [d for y in person_timeline(session, "stalin") for d in y.documents]
    assert {role for d in every for role in d.roles} == {"author", "signatory"}
    # Without a role, each document once (it listed one entry per role before).
    assert len(every) == len({d.key for d in every})
    specimen = next(d for d in every if d.key == SPECIMEN_KEY)
    assert (specimen.role, specimen.roles) == ("author", ("author", "signatory"))
    with pytest.raises(InvalidQuery, match="no person is named 'Nobody'"):
        person_timeline(session, "Nobody")


def test_inflected_and_unknown_names(session: Session, archive: Fixture) -> None:
    """Сталина (genitive) resolves through its nominative; unknown names are
    InvalidQuery in the timeline and in search filters alike."""
    assert [y.year for y in person_timeline(session, "Сталина", role="author")] == [
        y.year for y in person_timeline(session, "Сталин", role="author")
    ]
    page = search(session, "Корея", SearchFilters(person="Сталина"))
    assert page.hits
    with pytest.raises(InvalidQuery, match="no person is named 'nobody'"):
        search(session, "Корея", SearchFilters(person="nobody"))
    with pytest.raises(InvalidQuery, match="no place is named 'Atlantis'"):
        search(session, "Корея", SearchFilters(place="Atlantis"))


def test_an_ambiguous_name_is_invalid_query(session: Session, archive: Fixture) -> None:
    from archive_db.models import Person, PersonName
    from archive_db.repository import normalize_name

    other = Person(slug="vasily-stalin", preferred_name="Vasily Stalin")
    other.names = [PersonName(name="Сталин", name_normalized=normalize_name("Сталин"),
                              kind="variant", language="ru", script="Cyrl")]  # fmt: skip
    session.add(other)
    session.flush()
    with pytest.raises(InvalidQuery, match=r"'Сталин' names several people \(stalin, vasily"):
        person_timeline(session, "Сталин")
    with pytest.raises(InvalidQuery, match="names several people"):
        search(session, "Корея", SearchFilters(person="Сталин"))
    assert person_timeline(session, "vasily-stalin") == []  # a slug is never ambiguous
