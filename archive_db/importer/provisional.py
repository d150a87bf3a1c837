"""Folding provisional people and places into authority entries added later.

An import links an unknown addressee to a provisional entry; once the curators add
that name to the authority files, the next run moves the links to the real entry
and drops the provisional one, so no document keeps pointing at a stand-in.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

_TABLES = {
    "person": ("people", "document_people", "person_id"),
    "place": ("places", "document_places", "place_id"),
}


def merge_provisional(session: Session, matches: list[tuple[str, str, str]]) -> int:
    """Apply ``sync_authorities``' (kind, provisional slug, authority slug) findings."""
    for kind, provisional, authority in matches:
        table, links, fk = _TABLES[kind]
        params = {"provisional": provisional, "authority": authority}
        ids = f"(SELECT id FROM {table} WHERE slug = :provisional)"
        target = f"(SELECT id FROM {table} WHERE slug = :authority AND NOT provisional)"
        # A link the real entry already has (same document, role, language) would clash.
        session.execute(
            text(
                f"DELETE FROM {links} l WHERE l.{fk} = {ids} AND EXISTS (SELECT 1 FROM {links} o"
                f" WHERE o.{fk} = {target} AND o.document_id = l.document_id"
                " AND o.role = l.role AND o.language = l.language)"
            ),
            params,
        )
        session.execute(text(f"UPDATE {links} SET {fk} = {target} WHERE {fk} = {ids}"), params)
        if kind == "place":
            session.execute(
                text(
                    f"UPDATE documents SET origin_place_id = {target} WHERE origin_place_id = {ids}"
                ),
                params,
            )
        session.execute(text(f"DELETE FROM {table} WHERE slug = :provisional"), params)
    return len(matches)
