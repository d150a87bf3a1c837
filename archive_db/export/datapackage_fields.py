"""A column as a Table Schema field, and the SQL that writes its cells the way that
field type reads them.

Every cell is text in CSV, so each type gets a spelling Table Schema parses without
a ``format``: booleans ``true``/``false`` (PostgreSQL's CSV says ``t``/``f``), dates
``YYYY-MM-DD``, timestamps ISO 8601 in UTC (``2026-12-02T10:15:00.000000Z``) whatever
the session's DateStyle and TimeZone, arrays and json as JSON text (Table Schema's
``array`` and ``object`` are JSON). NULL is an empty cell; every other value is
quoted, so an empty string is ``""`` (readers that ignore quoting, frictionless among
them, take both for missing).
"""

from __future__ import annotations

from typing import Any

from psycopg import sql

from archive_db.export.datapackage_catalog import Column

_TYPES = {
    "smallint": "integer",
    "integer": "integer",
    "bigint": "integer",
    "real": "number",
    "double precision": "number",
    "numeric": "number",
    "boolean": "boolean",
    "date": "date",
    "timestamp with time zone": "datetime",
    "timestamp without time zone": "datetime",
    "json": "object",
    "jsonb": "object",
}
# Derived indexes rather than data: a reader rebuilds them from the texts.
SKIPPED_TYPES = frozenset({"tsvector"})


def field_type(column: Column) -> str | None:
    """The Table Schema type of ``column``; None for a column the package leaves out."""
    if column.pg_type in SKIPPED_TYPES:
        return None
    if column.category == "A":
        return "array"
    return _TYPES.get(column.pg_type, "string")


def field(column: Column) -> dict[str, Any]:
    """The Table Schema field descriptor of ``column`` (one the package keeps)."""
    described: dict[str, Any] = {"name": column.name, "type": field_type(column)}
    if column.comment:
        described["description"] = column.comment
    constraints: dict[str, Any] = {}
    if column.not_null:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.max_length:
        constraints["maxLength"] = column.max_length
    if constraints:
        described["constraints"] = constraints
    return described


def cell(column: Column) -> sql.Composable:
    """The SELECT expression that writes ``column`` as its field type reads it."""
    name = sql.Identifier(column.name)
    match field_type(column):
        case "boolean":
            return sql.SQL("{}::text").format(name)  # 'true' / 'false'
        case "date":
            return sql.SQL("to_char({}, 'YYYY-MM-DD')").format(name)
        case "datetime" if column.pg_type == "timestamp with time zone":
            return sql.SQL("to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                           ).format(name)  # fmt: skip
        case "datetime":
            return sql.SQL("to_char({}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US')").format(name)
        case "array" | "object":
            return sql.SQL("to_json({})::text").format(name)
        case _:
            return name
