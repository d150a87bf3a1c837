"""Validating and matching the filters that searches and listings share."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, or_, select

from archive_db.models import (
    ArchivalReference,
    Archive,
    Citation,
    Document,
    DocumentPerson,
    DocumentPlace,
    Person,
    PersonName,
    Place,
    PlaceName,
    Source,
)
from archive_db.repository.errors import InvalidQuery
from archive_db.repository.names import name_forms
from archive_db.vocab import DOCUMENT_KINDS, PERSON_ROLES, PLACE_ROLES

LANGUAGES = ("ru", "en")
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_date_bound(value: str | dt.date | None, *, end: bool = False) -> dt.date | None:
    """``1950``, ``1950-10`` or ``1950-10-08`` as the first day of that span, or its last
    with ``end`` (so ``--to 1950`` means up to 31 December 1950)."""
    if value is None or isinstance(value, dt.date):
        return value
    m = _DATE.match(value.strip())
    if not m:
        raise InvalidQuery(f"bad date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    try:
        if day:
            return dt.date(year, month, day)
        if month:
            first = dt.date(year, month, 1)
            if not end:
                return first
            following = dt.date(year + (month == 12), month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except ValueError as exc:
        raise InvalidQuery(f"bad date {value!r}: {exc}") from None


def reject_nul(name: str, value: str | None) -> None:
    """PostgreSQL text cannot hold NUL: say so, instead of failing in the driver."""
    if value is not None and "\x00" in value:
        raise InvalidQuery(f"{name} must not contain NUL characters")


def archive_code_forms(code: str) -> list[str]:
    """The forms an archive code may be stored in: as given and upper-cased, spaces collapsed."""
    reject_nul("archive code", code)
    clean = " ".join(code.split())
    if not clean:
        raise InvalidQuery("empty archive code")
    return list(dict.fromkeys([clean, clean.upper()]))


def like_pattern(text: str) -> str:
    """A substring ILIKE pattern matching ``text`` literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """What a search (or a listing) is narrowed to; None means no filter.

    Dates are overlap bounds: a document dated 1950-10 matches ``date_from=1950-10-08``.
    ``person``/``place`` match a slug or any recorded form of the name; ``archive``
    matches the Cyrillic or the Latin code (``АП РФ`` / ``AP RF``); ``source`` is a
    case-insensitive piece of a source title (``Вестник``, ``Vestnik``).
    """

    language: str | None = None
    date_from: dt.date | str | None = None
    date_to: dt.date | str | None = None
    kind: str | None = None
    person: str | None = None
    role: str | None = None
    place: str | None = None
    place_role: str | None = None
    archive: str | None = None
    fond: str | None = None
    opis: str | None = None
    delo: str | None = None
    source: str | None = None

    def validated(self) -> SearchFilters:
        """A copy with dates parsed; raises :class:`InvalidQuery` on bad values."""
        if self.language is not None and self.language not in LANGUAGES:
            raise InvalidQuery(f"language must be one of {', '.join(LANGUAGES)}")
        if self.kind is not None and self.kind not in DOCUMENT_KINDS:
            raise InvalidQuery(f"unknown kind {self.kind!r}: one of {', '.join(DOCUMENT_KINDS)}")
        if self.role is not None and self.role not in PERSON_ROLES:
            raise InvalidQuery(f"unknown role {self.role!r}: one of {', '.join(PERSON_ROLES)}")
        if self.place_role is not None and self.place_role not in PLACE_ROLES:
            raise InvalidQuery(f"unknown place role {self.place_role!r}")
        start = parse_date_bound(self.date_from)
        end = parse_date_bound(self.date_to, end=True)
        if start and end and start > end:
            raise InvalidQuery(f"date range is empty: {start} is after {end}")
        for name in ("person", "place", "archive", "fond", "opis", "delo", "source"):
            value = getattr(self, name)
            reject_nul(name, value)
            if value is not None and (not value.strip() or len(value) > 200):
                raise InvalidQuery(f"{name} must be 1 to 200 characters")
        return SearchFilters(
            language=self.language,
            date_from=start,
            date_to=end,
            kind=self.kind,
            person=self.person,
            role=self.role,
            place=self.place,
            place_role=self.place_role,
            archive=self.archive,
            fond=self.fond,
            opis=self.opis,
            delo=self.delo,
            source=self.source,
        )

    def document_conditions(self) -> list[ColumnElement[bool]]:
        """WHERE conditions on :class:`Document` (call on a validated copy)."""
        conds: list[ColumnElement[bool]] = []
        if self.kind:
            conds.append(Document.kind == self.kind)
        if self.date_from:
            conds.append(Document.date_end >= self.date_from)
        if self.date_to:
            conds.append(Document.date_start <= self.date_to)
        if self.person or self.role:
            dp = select(DocumentPerson.id).where(DocumentPerson.document_id == Document.id)
            if self.person:
                forms = name_forms(self.person)
                by_name = select(PersonName.person_id).where(PersonName.name_normalized.in_(forms))
                by_slug = select(Person.id).where(Person.slug == self.person.strip())
                dp = dp.where(
                    or_(
                        DocumentPerson.person_id.in_(by_name), DocumentPerson.person_id.in_(by_slug)
                    )
                )
            if self.role:
                dp = dp.where(DocumentPerson.role == self.role)
            conds.append(exists(dp))
        if self.place or self.place_role:
            dpl = select(DocumentPlace.id).where(DocumentPlace.document_id == Document.id)
            if self.place:
                forms = name_forms(self.place)
                by_name = select(PlaceName.place_id).where(PlaceName.name_normalized.in_(forms))
                by_slug = select(Place.id).where(Place.slug == self.place.strip())
                dpl = dpl.where(
                    or_(DocumentPlace.place_id.in_(by_name), DocumentPlace.place_id.in_(by_slug))
                )
            if self.place_role:
                dpl = dpl.where(DocumentPlace.role == self.place_role)
            conds.append(exists(dpl))
        if self.archive or self.fond or self.opis or self.delo:
            ref = select(ArchivalReference.id).where(ArchivalReference.document_id == Document.id)
            if self.archive:
                forms = archive_code_forms(self.archive)
                ids = select(Archive.id).where(
                    or_(Archive.code.in_(forms), Archive.code_latin.in_(forms))
                )
                ref = ref.where(ArchivalReference.archive_id.in_(ids))
            for column, value in (
                (ArchivalReference.fond, self.fond),
                (ArchivalReference.opis, self.opis),
                (ArchivalReference.delo, self.delo),
            ):
                if value:
                    ref = ref.where(column == value.strip())
            conds.append(exists(ref))
        if self.source:
            pattern = like_pattern(self.source.strip())
            cited = (
                select(Citation.id)
                .join(Source, Source.id == Citation.source_id)
                .where(
                    Citation.document_id == Document.id,
                    or_(
                        Source.title.ilike(pattern, escape="\\"),
                        Source.title_latin.ilike(pattern, escape="\\"),
                    ),
                )
            )
            conds.append(exists(cited))
        return conds

    def condition(self) -> ColumnElement[bool] | None:
        conds = self.document_conditions()
        return and_(*conds) if conds else None
