"""One line for the database errors a command cannot go on after: a server that does
not answer, a database without the archive's schema (or with an older one)."""

from __future__ import annotations

import sys
from typing import Any


def explain(exc: BaseException, root: dict[str, Any]) -> str | None:
    """The line to print for ``exc``, or None when it is not a database error.

    ``root`` is the root context's object: its engine, when a command made one, is
    asked for the schema's state.
    """
    if "sqlalchemy" not in sys.modules:  # nothing touched a database
        return None
    import psycopg
    from sqlalchemy.exc import DBAPIError, OperationalError

    from archive_db.db import DatabaseUnavailable
    from archive_db.errors import first_line

    if isinstance(exc, DatabaseUnavailable):
        return str(exc)
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(orig, psycopg.errors.UndefinedTable | psycopg.errors.UndefinedColumn
                  | psycopg.errors.UndefinedFunction):  # fmt: skip
        return _schema_advice(root.get("engine"), first_line(orig))
    if isinstance(exc, OperationalError):
        return f"database error: {first_line(exc)}"
    return None


def _schema_advice(engine: Any, reason: str) -> str:
    from archive_db import migrate

    try:
        state, revision = migrate.schema_state(engine) if engine is not None else (None, None)
    except Exception:  # the advice is a courtesy; the reason alone still says enough
        state, revision = None, None
    if state is migrate.SchemaState.EMPTY:
        return (f"this database has no archive schema ({reason}): run `archive-db db upgrade`, "
                "or `archive-db import SEEDS` which creates it")  # fmt: skip
    if state is migrate.SchemaState.BEHIND:
        return (f"the database schema is at {revision}, this archive-db needs "
                f"{migrate.head_revision()} ({reason}): run `archive-db db upgrade`")  # fmt: skip
    return f"database error: {reason}; is the schema current? `archive-db db status` says"
