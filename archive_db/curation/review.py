"""What a curator has to review: provisional entries with their name forms and
documents, most-linked first; and the decisions taken so far."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from archive_db.curation.tables import TABLES


@dataclass(frozen=True, slots=True)
class ProvisionalEntry:
    kind: str  # person or place
    slug: str
    preferred_name: str
    names: list[str]  # every form, as written, by language then name
    documents: int
    keys: list[str]  # the keys of its documents, sorted


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    kind: str
    action: str
    slug: str
    target: str | None
    names_normalized: list[str]
    decided_at: dt.datetime
    decided_by: str | None
    note: str | None


def _entries_sql(kind: str) -> str:
    t = TABLES[kind]
    return f"""
SELECT '{kind}' AS kind, e.slug, e.preferred_name,
       ARRAY(SELECT n.name FROM {t.names} n WHERE n.{t.fk} = e.id
             ORDER BY n.language, n.name) AS names,
       count(DISTINCT l.document_id) AS documents,
       coalesce(array_agg(DISTINCT d.key ORDER BY d.key) FILTER (WHERE d.key IS NOT NULL),
                '{{}}') AS keys
  FROM {t.entries} e
  LEFT JOIN {t.links} l ON l.{t.fk} = e.id
  LEFT JOIN documents d ON d.id = l.document_id
 WHERE e.provisional
 GROUP BY e.id"""


def provisional_entries(
    session: Session, kind: str | None = None, limit: int | None = None
) -> list[ProvisionalEntry]:
    """Provisional people and places, the most documents first, then by kind and slug."""
    kinds = [kind] if kind else list(TABLES)
    query = " UNION ALL ".join(_entries_sql(k) for k in kinds)
    query += " ORDER BY documents DESC, kind, slug"
    if limit is not None:
        query += " LIMIT :limit"
    rows = session.execute(text(query), {"limit": limit})
    return [ProvisionalEntry(*row) for row in rows]


def decisions(session: Session) -> list[Decision]:
    """Every decision, oldest first."""
    rows = session.execute(
        text(
            "SELECT id, kind, action, slug, target, names_normalized, decided_at, decided_by,"
            " note FROM curation_decisions ORDER BY decided_at, id"
        )
    )
    return [Decision(*row) for row in rows]
