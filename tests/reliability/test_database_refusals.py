"""When the database, not the file, says no: a document's fault rejects that file
alone; contention is retried; anything else stops the run (exit 2) and rejects nothing."""

from __future__ import annotations

import random
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner, Result
from sqlalchemy.engine import URL

from archive_db.cli import main
from archive_db.config import libpq_url
from tests.reliability.conftest import SPECIMEN_TEXT, Run, query, scalar, seed_name, seeds_tree

RunAs = Callable[..., Result]
ERRORS = "SELECT code FROM import_messages WHERE severity = 'error'"


def test_a_source_title_too_long_to_index_rejects_its_file_alone(
    run_cli: Run, database_url: URL, tmp_path: Path
) -> None:
    # The source is created before the batch's transaction (links.py); the btree
    # index on sources cannot hold a 4 KB title that does not compress.
    root = seeds_tree(tmp_path, 3)
    rng = random.Random(1)
    title = " ".join("".join(rng.choices("абвгдежзиклмнопрстуфхцчшэюя", k=9)) for _ in range(400))
    bad = root / "tom18" / seed_name(3)
    bad.write_text(SPECIMEN_TEXT.replace("Вестник. 1996.", f"{title}. 1996."), encoding="utf-8")

    for _ in range(2):  # and again: the good files stay, the bad one is refused again
        result = run_cli("import", root)
        assert result.exit_code == 1, result.output
        assert bad.name in result.output and "database-rejected" in result.output
        assert scalar(database_url, "SELECT count(*) FROM documents") == 3
    assert query(database_url, ERRORS) == [("database-rejected",)] * 2


class TableLock:
    """Holds ACCESS EXCLUSIVE on a table from another connection until released."""

    def __init__(self, url: URL, table: str) -> None:
        self.conn = psycopg.connect(libpq_url(url))
        self.conn.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")

    def release_after(self, seconds: float) -> threading.Timer:
        timer = threading.Timer(seconds, self.release)
        timer.start()
        return timer

    def release(self) -> None:
        if not self.conn.closed:
            self.conn.rollback()
            self.conn.close()


def with_lock_timeout(url: URL) -> URL:
    return url.update_query_dict({"options": "-c lock_timeout=100"})


def test_a_lock_timeout_is_retried_not_blamed_on_the_files(
    database_url: URL, tmp_path: Path, run_as: RunAs
) -> None:
    root = seeds_tree(tmp_path, 3)
    lock = TableLock(database_url, "document_versions")
    timer = lock.release_after(1.0)
    try:
        result = run_as(with_lock_timeout(database_url), "import", root)
    finally:
        timer.join()
    assert result.exit_code == 0, result.output
    assert scalar(database_url, "SELECT count(*) FROM documents") == 3
    assert query(database_url, ERRORS) == []


def test_a_lock_that_never_goes_stops_the_run_and_rejects_nothing(
    database_url: URL, tmp_path: Path, run_as: RunAs
) -> None:
    root = seeds_tree(tmp_path, 3)
    lock = TableLock(database_url, "document_versions")
    try:
        result = run_as(with_lock_timeout(database_url), "import", root)
    finally:
        lock.release()
    assert result.exit_code == 2, result.output
    assert "kept refusing" in result.output and "lock timeout" in result.output
    assert "Traceback" not in result.output
    assert scalar(database_url, "SELECT count(*) FROM documents") == 0
    assert query(database_url, ERRORS) == []
    assert query(database_url, "SELECT status FROM import_runs") == [("failed",)]


@pytest.fixture
def run_as() -> RunAs:
    """``run_as(url, "import", path)``: the CLI against a URL of the test's choosing."""

    def run(url: URL, *args: object) -> Result:
        url_text = url.render_as_string(hide_password=False)
        return CliRunner().invoke(main, ["--database-url", url_text, *map(str, args)])

    return run


@pytest.fixture
def importer_role(database_url: URL) -> Iterator[URL]:
    """A login with every privilege on the tables but owning none of them."""
    name = f"importer_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(libpq_url(database_url), autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {name} LOGIN")
        conn.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {name}")
        conn.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {name}")
    yield database_url.set(username=name, password=None)
    with psycopg.connect(libpq_url(database_url), autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (name,)
        )
        conn.execute(f"DROP OWNED BY {name}")
        conn.execute(f"DROP ROLE {name}")


def test_a_role_that_owns_nothing_can_import(
    database_url: URL, importer_role: URL, tmp_path: Path, run_as: RunAs
) -> None:
    # Flushing the GIN pending list needs ownership; the import must not fail for it.
    result = run_as(importer_role, "import", seeds_tree(tmp_path, 3))
    assert result.exit_code == 0, result.output
    assert query(database_url, "SELECT status FROM import_runs") == [("succeeded",)]


def test_a_role_that_owns_nothing_leaves_a_missing_search_index_and_says_so(
    database_url: URL, importer_role: URL, tmp_path: Path, run_as: RunAs
) -> None:
    # As a first load by the owner killed before its end leaves it. Only an owner may
    # build it; anyone else imports into the table as it is, with a warning.
    index = "SELECT count(*) FROM pg_class WHERE relname = 'ix_document_versions_search_vector'"
    with psycopg.connect(libpq_url(database_url), autocommit=True) as conn:
        conn.execute("DROP INDEX ix_document_versions_search_vector")
    result = run_as(importer_role, "import", seeds_tree(tmp_path, 3))
    assert result.exit_code == 0, result.output
    assert "search-index-missing" in result.output
    assert scalar(database_url, index) == 0
    assert query(database_url, "SELECT status FROM import_runs") == [("succeeded",)]
    result = run_as(database_url, "import", tmp_path)  # the owner
    assert result.exit_code == 0 and "search-index-missing" not in result.output
    assert scalar(database_url, index) == 1


def test_a_missing_privilege_stops_the_run_instead_of_rejecting_every_file(
    database_url: URL, importer_role: URL, tmp_path: Path, run_as: RunAs
) -> None:
    with psycopg.connect(libpq_url(database_url), autocommit=True) as conn:
        conn.execute(f"REVOKE INSERT ON citations FROM {importer_role.username}")
    result = run_as(importer_role, "import", seeds_tree(tmp_path, 3))
    assert result.exit_code == 2, result.output
    assert "permission denied" in result.output and "Traceback" not in result.output
    assert scalar(database_url, "SELECT count(*) FROM documents") == 0
    assert query(database_url, ERRORS) == []
