"""The naive import, for comparison: SQLAlchemy ORM, one ``session.add`` and flush per
document with its links — versions, archival references, citations, and the people
and places it names (archives, sources, people and places looked up, or added, one
query at a time). Parsing and name matching are the importer's own parser and
matcher, so the two do the same work and differ only in how they write it.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from archive_db.authorities import NameMatcher, load_authorities, normalize_name, script_of
from archive_db.authorities.sync import matcher_from_db, sync_authorities
from archive_db.db import make_engine
from archive_db.importer.discover import SeedPath, discover
from archive_db.importer.links import PERSON_ROLES, PLACE_ROLES, provisional_slug
from archive_db.importer.resolve import FOUND_CONFIDENCE
from archive_db.models import (
    ArchivalReference,
    Archive,
    Citation,
    Document,
    DocumentPerson,
    DocumentPlace,
    DocumentVersion,
    Person,
    PersonName,
    Place,
    PlaceName,
    Source,
)
from archive_db.seedfile import parse_bytes
from archive_db.seedfile.model import ParsedDocument
from archive_db.vocab import DOCUMENT_KINDS


def _archive(session: Session, code: str, latin: str | None, made: dict) -> Archive:
    if (found := made.get(code)) is None:
        found = session.scalars(select(Archive).where(Archive.code == code)).first()
    if found is None:
        found = made[code] = Archive(code=code, code_latin=latin)
        session.add(found)
    return found


def _source(session: Session, c: object, made: dict) -> Source:
    kind = c.source_kind.value  # type: ignore[attr-defined]
    key = {
        "kind": kind,
        "title": c.source,
        "volume": c.volume,
        "issue": c.issue,  # type: ignore[attr-defined]
        "year": c.year,
        "issue_date": c.issue_date,
    }  # type: ignore[attr-defined]
    q = select(Source).where(
        *(
            getattr(Source, k).is_(None) if v is None else getattr(Source, k) == v
            for k, v in key.items()
        )
    )
    if (found := made.get(tuple(key.values()))) is None:
        found = session.scalars(q).first()
    if found is None:
        found = made[tuple(key.values())] = Source(**key, title_latin=c.source_latin)  # type: ignore[attr-defined]
        session.add(found)
    return found


def _entry(
    session: Session, kind: str, slug: str, text: str, lang: str, made: dict
) -> Person | Place:
    """The person or place of ``slug``; a provisional one when nobody knows it."""
    model, names = (Person, PersonName) if kind == "person" else (Place, PlaceName)
    if (found := made.get((kind, slug))) is None:
        found = session.scalars(select(model).where(model.slug == slug)).first()
    if found is None:
        found = made[(kind, slug)] = model(slug=slug, preferred_name=text, provisional=True)
        found.names = [names(name=text, name_normalized=normalize_name(text), kind="variant",
                             language=lang, script=script_of(text))]  # fmt: skip
        session.add(found)
    return found


def _links(session: Session, matcher: NameMatcher, doc: ParsedDocument, row: Document) -> None:
    """The document's people and places: the names with a role, then those its bodies
    mention; each person or place looked up once per document, role and language."""
    seen: set[tuple[str, str, str, str]] = set()
    role_lines: set[tuple[str, str, str, int | None]] = set()  # a name there is no mention
    made: dict = {}

    def add(kind: str, slug: str, text: str, role: str, lang: str, line: int | None,
            method: str, confidence: float) -> None:  # fmt: skip
        if (kind, slug, role, lang) in seen:
            return
        seen.add((kind, slug, role, lang))
        if role != "mentioned":
            role_lines.add((kind, slug, lang, line))
        entry = _entry(session, kind, slug, text, lang, made)
        if kind == "person":
            link = DocumentPerson(person=entry, role=role, language=lang, name_as_written=text,
                                  line=line, method=method, confidence=confidence)  # fmt: skip
            row.people.append(link)
        else:
            row.places.append(DocumentPlace(place=entry, role=role, language=lang,
                                            name_as_written=text, line=line, method=method,
                                            confidence=confidence))  # fmt: skip
            if role == "origin" and row.origin_place is None:
                row.origin_place = entry

    for name in doc.names:
        if name.role in PERSON_ROLES | PLACE_ROLES:
            kind = "place" if name.role in PLACE_ROLES else "person"
            match = matcher.match(name.text, name.language)
            if match is not None and match.kind == kind:
                slug = match.slug
            else:
                slug = provisional_slug(normalize_name(name.text))
            roles = [name.role.value] + (["author"] if name.role.value == "signatory" else [])
            for role in roles:
                add(kind, slug, name.text, role, name.language, name.line, name.method,
                    name.confidence)
    for v in doc.versions:
        for m in matcher.find_mentions(v.body, v.language):
            line = v.body_line + v.body.count("\n", 0, m.start)
            if (m.kind, m.slug, v.language, line) not in role_lines:
                add(m.kind, m.slug, m.text_as_written, "mentioned", v.language, line,
                    "authority", FOUND_CONFIDENCE["authority"])


def _document(session: Session, doc: ParsedDocument, sha: str) -> Document:
    made: dict = {}  # archives and sources added for this document, not yet flushed
    d = doc.date
    ok = d.start is None or d.end is None or d.start <= d.end
    row = Document(
        key=doc.key,
        volume=doc.volume,
        position=doc.position,
        kind=doc.kind if doc.kind in DOCUMENT_KINDS else "other",
        title=doc.title,
        index_title=doc.index_title,
        date_text=d.text,
        date_header=d.header,
        date_start=d.start if ok else None,
        date_end=d.end if ok else None,
        date_precision=d.precision.value,
        date_edtf=d.edtf,
        date_certainty=d.certainty.value,
        source_path=doc.path,
        file_sha256=sha,
    )
    row.versions = [
        DocumentVersion(
            language=v.language,
            origin=v.origin.token,
            origin_kind=v.origin.kind.value,
            origin_volume=v.origin.volume,
            title=v.title,
            body=v.body,
            sha256=v.sha256,
            source_line=v.source_line,
            printed_date=v.printed_date,
            addressee_block=v.addressee_block or None,
            salutation=v.salutation,
            closing_date=v.closing_date,
            signatures=v.signatures or None,
            postscript=v.postscript,
            notes=v.notes or None,
        )
        for v in doc.versions
    ]
    row.archival_references = [
        ArchivalReference(
            position=i,
            archive=_archive(session, r.archive, r.archive_latin, made),
            fond=r.fond,
            opis=r.opis,
            delo=r.delo,
            folios=r.folios,
            verso=r.verso,
            ibid=r.ibid,
            printed_ru=r.printed.get("ru"),
            printed_en=r.printed.get("en"),
        )
        for i, r in enumerate(doc.archival_references, 1)
    ]
    row.citations = [
        Citation(
            position=i,
            source=_source(session, c, made),
            role=c.role,
            pages=c.pages,
            printed_ru=c.printed.get("ru"),
            printed_en=c.printed.get("en"),
        )
        for i, c in enumerate(doc.citations, 1)
    ]
    return row


def naive_import(url: URL, corpus: Path, limit: int | None = None) -> tuple[int, float]:
    """(documents, seconds): parse and add each file in turn, flushing after each."""
    engine = make_engine(url)
    paths = [p.path for p in discover([corpus]) if isinstance(p, SeedPath)][:limit]
    started = time.perf_counter()
    with Session(engine) as session, session.begin():
        authorities = load_authorities(corpus / "authorities")
        sync_authorities(session, authorities)
        matcher = matcher_from_db(session, authorities)
        for path in paths:
            data = path.read_bytes()
            doc = parse_bytes(data, str(path), mentions=False)  # the matcher finds them
            with session.no_autoflush:
                row = _document(session, doc, hashlib.sha256(data).hexdigest())
                _links(session, matcher, doc, row)
            session.add(row)
            session.flush()
            session.expunge_all()
    seconds = time.perf_counter() - started
    engine.dispose()
    return len(paths), seconds
