"""Read-only database roles for researchers and other tools."""

from __future__ import annotations

from psycopg import sql
from sqlalchemy import Connection, text

from archive_db.db import psycopg_connection

SCHEMA = "public"
# Before the schema (and its grant_lock table) exists: pg_advisory_xact_lock with this
# key serializes grants ("archvdb\x01"). GRANT rewrites the same catalog rows each
# time, and two at once fail with "tuple concurrently updated".
GRANT_LOCK = 0x6172636876646201

# Every reader's settings. PostgreSQL lets any role change its own defaults (ALTER
# ROLE itself SET ..., even IN DATABASE), so these are defaults, not walls: what stops
# a reader is its privileges (SELECT only; no large objects, no WAL messages, no
# temporary tables) and the superuser-only temp_file_limit. grant-reader puts them
# back; archive-db sql passes its own at connection time, which win over the role's.
READER_SETTINGS = {
    "default_transaction_read_only": "on",
    # A sort or hash that outgrows work_mem spills to temporary files instead.
    "work_mem": "16MB",
    "hash_mem_multiplier": "1",
    # A dead client's backend ends: checked every few seconds while a query runs;
    # an idle transaction is ended after ten minutes.
    "client_connection_check_interval": "5s",
    "idle_in_transaction_session_timeout": "10min",
}
# Superuser-only settings: the reader cannot change them, on itself or in a session.
READER_SUPERUSER_SETTINGS = {"temp_file_limit": "2GB"}
# Functions every role may run that write lasting data however little it may SELECT:
# large objects (lo_create made 5 MB that outlived the session) and WAL messages
# (pg_logical_emit_message grew pg_wal by 1 GB in a READ ONLY transaction). Revoked
# from PUBLIC in the archive's database; the owner never uses them.
WRITING_FUNCTIONS = ("lo_creat", "lo_create", "lo_from_bytea", "lo_import", "lo_put",
                     "pg_logical_emit_message")  # fmt: skip
# Predefined roles whose members write, signal or read the server's files.
POWERFUL_ROLES = ("pg_write_all_data", "pg_read_server_files", "pg_write_server_files",
                   "pg_execute_server_program", "pg_signal_backend")  # fmt: skip


class NotHardened(UserWarning):
    """What grant_reader could not do without a superuser."""


def password_verifier(connection: Connection, role: str, password: str) -> str:
    """The hashed form of ``password`` for ``role`` (the server's password_encryption),
    so that the cleartext never appears in a statement, a log or pg_stat_activity."""
    algorithm = connection.execute(text("SHOW password_encryption")).scalar_one()
    verifier = psycopg_connection(connection).pgconn.encrypt_password(
        password.encode(), role.encode(), algorithm.encode()
    )
    return verifier.decode()


def refusal(connection: Connection, role: str) -> str | None:
    """Why ``role`` must not be made a reader, or None. A superuser, the login running
    this (or a role it belongs to), an owner of the archive (or a member of one), a
    role with CREATEROLE, CREATEDB, REPLICATION or BYPASSRLS or in a role that writes
    or signals: made read-only, it would lock the tool out or keep powers anyway."""
    row = connection.execute(
        text(
            """
            SELECT r.rolsuper,
                   r.rolname IN (session_user, current_user)
                   OR (NOT me.rolsuper AND pg_has_role(session_user, r.oid, 'MEMBER')),
                   pg_has_role(r.oid, d.datdba, 'MEMBER')
                   OR pg_has_role(r.oid, n.nspowner, 'MEMBER')
                   OR EXISTS (SELECT FROM pg_class c WHERE c.relnamespace = n.oid
                              AND pg_has_role(r.oid, c.relowner, 'MEMBER')),
                   r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls
                   OR EXISTS (SELECT FROM pg_roles p WHERE p.rolname = ANY (:powerful)
                              AND pg_has_role(r.oid, p.oid, 'MEMBER'))
            FROM pg_roles r, pg_roles me, pg_database d, pg_namespace n
            WHERE r.rolname = :role AND me.rolname = session_user
              AND d.datname = current_database() AND n.nspname = :schema
            """
        ),
        {"role": role, "schema": SCHEMA, "powerful": list(POWERFUL_ROLES)},
    ).first()
    if row is None:
        return None
    superuser, runs_this, owns, powers = row
    if superuser:
        return f"{role} is a superuser"
    if runs_this:
        return f"{role} is the role this command logs in as (it migrates and imports)"
    if owns:
        return f"{role} owns the archive or belongs to a role that does"
    if powers:
        return f"{role} has rights a reader must not have (creates roles or databases, " \
               "replication, or writes or signals through a predefined role)"
    return None


def _lock_grants(connection: Connection) -> None:
    if connection.execute(text("SELECT to_regclass('public.grant_lock') IS NOT NULL")).scalar():
        # Readers may SELECT it, which EXCLUSIVE does not conflict with; they cannot lock it.
        connection.execute(text("LOCK TABLE public.grant_lock IN EXCLUSIVE MODE"))
    else:  # a database not yet migrated: no archive, no reader to fear
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": GRANT_LOCK})


