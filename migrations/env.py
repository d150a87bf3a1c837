"""Alembic environment: a connection handed in through ``config.attributes`` first
(pytest-alembic, the CLI), else the URL set on the config, else archive-db's rule."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine, text

import archive_db.models  # noqa: F401 — registers every table on the metadata
from archive_db import config as db_config
from archive_db.db import make_engine, metadata
from archive_db.migrate import hold_migration_lock

# Fail fast instead of queueing behind a long query while holding locks.
LOCK_TIMEOUT = "5s"

target_metadata = metadata


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    url = context.config.get_main_option("sqlalchemy.url") or "postgresql+psycopg://"
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    handed = context.config.attributes.get("connection")
    if isinstance(handed, Connection):
        run_migrations(handed)
        return
    if isinstance(handed, Engine):  # pytest-alembic hands in its engine
        with handed.connect() as connection:
            run_migrations(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url") or db_config.resolve().url
    engine = make_engine(url)
    try:
        # The lock is held by a connection of its own, in a transaction open for the
        # whole run (the migrations commit one by one on the other). Wait as long as
        # it takes for another migration or a running import.
        with engine.connect() as holder, engine.connect() as connection:
            hold_migration_lock(holder)
            # Session-level settings on a connection we own; a connection handed
            # in belongs to its caller. Fail fast on table locks.
            connection.execute(text(f"SET lock_timeout = '{LOCK_TIMEOUT}'"))
            connection.commit()
            run_migrations(connection)
            holder.rollback()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
