from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from archive_db.authorities import Authorities, normalize_name
from archive_db.authorities.sync import matcher_from_db, sync_authorities
from archive_db.models.archives import Archive
from archive_db.models.people import Person, PersonName
from archive_db.models.places import Place, PlaceName
from archive_db.models.sources import Source

TABLES = (Person, PersonName, Place, PlaceName, Archive, Source)


def _counts(session: Session) -> dict[str, int]:
    return {
        m.__tablename__: session.scalar(select(func.count()).select_from(m)) or 0 for m in TABLES
    }


def _xmins(session: Session) -> list[int]:
    """Row versions: an UPDATE that rewrites a row changes its xmin."""
    tables = ("people", "person_names", "places", "place_names", "archives", "sources")
    query = " UNION ALL ".join(f"SELECT xmin::text::bigint FROM {t}" for t in tables)
    return sorted(x for (x,) in session.execute(text(query)))


def test_sync_is_idempotent(session: Session, authorities: Authorities) -> None:
    first = sync_authorities(session, authorities)
    session.flush()
    counts = _counts(session)
    assert counts["people"] == len(authorities.people)
    assert counts["person_names"] == sum(len(p.names) for p in authorities.people)
    assert counts["place_names"] == sum(len(p.names) for p in authorities.places)
    assert counts["archives"] == len(authorities.archives)
    assert counts["sources"] == len(authorities.sources)
    session.commit()  # a savepoint in the test transaction: later writes get a new xmin
    versions = _xmins(session)

    second = sync_authorities(session, authorities)
    session.commit()
    assert _counts(session) == counts
    assert second.people == first.people and second.places == first.places
    assert second.archives == first.archives and second.sources == first.sources
    assert _xmins(session) == versions  # nothing rewritten
    assert second.stale_people == [] and second.provisional_matches == []


def test_sync_rows(session: Session, authorities: Authorities) -> None:
    ids = sync_authorities(session, authorities)
    stalin = session.get(Person, ids.people["stalin"])
    assert stalin is not None
    assert (stalin.authority_scheme, stalin.authority_id, stalin.provisional) == (
        "wikidata",
        "Q855",
        False,
    )
    fyn_si = session.scalars(select(PersonName).where(PersonName.name == "Фын Си")).one()
    assert (fyn_si.person_id, fyn_si.kind, fyn_si.language, fyn_si.script) == (
        ids.people["stalin"],
        "pseudonym",
        "ru",
        "Cyrl",
    )
    assert fyn_si.name_normalized == normalize_name("Фын Си") == "фын си"
    parallel = session.get(Place, ids.places["38th-parallel"])
    assert parallel is not None and parallel.kind == "feature"
    assert session.get(Archive, ids.archives["АП РФ"]).code_latin == "AP RF"  # type: ignore[union-attr]
    works = session.get(Source, ids.sources["stalin-works-18"])
    assert works is not None and (works.volume, works.year, works.place) == ("18", 2006, "Тверь")
    assert ids.source_keys[("collected_works", "Сочинения", "18", None, 2006, None)] == works.id


def test_sync_updates_changed_entries_and_reports_removed(
    session: Session, authorities: Authorities
) -> None:
    sync_authorities(session, authorities)
    session.execute(text("UPDATE people SET preferred_name = 'Stalin?' WHERE slug = 'stalin'"))
    session.execute(
        text(
            "INSERT INTO people (slug, preferred_name, provisional) VALUES"
            " ('removed-entry', 'Gone', false), ('provisional-штыкову', 'Штыкову', true)"
        )
    )
    result = sync_authorities(session, authorities)
    assert session.scalar(text("SELECT preferred_name FROM people WHERE slug = 'stalin'")) == (
        "Joseph Stalin"
    )
    assert result.stale_people == ["removed-entry"]
    assert session.scalar(text("SELECT count(*) FROM people WHERE slug = 'removed-entry'")) == 1
    assert result.provisional_matches == [("person", "provisional-штыкову", "shtykov")]


def test_matcher_from_db(session: Session, authorities: Authorities) -> None:
    sync_authorities(session, authorities)
    session.execute(
        text(
            "WITH p AS (INSERT INTO people (slug, preferred_name, provisional)"
            " VALUES ('provisional-пак-хон', 'Пак Хон', true) RETURNING id)"
            " INSERT INTO person_names (person_id, name, name_normalized, kind, language, script)"
            " SELECT id, 'Пак Хон', 'пак хон', 'variant', 'ru', 'Cyrl' FROM p"
        )
    )
    matcher = matcher_from_db(session, authorities)
    found = matcher.match("Ким Ир Сену", "ru")
    assert found is not None and found.slug == "kim-il-sung"
    provisional = matcher.match("Пак Хону", "ru")
    assert provisional is not None and provisional.slug == "provisional-пак-хон"
    assert [m.slug for m in matcher.find_mentions("Пак Хон и Берут у Мао", "ru")] == ["mao-zedong"]
