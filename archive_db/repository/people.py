"""People and places with their document counts, and a person's documents over time."""

from __future__ import annotations

from itertools import groupby

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from archive_db.models import (
    Document,
    DocumentPerson,
    DocumentPlace,
    Person,
    PersonName,
    Place,
    PlaceName,
)
from archive_db.repository.errors import InvalidQuery
from archive_db.repository.filters import reject_nul
from archive_db.repository.names import inflected_name_forms, name_forms
from archive_db.repository.views import DocumentRef, NameCount, YearGroup
from archive_db.vocab import PERSON_ROLES


def people(
    session: Session, *, role: str | None = None, limit: int | None = None
) -> list[NameCount]:
    """People with the number of documents they take part in (in ``role`` if given),
    most documents first."""
    if role is not None and role not in PERSON_ROLES:
        raise InvalidQuery(f"unknown role {role!r}")
    count = func.count(func.distinct(DocumentPerson.document_id))
    q = (
        select(Person.slug, Person.preferred_name, Person.preferred_name_ru, count)
        .join(DocumentPerson, DocumentPerson.person_id == Person.id)
        .group_by(Person.id)
        .order_by(count.desc(), Person.preferred_name)
        .limit(limit)
    )
    if role:
        q = q.where(DocumentPerson.role == role)
    return [NameCount(*row) for row in session.execute(q).all()]


def places(session: Session, *, limit: int | None = None) -> list[NameCount]:
    """Places with the number of documents naming them, most documents first."""
    count = func.count(func.distinct(DocumentPlace.document_id))
    q = (
        select(Place.slug, Place.preferred_name, Place.preferred_name_ru, count)
        .join(DocumentPlace, DocumentPlace.place_id == Place.id)
        .group_by(Place.id)
        .order_by(count.desc(), Place.preferred_name)
        .limit(limit)
    )
    return [NameCount(*row) for row in session.execute(q).all()]


def _named(session: Session, entity: type, names: type, key: str, name: str) -> list:
    """The people (or places) with this slug, else those a recorded name form matches
    as written, else in the nominative (``Сталина`` → ``Сталин``)."""
    if not name.strip():
        raise InvalidQuery(f"empty {key} name")
    reject_nul(f"{key} name", name)
    by_slug = session.execute(select(entity).where(entity.slug == name.strip())).scalars().all()
    if by_slug:
        return list(by_slug)
    owner = names.person_id if names is PersonName else names.place_id
    for forms in (name_forms(name), inflected_name_forms(name)):
        if not forms:
            continue
        ids = select(owner).where(names.name_normalized.in_(forms))
        found = session.execute(select(entity).where(entity.id.in_(ids)).order_by(entity.slug))
        if rows := list(found.scalars().all()):
            return rows
    return []


def _one(rows: list, key: str, name: str):  # type: ignore[no-untyped-def]
    if not rows:
        raise InvalidQuery(f"no {key} is named {name!r}")
    if len(rows) > 1:
        slugs = ", ".join(r.slug for r in rows)
        several = "people" if key == "person" else f"{key}s"
        raise InvalidQuery(f"{name!r} names several {several} ({slugs}): give a slug")
    return rows[0]


def resolve_person(session: Session, name: str) -> Person:
    """The one person ``name`` means (a slug, or any recorded form of the name, inflected
    or not); raises :class:`InvalidQuery` when it names nobody or several people."""
    return _one(_named(session, Person, PersonName, "person", name), "person", name)


def resolve_place(session: Session, name: str) -> Place:
    """As :func:`resolve_person`, for places."""
    return _one(_named(session, Place, PlaceName, "place", name), "place", name)


def find_person(session: Session, name: str) -> Person | None:
    """The person with this slug, or the one whose recorded name forms include ``name``
    (inflected or not); None when it names nobody or several people."""
    rows = _named(session, Person, PersonName, "person", name)
    return rows[0] if len(rows) == 1 else None


def person_timeline(session: Session, person: str, *, role: str | None = None) -> list[YearGroup]:
    """A person's documents (in ``role`` if given) grouped by year, undated last; each
    document once, with every role the person has in it (``roles``; ``role`` is the
    first of them in :data:`~archive_db.vocab.PERSON_ROLES` order)."""
    if role is not None and role not in PERSON_ROLES:
        raise InvalidQuery(f"unknown role {role!r}")
    found = resolve_person(session, person)
    year = extract("year", Document.date_start)
    q = (
        select(
            year.label("year"),
            Document.key,
            Document.title,
            Document.kind,
            Document.date_text,
            Document.date_start,
            DocumentPerson.role,
        )
        .join(DocumentPerson, DocumentPerson.document_id == Document.id)
        .where(DocumentPerson.person_id == found.id)
        .distinct()
        .order_by(year.asc().nulls_last(), Document.date_start, Document.key, DocumentPerson.role)
    )
    if role:
        q = q.where(DocumentPerson.role == role)
    rows = session.execute(q).all()
    years = []
    for y, group in groupby(rows, key=lambda r: r.year):
        documents = []
        for _, same in groupby(group, key=lambda r: r.key):  # a document's rows are adjacent
            same = list(same)
            roles = tuple(sorted({r.role for r in same}, key=PERSON_ROLES.index))
            r = same[0]
            documents.append(
                DocumentRef(r.key, r.title, r.kind, r.date_text, r.date_start, roles[0], roles)
            )
        years.append(YearGroup(year=int(y) if y is not None else None, documents=tuple(documents)))
    return years
