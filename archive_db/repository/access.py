"""Read-only database roles for researchers and other tools."""

from __future__ import annotations

import psycopg
from psycopg import sql
from sqlalchemy import Connection, text

SCHEMA = "public"


def _psycopg(connection: Connection) -> psycopg.Connection:
    raw = connection.connection.driver_connection
    if not isinstance(raw, psycopg.Connection):
        raise TypeError("grant_reader needs a connection through the psycopg driver")
    return raw


def grant_reader(connection: Connection, role: str, password: str | None = None) -> bool:
    """Create or update ``role`` so that it can read every table and view in schema
    ``public`` (and those created later by the current user) and change nothing.

    With ``password`` the role can log in with it; a new role without one is NOLOGIN
    (a group to grant to people); an existing role keeps its LOGIN setting then.
    Runs in the caller's transaction; returns True when the role was created.
    """
    if not role or len(role) > 63:
        raise ValueError("a role name is 1 to 63 characters")
    exists = connection.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
    ).first()
    raw = _psycopg(connection)
    name = sql.Identifier(role)
    schema = sql.Identifier(SCHEMA)
    database = connection.execute(text("SELECT current_database()")).scalar_one()

    if password is not None:
        login = sql.SQL("LOGIN PASSWORD {}").format(sql.Literal(password))
    elif not exists:
        login = sql.SQL("NOLOGIN")
    else:
        login = sql.SQL("")
    verb = sql.SQL("ALTER ROLE") if exists else sql.SQL("CREATE ROLE")
    statements = [
        sql.SQL("{} {} {}").format(verb, name, login),
        # A reader's sessions are read-only even outside archive-db sql.
        sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(name),
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), name),
        sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, name),
        sql.SQL("REVOKE CREATE ON SCHEMA {} FROM {}").format(schema, name),
        sql.SQL(
            "REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER "
            "ON ALL TABLES IN SCHEMA {} FROM {}"
        ).format(schema, name),
        sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(schema, name),
        sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT SELECT ON TABLES TO {}").format(
            schema, name
        ),
    ]
    with raw.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return not exists
