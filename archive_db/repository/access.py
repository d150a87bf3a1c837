"""Read-only database roles for researchers and other tools."""

from __future__ import annotations

from psycopg import sql
from sqlalchemy import Connection, text

from archive_db.db import psycopg_connection

SCHEMA = "public"
# pg_advisory_xact_lock key serializing grants in one database ("archvdb\x01"): GRANT
# rewrites the same catalog rows each time, and two at once fail with "tuple
# concurrently updated".
GRANT_LOCK = 0x6172636876646201


def password_verifier(connection: Connection, role: str, password: str) -> str:
    """The hashed form of ``password`` for ``role`` (the server's password_encryption),
    so that the cleartext never appears in a statement, a log or pg_stat_activity."""
    algorithm = connection.execute(text("SHOW password_encryption")).scalar_one()
    verifier = psycopg_connection(connection).pgconn.encrypt_password(
        password.encode(), role.encode(), algorithm.encode()
    )
    return verifier.decode()


def grant_reader(connection: Connection, role: str, password: str | None = None) -> bool:
    """Create or update ``role`` so that it can read every table and view in schema
    ``public`` (and those created later by the current user) and change nothing.

    With ``password`` the role can log in with it; a new role without one is NOLOGIN
    (a group to grant to people); an existing role keeps its LOGIN setting then.
    Runs in the caller's transaction; returns True when the role was created.
    """
    if not role or len(role) > 63:
        raise ValueError("a role name is 1 to 63 characters")
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": GRANT_LOCK})
    exists = connection.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
    ).first()
    # Roles are server-wide, so another database's run can still race on them; touch
    # the role's own rows only when something changes.
    read_only_default = connection.execute(
        text(
            "SELECT 1 FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole "
            "WHERE r.rolname = :role AND s.setdatabase = 0 "
            "AND 'default_transaction_read_only=on' = ANY (s.setconfig)"
        ),
        {"role": role},
    ).first()
    raw = psycopg_connection(connection)
    name = sql.Identifier(role)
    schema = sql.Identifier(SCHEMA)
    database = connection.execute(text("SELECT current_database()")).scalar_one()

    statements = []
    if password is not None:
        verifier = password_verifier(connection, role, password)
        verb = sql.SQL("ALTER ROLE" if exists else "CREATE ROLE")
        statements.append(
            sql.SQL("{} {} LOGIN PASSWORD {}").format(verb, name, sql.Literal(verifier))
        )
    elif not exists:
        statements.append(sql.SQL("CREATE ROLE {} NOLOGIN").format(name))
    if not read_only_default:
        # A reader's sessions are read-only even outside archive-db sql.
        statements.append(
            sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(name)
        )
    statements += [
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
