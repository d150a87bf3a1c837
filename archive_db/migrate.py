"""Running the Alembic migrations from code: the CLI, the importer and the tests."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent  # the checkout, for an editable install
# Serializes concurrent `upgrade` runs on one database (any 64-bit constant works);
# migrations/env.py holds it for the whole upgrade.
MIGRATION_LOCK_ID = 0x41524348_4D494752  # "ARCHMIGR"


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


def schema_state(engine: Engine) -> tuple[SchemaState, str | None]:
    """The schema's state between upgrades. An upgrade commits revision by revision, so
    one in progress (another import migrating the same new database) is waited for:
    read halfway, its schema would pass for an old one."""
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:id)"), {"id": MIGRATION_LOCK_ID})
        try:
            current = _revision(conn)
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": MIGRATION_LOCK_ID})
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
