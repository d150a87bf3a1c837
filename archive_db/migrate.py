"""Running the Alembic migrations from code: the CLI, the importer and the tests."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent  # the checkout, for an editable install

# The migration lock is a table lock on alembic_version, held by a connection of its
# own for a whole upgrade or downgrade (migrations/env.py): a second migration waits.
# An import holds the table in SHARE mode for its run, and schema_state for its read:
# a migration waits for them, they wait for a migration, and they do not wait for
# each other. Both modes need UPDATE, DELETE or TRUNCATE on the table, which readers
# never have (they could take the advisory lock used before, and block migrations).
# SHARE is taken with NOWAIT, tried again until it is granted: a request waiting in
# the queue would make the migration's own UPDATE of alembic_version (which does not
# conflict with the lock it holds) wait behind it, and the upgrade would never end.
MIGRATION_LOCK = "LOCK TABLE alembic_version IN SHARE UPDATE EXCLUSIVE MODE"
LOCK_NOT_AVAILABLE = "55P03"
SCHEMA_IN_USE = "LOCK TABLE alembic_version IN SHARE MODE NOWAIT"
_POLL_SECONDS = 0.1
# Alembic's own definition, so that its check-first finds the table made here.
_MADE_CONCURRENTLY = {"23505", "42P07", "42710"}  # unique_violation, duplicate_table/object
_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL, "
    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
)


def script_location() -> Path:
    """The migrations: shipped in the package as ``archive_db/migrations`` by a regular
    install (pyproject maps the checkout's ``migrations/`` there), else the checkout's
    own ``migrations/`` (an editable install, a developer's tree)."""
    packaged = PACKAGE_DIR / "migrations"
    return packaged if (packaged / "env.py").is_file() else PROJECT_ROOT / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic's configuration, built here rather than read from alembic.ini (which an
    installed package does not have; developers' ``alembic`` commands still use it);
    with an engine, migrations run on that database."""
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location()))
    cfg.set_main_option("path_separator", "os")
    if engine is not None:
        # env.py reads the URL from here before falling back to the resolution rule.
        cfg.set_main_option(
            "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations found"
    return head


def known_revisions() -> list[str]:
    """Every revision of this code's migrations, newest first."""
    return [rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _revision(conn)


def _revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


class SchemaState(StrEnum):
    EMPTY = "empty"  # no alembic_version: a new database
    BEHIND = "behind"  # migrated, but not to this code's head
    CURRENT = "current"
    UNKNOWN = "unknown"  # a revision this code does not know (newer code migrated it)


def hold_migration_lock(conn: Connection) -> None:
    """Take the migration lock in ``conn``'s transaction, which the caller keeps open
    (and idle) while another connection migrates. A new database gets its (empty)
    alembic_version first, so there is a table to lock."""
    if not conn.execute(text("SELECT to_regclass('alembic_version') IS NOT NULL")).scalar_one():
        try:
            conn.execute(text(_VERSION_TABLE))
            conn.commit()
        except (IntegrityError, ProgrammingError) as exc:
            # Two at once: IF NOT EXISTS does not serialize them, and the loser fails on
            # the catalog (23505 on pg_type, or 42P07 on the key's index): the other one
            # made it. Anything else is a real error.
            if getattr(exc.orig, "sqlstate", None) not in _MADE_CONCURRENTLY:
                raise
            conn.rollback()
    conn.execute(text("SET idle_in_transaction_session_timeout = 0"))
    conn.execute(text(MIGRATION_LOCK))


def schema_state(engine: Engine) -> tuple[SchemaState, str | None]:
    """The schema's state between upgrades. An upgrade commits revision by revision, so
    one in progress (another import migrating the same new database) is waited for:
    read halfway, its schema would pass for an old one. (A role that may not write
    alembic_version, a reader, reads without waiting.)"""
    with engine.connect() as conn:
        if conn.execute(
            text(
                "SELECT to_regclass('alembic_version') IS NOT NULL"
                " AND has_table_privilege('alembic_version', 'UPDATE')"
            )
        ).scalar_one():
            while True:
                try:
                    conn.execute(text(SCHEMA_IN_USE))
                    break
                except OperationalError as exc:
                    if getattr(exc.orig, "sqlstate", None) != LOCK_NOT_AVAILABLE:
                        raise
                    conn.rollback()
                    time.sleep(_POLL_SECONDS)
        current = _revision(conn)
        conn.rollback()
    if current is None:
        return SchemaState.EMPTY, None
    if current == head_revision():
        return SchemaState.CURRENT, current
    known = set(known_revisions())
    return (SchemaState.BEHIND if current in known else SchemaState.UNKNOWN), current


def upgrade(engine: Engine, revision: str = "head") -> None:
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)
