"""The linker of a worker: the name matcher built from what the database knows.

Built from person_names and place_names (authority entries and the provisional
people of earlier runs alike), so every worker matches against the same names.
"""

from __future__ import annotations

import psycopg

from archive_db.authorities.matching import NameMatcher, NameRow
from archive_db.authorities.normalize import normalize_name, script_of
from archive_db.importer.links import Linker

_NAMES_SQL = """
SELECT p.slug, 'person', n.name, n.language, n.kind
FROM person_names n JOIN people p ON p.id = n.person_id
UNION ALL
SELECT p.slug, 'place', n.name, n.language, n.kind
FROM place_names n JOIN places p ON p.id = n.place_id
"""


def linker_from_database(conn: psycopg.Connection) -> Linker:
    matcher = NameMatcher(NameRow(*row) for row in conn.execute(_NAMES_SQL))
    linker = Linker(matcher, normalize_name, script_of)
    linker.load_ids(conn)
    conn.commit()
    return linker
