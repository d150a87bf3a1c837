"""People and places with their document counts, and a person's documents over time."""

from __future__ import annotations

from itertools import groupby

from sqlalchemy import extract, func, or_, select
from sqlalchemy.orm import Session

from archive_db.models import Document, DocumentPerson, DocumentPlace, Person, PersonName, Place
from archive_db.repository.errors import InvalidQuery
from archive_db.repository.filters import reject_nul
from archive_db.repository.names import name_forms
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


def find_person(session: Session, name: str) -> Person | None:
    """The person with this slug, or the one whose recorded name forms include ``name``."""
    if not name.strip():
        raise InvalidQuery("empty person name")
    reject_nul("person name", name)
    by_name = select(PersonName.person_id).where(PersonName.name_normalized.in_(name_forms(name)))
    rows = (
        session.execute(
            select(Person).where(or_(Person.slug == name.strip(), Person.id.in_(by_name)))
        )
        .scalars()
        .all()
    )
    return rows[0] if len(rows) == 1 else None


def person_timeline(session: Session, person: str, *, role: str | None = None) -> list[YearGroup]:
    """A person's documents (in ``role`` if given) grouped by year, undated last."""
    if role is not None and role not in PERSON_ROLES:
        raise InvalidQuery(f"unknown role {role!r}")
    found = find_person(session, person)
    if found is None:
        raise InvalidQuery(f"no single person is named {person!r}")
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
    return [
        YearGroup(
            year=int(y) if y is not None else None,
            documents=tuple(
                DocumentRef(r.key, r.title, r.kind, r.date_text, r.date_start, r.role)
                for r in group
            ),
        )
        for y, group in groupby(rows, key=lambda r: r.year)
    ]