def _settings_statements(connection: Connection, role: str, superuser: bool) -> list[sql.Composed]:
    """ALTER ROLE statements putting the reader's settings back, only where they differ
    (roles are server-wide: another database's run may be touching the same rows)."""
    want = dict(READER_SETTINGS)
    superuser_only = dict(READER_SUPERUSER_SETTINGS)
    if superuser:
        want |= superuser_only
    else:
        # Keep what a superuser set before; a non-superuser cannot set or reset these.
        superuser_only = {}
    have = {
        database: dict(item.split("=", 1) for item in config)
        for database, config in connection.execute(
            text(
                "SELECT s.setdatabase, s.setconfig FROM pg_db_role_setting s"
                " JOIN pg_roles r ON r.oid = s.setrole WHERE r.rolname = :role"
                " AND s.setdatabase IN (0, (SELECT oid FROM pg_database"
                "                           WHERE datname = current_database()))"
            ),
            {"role": role},
        )
    }
    name = sql.Identifier(role)
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    out: list[sql.Composed] = []
    # Settings the reader made for itself in this database take precedence: gone.
    for key in sorted(set(next((v for d, v in have.items() if d != 0), {}))):
        if superuser or key not in READER_SUPERUSER_SETTINGS:
            out.append(sql.SQL("ALTER ROLE {} IN DATABASE {} RESET {}").format(
                name, sql.Identifier(database), sql.Identifier(key)))  # fmt: skip
    role_wide = have.get(0, {})
    for key in sorted(set(role_wide) - set(want) - set(READER_SUPERUSER_SETTINGS)):
        out.append(sql.SQL("ALTER ROLE {} RESET {}").format(name, sql.Identifier(key)))
    for key, value in want.items():
        if role_wide.get(key) != value:
            out.append(sql.SQL("ALTER ROLE {} SET {} = {}").format(
                name, sql.Identifier(key), sql.Literal(value)))  # fmt: skip
    return out


def _revoke_writing_functions(connection: Connection) -> list[sql.Composed]:
    """REVOKEs for the writing functions PUBLIC may still run in this database."""
    found = connection.execute(
        text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p"
            " WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname = ANY (:names)"
            " AND EXISTS (SELECT FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner)))"
            "             a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')"
            " ORDER BY 1"
        ),
        {"names": list(WRITING_FUNCTIONS)},
    ).scalars()
    return [sql.SQL("REVOKE EXECUTE ON FUNCTION {} FROM PUBLIC").format(sql.SQL(f)) for f in found]


def grant_reader(
    connection: Connection, role: str, password: str | None = None
) -> tuple[bool, list[str]]:
    """Create or update ``role`` so that it can read every table and view in schema
    ``public`` (and those created later by the current user) and change nothing.

    With ``password`` the role can log in with it; a new role without one is NOLOGIN
    (a group to grant to people); an existing role keeps its LOGIN setting then.
    Runs in the caller's transaction. Returns whether the role was created, and what
    could not be done because the connection is not a superuser's. Raises ValueError
    for a role that must not be a reader (see ``refusal``).
    """
    if not role or len(role) > 63:
        raise ValueError("a role name is 1 to 63 characters")
    if reason := refusal(connection, role):
        raise ValueError(f"refusing to make {role} a read-only role: {reason}")
    _lock_grants(connection)
    exists = connection.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
    ).first()
    superuser = bool(
        connection.execute(
            text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        ).scalar_one()
    )
    raw = psycopg_connection(connection)
    name = sql.Identifier(role)
    schema = sql.Identifier(SCHEMA)
    database = sql.Identifier(connection.execute(text("SELECT current_database()")).scalar_one())

    statements: list[sql.Composable] = []
    if password is not None:
        verifier = password_verifier(connection, role, password)
        verb = sql.SQL("ALTER ROLE" if exists else "CREATE ROLE")
        statements.append(
            sql.SQL("{} {} LOGIN PASSWORD {}").format(verb, name, sql.Literal(verifier))
        )
    elif not exists:
        statements.append(sql.SQL("CREATE ROLE {} NOLOGIN").format(name))
    with raw.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    statements = [
        *_settings_statements(connection, role, superuser),
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, name),
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
    # Temporary tables are bounded by no limit; the owner keeps the right.
    if connection.execute(
        text("SELECT has_database_privilege('public', current_database(), 'TEMPORARY')")
    ).scalar_one():
        statements.append(
            sql.SQL("REVOKE TEMPORARY ON DATABASE {} FROM PUBLIC").format(database)
        )
    missing: list[str] = []
    if superuser:
        statements += _revoke_writing_functions(connection)
    else:
        missing.append(
            f"temp_file_limit on {role} and the revoking of {', '.join(WRITING_FUNCTIONS)} "
            "from PUBLIC need a superuser: run grant-reader with a superuser's URL"
        )
    with raw.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return not exists, missing
