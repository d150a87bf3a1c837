"""Faults mid-run: SIGKILL of the importer and its workers, connections terminated,
a database server that restarts, two imports at once.

After each: no document is partly written (each has its current versions, reference,
citations, people and places, exactly as an uninterrupted run writes them), the run log
tells the truth, and the next run ends with exactly the database an uninterrupted run
gives (a canonical dump by natural keys, no ids).
"""

from __future__ import annotations

import itertools
import os
import random
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import URL

from archive_db import config, migrate
from archive_db.db import make_engine
from tests.conftest import create_database, drop_database
from tests.reliability.conftest import canonical_dump, query, seeds_tree
from tests.reliability.faults import (
    APPLICATION,
    assert_nothing_half_written,
    finish,
    kill_group,
    search_index,
    start_import,
    wait_for_backends_gone,
    wait_for_documents,
)

LARGE = 400  # documents in the large run
BATCH = 20
ARGS = ("--jobs", 2, "--batch-size", BATCH)
RANDOM = random.Random(7)


@pytest.fixture(scope="module")
def large_run(
    pg_server: URL, template_url: URL, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, dict[str, list[tuple]]]]:
    """A tree of LARGE documents and the canonical dump of an uninterrupted import."""
    root = seeds_tree(tmp_path_factory.mktemp("large") / "seeds", LARGE)
    url = create_database(pg_server, template=template_url.database)
    try:
        done = finish(start_import(url, root, *ARGS))
        assert done.code == 0, done.stderr
        dump = canonical_dump(url)
        assert len(dump["documents"]) == LARGE
        yield root, dump
    finally:
        drop_database(pg_server, url)


def _converges(url: URL, root: Path, baseline: dict[str, list[tuple]]) -> None:
    again = finish(start_import(url, root, *ARGS))
    assert again.code == 0, again.stderr
    assert canonical_dump(url) == baseline
    assert search_index(url) is True  # built again by this run if a fault left it missing


# -- SIGKILL -----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.0, 0.2, 0.4, 0.6, 0.8])
def test_sigkill_mid_run_then_rerun(
    fraction: float,
    database_url: URL,
    pg_server: URL,
    large_run: tuple[Path, dict[str, list[tuple]]],
) -> None:
    root, baseline = large_run
    process = start_import(database_url, root, *ARGS)
    # Mid-run: once a share of the documents is committed, after a random extra delay.
    wait_for_documents(database_url, max(1, int(LARGE * fraction)), process)
    time.sleep(RANDOM.uniform(0, 0.2))
    kill_group(process)
    wait_for_backends_gone(pg_server, database_url.database)

    assert assert_nothing_half_written(database_url, baseline) > 0
    # Killed mid-run: the run never closed, nor built the search index its first load
    # dropped (the next run does).
    assert query(database_url, "SELECT status, finished_at FROM import_runs") == [("running", None)]
    assert search_index(database_url) is None
    _converges(database_url, root, baseline)
    runs = query(database_url, "SELECT status, finished_at IS NULL FROM import_runs ORDER BY id")
    # The next run, holding the lock, knows the first was killed and says so once.
    assert runs == [("failed", True), ("succeeded", False)]
    said = "SELECT count(*) FROM import_messages WHERE code = 'interrupted-run'"
    assert query(database_url, said) == [(1,)]


@pytest.mark.slow
def test_sigkill_at_random_times_including_startup(
    database_url: URL, pg_server: URL, large_run: tuple[Path, dict[str, list[tuple]]]
) -> None:
    """Killed after a random delay from the start (startup, authorities, batches)."""
    root, baseline = large_run
    for delay in sorted(RANDOM.uniform(0.1, 4.0) for _ in range(4)):
        process = start_import(database_url, root, *ARGS)
        time.sleep(delay)
        kill_group(process)
        wait_for_backends_gone(pg_server, database_url.database)
        assert_nothing_half_written(database_url, baseline)
    _converges(database_url, root, baseline)


# -- connections terminated, server restarted --------------------------------------


