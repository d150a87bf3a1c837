"""Metadata, the declarative base, engine and session factories.

Nothing connects at import time: engines are built from a URL on request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import psycopg
from sqlalchemy import (
    BigInteger,
    Connection,
    DateTime,
    Engine,
    Identity,
    MetaData,
    create_engine,
    func,
    text,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, mapped_column, sessionmaker

from archive_db import config
from archive_db.errors import first_line

# Predictable constraint and index names, so migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Base(DeclarativeBase):
    metadata = metadata
    type_annotation_map = {  # noqa: RUF012 — SQLAlchemy reads it as a class attribute
        int: BigInteger,
        dt.datetime: DateTime(timezone=True),
    }


# Reusable column shapes.
intpk = Annotated[
    int,
    mapped_column(
        BigInteger,
        Identity(),
        primary_key=True,
        comment="Surrogate key; stable within this database only.",
    ),
]
created_at = Annotated[
    dt.datetime,
    mapped_column(server_default=func.now(), comment="When this row was written."),
]


class DatabaseUnavailable(Exception):
    """The database named by the URL cannot be reached; one line says where and why."""

    def __init__(self, url: URL, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"cannot connect to PostgreSQL at {config.describe(url)}: {reason}")


def make_engine(url: str | URL, **kwargs: object) -> Engine:
    return create_engine(
        config.sqlalchemy_url(url),
        pool_pre_ping=True,
        connect_args={"connect_timeout": 10, "application_name": "archive-db"},
        **kwargs,  # type: ignore[arg-type]
    )


def check_connection(engine: Engine) -> None:
    """Raise DatabaseUnavailable with libpq's own reason, first line only."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        reason = first_line(exc.orig) if exc.orig else str(exc)
        raise DatabaseUnavailable(engine.url, reason) from None


def psycopg_connection(connection: Connection) -> psycopg.Connection:
    """The psycopg connection under a SQLAlchemy one, for what SQLAlchemy does not
    wrap (psycopg.sql composition, encrypt_password, prepared statements)."""
    raw = connection.connection.driver_connection
    if not isinstance(raw, psycopg.Connection):
        raise TypeError("this needs a connection through the psycopg driver")
    return raw


SessionFactory = sessionmaker(expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session in one transaction: commit on success, roll back on error."""
    with SessionFactory(bind=engine) as session, session.begin():
        yield session
