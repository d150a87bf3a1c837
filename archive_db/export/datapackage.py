"""A Frictionless Data Package: the researcher views and the tables behind them as CSV,
described by a ``datapackage.json`` built from the database's own catalog.

Which relations go in, and why the others stay out: ``datapackage_catalog``. How each
column is typed and spelled in CSV: ``datapackage_fields``. The descriptor follows
Data Package v2 (what frictionless 5 validates by default); each resource carries its
``bytes`` and ``hash`` so a validator can tell a damaged or truncated file.

The CSV comes straight out of PostgreSQL (``COPY ... TO STDOUT``) in the caller's
transaction, a chunk at a time: memory stays flat however large the archive is.

The output directory: OUT may be missing, empty, or hold an earlier export (a
``datapackage.json`` and ``data/`` with only CSV files); an earlier export is
replaced whole, CSV files it no longer names included. Anything else in OUT and the
export refuses (:class:`OutputRefused`) before writing anything. The old descriptor
goes first and the new one is written last, each file under a temporary name then
renamed, so an export that stops half-way leaves no ``datapackage.json`` describing
files that are missing or half written.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Connection, text

from archive_db.export import datapackage_fields as fields
from archive_db.export.datapackage_catalog import Relation, exported_relations

DESCRIPTOR = "datapackage.json"
DATA_DIR = "data"
_PART = ".part"  # a file being written; renamed when complete
_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
_DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True,
            "lineTerminator": "\n"}  # fmt: skip


class OutputRefused(Exception):
    """OUT is a file, or holds files that are not an earlier export's (the message
    names some): nothing was written."""


@dataclass(frozen=True, slots=True)
class ResourceCount:
    name: str
    path: str
    rows: int
    bytes: int = 0


@dataclass(frozen=True, slots=True)
class DataPackageReport:
    descriptor: Path
    resources: tuple[ResourceCount, ...]


def export_datapackage(conn: Connection, out_dir: Path) -> DataPackageReport:
    """Write every exported relation to ``out_dir/data/NAME.csv``, then
    ``out_dir/datapackage.json``. ``conn`` should be a :func:`snapshot`, so that the
    files and their foreign keys agree with each other."""
    relations = exported_relations(conn)
    # The transaction's start: the moment the snapshot shows.
    created = conn.execute(
        text("""SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')""")
    ).scalar_one()
    data = _prepare(Path(out_dir))
    raw = conn.connection.driver_connection
    resources: list[dict[str, Any]] = []
    counts: list[ResourceCount] = []
    for relation in relations:
        count, digest = _copy(raw, relation, data / f"{relation.name}.csv")
        resources.append(_resource(relation, count, digest))
        counts.append(count)
    written = {f"{r.name}.csv" for r in relations}
    for stale in data.glob("*.csv"):
        if stale.name not in written:
            stale.unlink()
    descriptor = Path(out_dir) / DESCRIPTOR
    _write_atomically(descriptor, _package(resources, created))
    return DataPackageReport(descriptor, tuple(counts))


