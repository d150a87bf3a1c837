"""What the data package holds, read from PostgreSQL's catalog at export time.

The package is every view in schema ``public`` (each one is a researcher view:
``docs/queries.md``) and the tables those views read, found through ``pg_depend``
rather than listed by hand, so a new view brings its tables with it. Today that is
the twelve data tables: documents and their texts, people, places, their names and
links, archives, references, sources and citations. Left out, because no view reads
them:

- ``import_runs``, ``import_messages``: the importer's audit trail (host names,
  process ids, files rejected), about runs on a machine rather than the documents;
  ``document_versions.import_run_id`` stays a plain number without a foreign key.
- ``curation_decisions``: the curators' log; what they decided is in people and places.
- ``withdrawn_documents``: documents taken out of the archive on purpose; a package
  must not publish them again (its ``document`` column holds their texts).
- ``import_lock``, ``grant_lock``, ``alembic_version``: machinery, no data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sqlalchemy import Connection, text

# Views in public, then the relations their rewrite rules depend on, recursively (a
# view on a view brings the tables behind both).
_RELATIONS = text("""
WITH RECURSIVE exported(oid) AS (
    SELECT oid FROM pg_class
    WHERE relnamespace = 'public'::regnamespace AND relkind IN ('v', 'm')
  UNION
    SELECT d.refobjid
    FROM exported e
    JOIN pg_rewrite r ON r.ev_class = e.oid
    JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
     AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> e.oid
)
SELECT c.oid, c.relname, c.relkind IN ('v', 'm') AS is_view,
       obj_description(c.oid, 'pg_class') AS comment
FROM exported JOIN pg_class c USING (oid)
WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
ORDER BY is_view, c.relname
""")

_COLUMNS = text("""
SELECT a.attrelid AS oid, a.attnum, a.attname, format_type(a.atttypid, NULL) AS pg_type,
       t.typcategory AS category, a.attnotnull AS not_null,
       col_description(a.attrelid, a.attnum) AS comment,
       CASE WHEN a.atttypid IN ('varchar'::regtype, 'bpchar'::regtype) AND a.atttypmod > 4
            THEN a.atttypmod - 4 END AS max_length
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_type t ON t.oid = a.atttypid
WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum
""")

_CONSTRAINTS = text("""
SELECT conrelid AS oid, contype, conkey, confrelid, confkey,
       pg_get_constraintdef(oid) AS definition
FROM pg_constraint
WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u', 'f', 'c')
ORDER BY conrelid, conname
""")

# CHECK (kind = ANY (ARRAY['letter'::text, 'telegram'::text])): the vocabulary of a
# text column (STYLE.md: text with a CHECK constraint, not native enums).
_ENUM_CHECK = re.compile(
    r"CHECK \(\((?P<column>\w+) = ANY \(ARRAY\[(?P<items>(?:'(?:[^']|'')*'::text(?:, )?)+)\]\)\)\)"
)
_ENUM_ITEM = re.compile(r"'((?:[^']|'')*)'::text")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    pg_type: str  # format_type: "bigint", "text[]", "timestamp with time zone"
    category: str  # pg_type.typcategory: "A" for every array type
    not_null: bool
    comment: str | None
    max_length: int | None = None
    unique: bool = False
    enum: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class ForeignKey:
    columns: tuple[str, ...]
    relation: str
    referenced: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Relation:
    name: str
    is_view: bool
    comment: str | None
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()


def exported_relations(conn: Connection) -> list[Relation]:
    """The package's tables (by name), then its views (by name), as the catalog has
    them in this transaction."""
    chosen = {r.oid: r for r in conn.execute(_RELATIONS)}
    names = {oid: r.relname for oid, r in chosen.items()}
    columns: dict[int, dict[int, Column]] = {oid: {} for oid in chosen}
    for c in conn.execute(_COLUMNS):
        if c.oid in chosen:
            columns[c.oid][c.attnum] = Column(
                c.attname, c.pg_type, c.category, c.not_null, c.comment, c.max_length
            )
    keys: dict[int, tuple[str, ...]] = {}
    foreign: dict[int, list[ForeignKey]] = {oid: [] for oid in chosen}
    for con in conn.execute(_CONSTRAINTS):
        if con.oid not in chosen:
            continue
        cols = columns[con.oid]
        named = tuple(cols[n].name for n in con.conkey)
        if con.contype == "p":
            keys[con.oid] = named
        elif con.contype == "u" and len(named) == 1:
            _update(cols, con.conkey[0], unique=True)
        elif con.contype == "f" and con.confrelid in chosen:  # only keys inside the package
            referenced = tuple(columns[con.confrelid][n].name for n in con.confkey)
            foreign[con.oid].append(ForeignKey(named, names[con.confrelid], referenced))
        elif con.contype == "c" and len(named) == 1 and (enum := _enum(con.definition, named[0])):
            _update(cols, con.conkey[0], enum=enum)
    return [
        Relation(r.relname, r.is_view, r.comment, tuple(columns[oid].values()),
                 keys.get(oid, ()), tuple(foreign[oid]))
        for oid, r in chosen.items()
    ]  # fmt: skip


def _update(columns: dict[int, Column], attnum: int, **changes: object) -> None:
    columns[attnum] = replace(columns[attnum], **changes)


def _enum(definition: str, column: str) -> tuple[str, ...] | None:
    """The allowed values of a ``col = ANY (ARRAY[...])`` check on ``column``, else None."""
    match = _ENUM_CHECK.fullmatch(definition)
    if match is None or match["column"] != column:
        return None
    return tuple(v.replace("''", "'") for v in _ENUM_ITEM.findall(match["items"]))