def _terminate(admin: URL, database: str, *, control: bool, workers: bool) -> int:
    """pg_terminate_backend the import's backends: the one holding the import lock
    (control) and/or the others (the batch writers)."""
    # pg_class is per database: the lock table's oid is looked up in the import's own.
    lock_table = query(admin.set(database=database), "SELECT 'import_lock'::regclass::oid")[0][0]
    rows = query(
        admin,
        "SELECT a.pid, EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid"
        "   AND l.locktype = 'relation' AND l.mode = 'ExclusiveLock' AND l.relation = %s)"
        " FROM pg_stat_activity a WHERE a.datname = %s AND a.application_name = %s",
        (lock_table, database, APPLICATION),
    )
    chosen = [pid for pid, holds in rows if (holds and control) or (not holds and workers)]
    for pid in chosen:
        query(admin, "SELECT pg_terminate_backend(%s)", (pid,))
    return len(chosen)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("jobs", "control", "workers"),
    [(2, True, True), (2, False, True), (1, True, True), (2, True, False)],
    ids=["all-two-workers", "workers-only", "all-one-process", "control-only"],
)
def test_connections_terminated_mid_run(
    jobs: int,
    control: bool,
    workers: bool,
    database_url: URL,
    pg_server: URL,
    large_run: tuple[Path, dict[str, list[tuple]]],
) -> None:
    root, baseline = large_run
    process = start_import(database_url, root, "--jobs", jobs, "--batch-size", BATCH)
    wait_for_documents(database_url, LARGE // 4, process)
    assert _terminate(pg_server, database_url.database, control=control, workers=workers) > 0
    done = finish(process)
    assert done.code == 2, (done.stdout, done.stderr)
    assert "archive-db: import failed: the database connection was lost" in done.stderr
    assert "Traceback" not in done.stderr
    wait_for_backends_gone(pg_server, database_url.database)
    assert_nothing_half_written(database_url, baseline)
    # The run is closed as failed from a fresh connection, the server being up, and
    # the search index its first load dropped is built again.
    assert query(database_url, "SELECT status, finished_at IS NOT NULL FROM import_runs") == [
        ("failed", True)
    ]
    assert search_index(database_url) is True
    _converges(database_url, root, baseline)


@pytest.fixture
def private_server(tmp_path: Path) -> Iterator[tuple[object, URL]]:
    """An embedded PostgreSQL of this test's own, to stop and start at will."""
    from archive_db import embedded

    module = embedded._server_module()
    server = module.get_server(tmp_path / "pgdata", cleanup_mode="delete")
    admin = config.sqlalchemy_url(server.get_uri("postgres"))
    try:
        yield server, admin
    finally:
        server.cleanup()


@pytest.mark.slow
def test_server_restart_mid_run(
    private_server: tuple[object, URL], large_run: tuple[Path, dict[str, list[tuple]]]
) -> None:
    from archive_db import embedded

    server, admin = private_server
    root, baseline = large_run
    url = create_database(admin)
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()

    process = start_import(url, root, *ARGS)
    wait_for_documents(url, LARGE // 3, process)
    embedded._server_module().pg_ctl(
        ["-w", "-m", "immediate", "stop"],
        pgdata=server.pgdata,  # type: ignore[attr-defined]
        user=server.system_user,  # type: ignore[attr-defined]
    )
    done = finish(process)
    assert done.code == 2, (done.stdout, done.stderr)
    assert "archive-db: import failed: the database connection was lost" in done.stderr
    assert "Traceback" not in done.stderr

    server.ensure_postgres_running()  # type: ignore[attr-defined]  # crash recovery
    stored = assert_nothing_half_written(url, baseline)
    assert stored < LARGE
    # The server was gone, so no one could mark the run: it stays 'running', and the
    # search index stays missing until the next run.
    assert query(url, "SELECT status, finished_at FROM import_runs") == [("running", None)]
    assert search_index(url) is None
    _converges(url, root, baseline)
    drop_database(admin, url)


# -- two at once -------------------------------------------------------------------

CONCURRENT = 120


def _no_duplicates(url: URL) -> None:
    for table, natural in (
        ("documents", "key"),
        ("document_versions", "document_id, language, origin, revision"),
        ("archival_references", "document_id, position"),
        ("citations", "document_id, position"),
        ("document_people", "document_id, person_id, role, language, name_as_written, line"),
        ("document_places", "document_id, place_id, role, language, name_as_written, line"),
        ("people", "slug"),
        ("places", "slug"),
        ("archives", "code"),
    ):
        dupes = query(
            url,
            f"SELECT count(*) FROM (SELECT {natural} FROM {table}"
            f" GROUP BY {natural} HAVING count(*) > 1) d",
        )
        assert dupes == [(0,)], table


@pytest.fixture(scope="module")
def concurrent_tree(
    pg_server: URL, template_url: URL, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, dict[str, list[tuple]]]]:
    root = seeds_tree(tmp_path_factory.mktemp("concurrent") / "seeds", CONCURRENT)
    url = create_database(pg_server, template=template_url.database)
    try:
        done = finish(start_import(url, root, "--jobs", 1, "--batch-size", 10))
        assert done.code == 0, done.stderr
        yield root, canonical_dump(url)
    finally:
        drop_database(pg_server, url)


def test_two_imports_at_once_one_exits_3(
    database_url: URL, concurrent_tree: tuple[Path, dict[str, list[tuple]]]
) -> None:
    root, baseline = concurrent_tree
    first = start_import(database_url, root, "--jobs", 1, "--batch-size", 10)
    second = start_import(database_url, root, "--jobs", 1, "--batch-size", 10)
    results = sorted([finish(first), finish(second)], key=lambda r: r.code)
    assert [r.code for r in results] == [0, 3], [(r.code, r.stderr) for r in results]
    assert "another import is running" in results[1].stderr
    assert canonical_dump(database_url) == baseline
    _no_duplicates(database_url)
    # The loser never opened a run.
    assert query(database_url, "SELECT status FROM import_runs") == [("succeeded",)]


def test_two_imports_at_once_with_wait_take_turns(
    database_url: URL, concurrent_tree: tuple[Path, dict[str, list[tuple]]]
) -> None:
    root, baseline = concurrent_tree
    runs = [
        start_import(database_url, root, "--wait", "--jobs", 2, "--batch-size", 10)
        for _ in range(3)
    ]
    results = [finish(r) for r in runs]
    assert [r.code for r in results] == [0, 0, 0], [r.stderr for r in results]
    assert canonical_dump(database_url) == baseline
    _no_duplicates(database_url)
    counts = query(
        database_url,
        "SELECT documents_added, documents_unchanged, status FROM import_runs ORDER BY id",
    )
    assert sorted(counts) == [
        (0, CONCURRENT, "succeeded"),
        (0, CONCURRENT, "succeeded"),
        (CONCURRENT, 0, "succeeded"),
    ]
    # One after another: no two runs overlap in time.
    spans = query(database_url, "SELECT started_at, finished_at FROM import_runs ORDER BY 1")
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_two_imports_at_once_on_an_empty_database(
    empty_database_url: URL, concurrent_tree: tuple[Path, dict[str, list[tuple]]]
) -> None:
    """Both find no schema and migrate; the migration lock serializes them."""
    root, baseline = concurrent_tree
    runs = [start_import(empty_database_url, root, "--wait", "--jobs", 1) for _ in range(2)]
    results = [finish(r) for r in runs]
    assert [r.code for r in results] == [0, 0], [r.stderr for r in results]
    assert canonical_dump(empty_database_url) == baseline
    _no_duplicates(empty_database_url)
    assert query(empty_database_url, "SELECT count(*) FROM alembic_version") == [(1,)]


def test_lock_is_released_when_the_holder_dies(
    database_url: URL, concurrent_tree: tuple[Path, dict[str, list[tuple]]]
) -> None:
    """A session-level lock: a holder whose connection ends frees it for the next run."""
    root, baseline = concurrent_tree
    holder = psycopg.connect(config.libpq_url(database_url))
    holder.execute("LOCK TABLE import_lock IN EXCLUSIVE MODE")
    blocked = finish(start_import(database_url, root, "--jobs", 1))
    assert blocked.code == 3
    holder.close()
    done = finish(start_import(database_url, root, "--jobs", 1))
    assert done.code == 0, done.stderr
    assert canonical_dump(database_url) == baseline


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
def test_workers_die_with_a_killed_importer(database_url: URL, tmp_path: Path) -> None:
    """kill -9 of the importer alone (not its group): its workers and the resource
    tracker end within seconds, and with them every database session of the run
    (before, all three lived on, each holding a session)."""
    root = seeds_tree(tmp_path / "seeds", 400)
    process = start_import(database_url, root, "--jobs", 2, "--batch-size", 5)
    deadline = time.monotonic() + 60
    children: set[int] = set()
    while len(children) < 3 and time.monotonic() < deadline:  # two workers, the tracker
        assert process.poll() is None, "the import ended before its workers started"
        children = _children(process.pid)
        time.sleep(0.05)
    assert len(children) >= 3, children
    wait_for_documents(database_url, 10, process)
    process.kill()
    process.communicate()
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = {pid for pid in children if _alive(pid)}
    for pid in survivors:  # leave nothing behind, then fail
        os.kill(pid, signal.SIGKILL)
    assert survivors == set()
    wait_for_backends_gone(database_url.set(database="postgres"), database_url.database)