def _prepare(out_dir: Path) -> Path:
    """Check the overwrite rule, remove an earlier descriptor, and give ``data/``."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputRefused(f"{out_dir} is a file, not a directory")
    foreign = _foreign_entries(out_dir)
    if foreign:
        shown = ", ".join(str(p.relative_to(out_dir)) for p in foreign[:3])
        more = f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        raise OutputRefused(
            f"{out_dir} holds {shown}{more}, not an earlier data package: "
            "give an empty or new directory"
        )
    (out_dir / DESCRIPTOR).unlink(missing_ok=True)
    data = out_dir / DATA_DIR
    data.mkdir(parents=True, exist_ok=True)
    for part in [out_dir / (DESCRIPTOR + _PART), *data.glob(f"*{_PART}")]:
        part.unlink(missing_ok=True)  # left by an export that stopped
    return data


def _foreign_entries(out_dir: Path) -> list[Path]:
    """What in ``out_dir`` an earlier export did not write."""
    if not out_dir.exists():
        return []
    ours = {DESCRIPTOR, DESCRIPTOR + _PART}
    found = []
    for entry in sorted(out_dir.iterdir()):
        if entry.name == DATA_DIR and entry.is_dir():
            found += [
                f for f in sorted(entry.iterdir())
                if not (f.is_file() and f.name.endswith((".csv", ".csv" + _PART)))
            ]  # fmt: skip
        elif not (entry.name in ours and entry.is_file()):
            found.append(entry)
    return found


def _copy(
    raw: psycopg.Connection[Any], relation: Relation, path: Path
) -> tuple[ResourceCount, str]:
    """Stream ``relation`` into ``path`` with COPY; its row count and sha256."""
    kept = [c for c in relation.columns if fields.field_type(c) is not None]
    select = sql.SQL("SELECT {} FROM public.{}").format(
        sql.SQL(", ").join(
            sql.SQL("{} AS {}").format(fields.cell(c), sql.Identifier(c.name)) for c in kept
        ),
        sql.Identifier(relation.name),
    )
    # The same data gives the same file (and hash): tables in key order, views (which
    # have no key) by every column, as text so that json and arrays sort too.
    if relation.primary_key:
        order = [sql.Identifier(name) for name in relation.primary_key]
    else:
        order = [sql.SQL("{}::text").format(sql.Identifier(c.name)) for c in kept]
    if order:
        select += sql.SQL(" ORDER BY {}").format(sql.SQL(", ").join(order))
    statement = sql.SQL(
        "COPY ({}) TO STDOUT WITH (FORMAT csv, HEADER true, FORCE_QUOTE *, ENCODING 'UTF8')"
    ).format(select)
    digest, size = hashlib.sha256(), 0
    part = path.with_name(path.name + _PART)
    try:
        with part.open("wb") as out, raw.cursor() as cur:
            with cur.copy(statement) as copy:
                for chunk in copy:
                    out.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
            rows = cur.rowcount
            out.flush()
            os.fsync(out.fileno())
        part.replace(path)
    finally:
        part.unlink(missing_ok=True)
    relative = f"{DATA_DIR}/{path.name}"
    return ResourceCount(relation.name, relative, rows, size), digest.hexdigest()


def _resource(relation: Relation, count: ResourceCount, sha256: str) -> dict[str, Any]:
    kept = [c for c in relation.columns if fields.field_type(c) is not None]
    schema: dict[str, Any] = {"fields": [fields.field(c) for c in kept], "missingValues": [""]}
    if relation.primary_key:
        schema["primaryKey"] = list(relation.primary_key)
    if relation.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fk.columns),
             "reference": {"resource": fk.relation, "fields": list(fk.referenced)}}
            for fk in relation.foreign_keys
        ]  # fmt: skip
    resource: dict[str, Any] = {
        "name": relation.name,
        "type": "table",
        "path": count.path,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
    }
    if relation.comment:
        resource["description"] = relation.comment
    return resource | {
        "bytes": count.bytes,
        "hash": f"sha256:{sha256}",
        "dialect": _DIALECT,
        "schema": schema,
    }


def _package(resources: list[dict[str, Any]], created: str) -> dict[str, Any]:
    return {
        "$schema": _PROFILE,
        "name": "archive-db",
        "title": "archive-db: historical documents",
        "description": (
            "The researcher views of archive-db and the tables behind them, as one "
            "consistent snapshot of the archive taken at `created`. Every field's "
            "description is its column's comment in the database. Full-text search "
            "vectors (tsvector) are left out: they are derived from the texts."
        ),
        "created": created,
        "resources": resources,
    }


def _write_atomically(path: Path, descriptor: dict[str, Any]) -> None:
    part = path.with_name(path.name + _PART)
    with part.open("w", encoding="utf-8") as out:
        json.dump(descriptor, out, ensure_ascii=False, indent=2)
        out.write("\n")
        out.flush()
        os.fsync(out.fileno())
    part.replace(path)
