"""Fixtures with test documents: in a rolled-back session, or committed in a database
of their own for the CLI and the cookbook."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from archive_db.db import make_engine, session_scope
from archive_db.repository.readonly import reader_login
from tests.conftest import create_database, drop_database
from tests.repository.data import Fixture, build


@pytest.fixture
def archive(session: Session) -> Fixture:
    """The test documents, in the test's rolled-back transaction."""
    return build(session)


@pytest.fixture(scope="session")
def seeded_url(pg_server: URL, template_url: URL) -> Iterator[URL]:
    """A migrated database holding the test documents, committed; shared by the tests
    that only read it (the CLI and the cookbook)."""
    url = create_database(pg_server, template=template_url.database)
    engine = make_engine(url)
    with session_scope(engine) as db:
        build(db)
    engine.dispose()
    yield url
    drop_database(pg_server, url)


@pytest.fixture
def seeded_database_url(database_url: URL) -> URL:
    """A database of this test's own, holding the test documents (for tests that write)."""
    engine = make_engine(database_url)
    with session_scope(engine) as db:
        build(db)
    engine.dispose()
    return database_url


@contextmanager
def reader_engine(url: URL) -> Iterator[Engine]:
    """An engine on ``url``'s database through a reader login of its own, the kind
    ``archive-db sql`` makes for each run; the login is dropped afterwards."""
    admin = make_engine(url)
    try:
        with reader_login(admin) as as_reader:
            engine = make_engine(as_reader)
            try:
                yield engine
            finally:
                engine.dispose()
    finally:
        admin.dispose()
