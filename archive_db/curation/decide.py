"""A curator's decisions on provisional entries: promote, merge, reject.

Each runs in the caller's transaction (nothing is committed here, so a refusal
leaves nothing half-done), takes the import lock for that transaction (an import
caches entry ids; it must not see one vanish midway), changes the entry and its
links, and records the decision in ``curation_decisions``, which the next imports
follow (``importer/resolve.py``). Only provisional entries are decided on: curated
ones live in the authority files, and are changed there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from archive_db.authorities.files import SLUG_PATTERN
from archive_db.authorities.normalize import normalize_name, script_of
from archive_db.curation.authority_entry import AuthorityEntryError, append_entry
from archive_db.curation.tables import TABLES, EntryTables
from archive_db.importer import lock
from archive_db.vocab import PLACE_KINDS


class CurationError(Exception):
    """A decision that cannot be taken, and why; nothing was changed."""


class CurationLocked(CurationError):
    """An import is running."""


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str
    id: int
    slug: str
    preferred_name: str
    provisional: bool

    @property
    def t(self) -> EntryTables:
        return TABLES[self.kind]


@dataclass(slots=True)
class Decided:
    action: str
    kind: str
    slug: str
    target: str | None
    links: int  # links removed (reject) or moved (merge) or confirmed (promote)
    documents: int
    names: list[str] = field(default_factory=list)  # normalized forms the decision covers
    file: Path | None = None  # the authority file a promoted entry was written to
    already: int = 0  # merge: links the target had already (same document, role, language)


def _lock(session: Session) -> None:
    if not lock.take_for_transaction(session):
        raise CurationLocked("an import is running; try again when it has finished")


def _entry(session: Session, slug: str, kind: str | None) -> _Entry:
    found = []
    for k in [kind] if kind else list(TABLES):
        row = session.execute(
            text(f"SELECT id, preferred_name, provisional FROM {TABLES[k].entries}"
                 " WHERE slug = :slug"),
            {"slug": slug},
        ).one_or_none()  # fmt: skip
        if row is not None:
            found.append(_Entry(k, row.id, slug, row.preferred_name, row.provisional))
    if not found:
        raise CurationError(f"no {kind or 'person or place'} has the slug {slug!r}")
    if len(found) > 1:
        raise CurationError(f"{slug!r} is both a person and a place: pass --kind")
    return found[0]


def _provisional(session: Session, slug: str, kind: str | None) -> _Entry:
    entry = _entry(session, slug, kind)
    if not entry.provisional:
        raise CurationError(
            f"{entry.kind} {slug} is curated (in the authority files): change it there"
        )
    return entry


def _names(session: Session, e: _Entry) -> list[tuple[str, str]]:
    """(name, language) of every form of the entry."""
    rows = session.execute(
        text(f"SELECT name, language FROM {e.t.names} WHERE {e.t.fk} = :id"
             " ORDER BY language, name"),
        {"id": e.id},
    )  # fmt: skip
    return [(name, language) for name, language in rows]


def _normalized(e: _Entry, names: list[tuple[str, str]]) -> list[str]:
    return sorted({normalize_name(n) for n, _ in names} | {normalize_name(e.preferred_name)})


def _link_counts(session: Session, e: _Entry) -> tuple[int, int]:
    row = session.execute(
        text(f"SELECT count(*), count(DISTINCT document_id) FROM {e.t.links}"
             f" WHERE {e.t.fk} = :id"),
        {"id": e.id},
    ).one()  # fmt: skip
    return row[0], row[1]


def _record(session: Session, d: Decided, by: str | None, note: str | None) -> None:
    session.execute(
        text(
            "INSERT INTO curation_decisions (kind, action, slug, target, names_normalized,"
            " decided_by, note) VALUES (:kind, :action, :slug, :target, :names, :by, :note)"
        ),
        {"kind": d.kind, "action": d.action, "slug": d.slug, "target": d.target,
         "names": d.names, "by": by, "note": note},
    )  # fmt: skip


def reject(
    session: Session, slug: str, kind: str | None = None, by: str | None = None,
    note: str | None = None,
) -> Decided:  # fmt: skip
    """Not a person or place: its links go, the entry goes, its name forms are
    remembered so that imports neither link nor recreate them."""
    _lock(session)
    e = _provisional(session, slug, kind)
    names = _normalized(e, _names(session, e))
    links, documents = _link_counts(session, e)
    params = {"id": e.id}
    session.execute(text(f"DELETE FROM {e.t.links} WHERE {e.t.fk} = :id"), params)
    if e.kind == "place":
        session.execute(
            text("UPDATE documents SET origin_place_id = NULL WHERE origin_place_id = :id"), params
        )
    session.execute(text(f"DELETE FROM {e.t.entries} WHERE id = :id"), params)
    decided = Decided("reject", e.kind, slug, None, links, documents, names)
    _record(session, decided, by, note)
    return decided


def merge(
    session: Session, slug: str, into: str, kind: str | None = None, by: str | None = None,
    note: str | None = None,
) -> Decided:  # fmt: skip
    """The same person or place as ``into``: links and name forms move there (the
    links as the curator's), the entry goes, and imports meeting its names link them
    to ``into``."""
    _lock(session)
    e = _provisional(session, slug, kind)
    target = _entry(session, into, e.kind)
    if target.id == e.id:
        raise CurationError(f"cannot merge {e.kind} {slug} into itself")
    names = _normalized(e, _names(session, e))
    t, params = e.t, {"src": e.id, "dst": target.id}
    # A link the target already has (same document, role, language) would clash: it
    # goes, and the decision says how many went.
    already = session.execute(
        text(
            f"DELETE FROM {t.links} l WHERE l.{t.fk} = :src AND EXISTS (SELECT 1 FROM {t.links} o"
            f" WHERE o.{t.fk} = :dst AND o.document_id = l.document_id AND o.role = l.role"
            " AND o.language = l.language)"
        ),
        params,
    ).rowcount
    links, documents = _link_counts(session, e)
    session.execute(
        text(f"UPDATE {t.links} SET {t.fk} = :dst, method = 'curator', confidence = 1"
             f" WHERE {t.fk} = :src"),
        params,
    )  # fmt: skip
    if e.kind == "place":
        session.execute(
            text("UPDATE documents SET origin_place_id = :dst WHERE origin_place_id = :src"),
            params,
        )
    session.execute(
        text(
            f"UPDATE {t.names} n SET {t.fk} = :dst WHERE n.{t.fk} = :src AND NOT EXISTS"
            f" (SELECT 1 FROM {t.names} o WHERE o.{t.fk} = :dst AND o.name = n.name"
            " AND o.language = n.language)"
        ),
        params,
    )
    session.execute(text(f"DELETE FROM {t.entries} WHERE id = :src"), params)
    decided = Decided("merge", e.kind, slug, into, links, documents, names, already=already)
    _record(session, decided, by, note)
    return decided


def promote(
    session: Session,
    slug: str,
    new_slug: str,
    authorities: Path,
    kind: str | None = None,
    name_en: str | None = None,
    name_ru: str | None = None,
    place_kind: str = "other",
    by: str | None = None,
    note: str | None = None,
) -> Decided:
    """A real person or place: it becomes a curated entry under ``new_slug``, written
    into the authority files of ``authorities`` (so the next import keeps it), and
    its links become the curator's.

    The file is written last, after every statement has succeeded; the caller's
    commit follows. (Should that commit fail, the next import syncs the entry from
    the file and folds the provisional one into it.)
    """
    _lock(session)
    e = _provisional(session, slug, kind)
    if not SLUG_PATTERN.match(new_slug):
        raise CurationError(f"slug {new_slug!r} must be lowercase words joined by hyphens")
    if new_slug.startswith("provisional-"):
        raise CurationError(f"slug {new_slug!r}: provisional- is for entries not yet reviewed")
    if e.kind == "place" and place_kind not in PLACE_KINDS:
        raise CurationError(f"place kind {place_kind!r} is not one of {', '.join(PLACE_KINDS)}")
    taken = session.execute(
        text(f"SELECT 1 FROM {e.t.entries} WHERE slug = :slug"), {"slug": new_slug}
    ).first()
    if taken:
        raise CurationError(f"{e.kind} {new_slug} already exists: merge into it instead")
    forms = _names(session, e)
    name_en = name_en or next((n for n, _ in forms if script_of(n) == "Latn"), None)
    if not name_en:
        raise CurationError(f"{e.kind} {slug} has no name in Latin letters: pass --name-en")
    variants = [(n, lang) for n, lang in forms if n not in (name_en, name_ru)]
    try:
        file = append_entry(authorities, e.kind, new_slug, name_en, name_ru, variants,
                            place_kind, f"Promoted from {slug} (archive-db curate promote).",
                            write=False)  # fmt: skip
    except AuthorityEntryError as exc:
        raise CurationError(str(exc)) from None
    names = _normalized(e, forms)
    links, documents = _link_counts(session, e)
    params = {"id": e.id, "slug": new_slug, "en": name_en, "ru": name_ru, "kind": place_kind}
    extra = ", kind = :kind" if e.kind == "place" else ""
    session.execute(
        text(f"UPDATE {e.t.entries} SET slug = :slug, provisional = false, preferred_name = :en,"
             f" preferred_name_ru = :ru{extra} WHERE id = :id"),
        params,
    )  # fmt: skip
    session.execute(
        text(f"UPDATE {e.t.links} SET method = 'curator', confidence = 1 WHERE {e.t.fk} = :id"),
        params,
    )
    decided = Decided("promote", e.kind, slug, new_slug, links, documents, names, file.path)
    _record(session, decided, by, note)
    file.write()
    return decided
