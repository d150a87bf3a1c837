"""The import's worker processes: what runs inside them, and the pool that starts them.

A worker is spawned, not forked (a forked child would share the control connection's
socket), so it imports what it runs anew. Everything here and below it stays clear of
SQLAlchemy, Alembic and the CLI: a worker then starts in about 0.35 s of CPU instead
of 0.8–1.5 s, which was most of what a small run costs.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import psycopg

from archive_db.authorities import NameMatcher, normalize_name, script_of
from archive_db.importer.links import Linker
from archive_db.importer.triage import Work
from archive_db.importer.worker import BatchParser, BatchProcessor, BatchResult, Parsed

_SPAWN = multiprocessing.get_context("spawn")
# How soon a worker notices its parent is gone.
PARENT_POLL_SECONDS = 0.5


def connect(url: str, autocommit: bool = False) -> psycopg.Connection:
    return psycopg.connect(url, application_name="archive-db import", autocommit=autocommit)


def make_processor(
    conn: psycopg.Connection, matcher: NameMatcher, run_id: int, dry_run: bool
) -> BatchProcessor:
    linker = Linker(matcher, normalize_name, script_of)
    linker.load_ids(conn)
    linker.load_decisions(conn)
    return BatchProcessor(conn, linker, run_id, dry_run)


@contextlib.contextmanager
def pool(
    workers: int, initializer: Callable[..., None], matcher: NameMatcher, *initargs: object
) -> Iterator[ProcessPoolExecutor]:
    """Worker processes, each started with ``initializer(matcher_path, *initargs)``.

    The matcher goes in a private file that outlives the processes: as a process
    argument it would go down the pipe that starts each one, and its quarter of a
    megabyte would hold this process up until the child has done its imports (0.7 s).
    If the run stops early, queued batches are dropped and the ones being written
    waited for, so none is written after the failure or after the import lock is gone.
    """
    remove_orphans()
    with tempfile.TemporaryDirectory(prefix=f"{_FOLDER_PREFIX}{os.getpid()}-") as folder:
        path = Path(folder) / "matcher.pickle"
        path.write_bytes(pickle.dumps(matcher, pickle.HIGHEST_PROTOCOL))
        with ProcessPoolExecutor(
            workers,
            mp_context=_SPAWN,
            initializer=_start_worker,
            initargs=(os.getpid(), initializer, str(path), *initargs),
        ) as executor:
            try:
                yield executor
            except BaseException:
                executor.shutdown(cancel_futures=True)
                raise


_FOLDER_PREFIX = "archive-db-import-"


def remove_orphans(directory: Path | None = None) -> int:
    """Remove the matcher folders of imports that were killed (SIGKILL leaves them,
    a quarter of a megabyte each): those whose process is gone. A folder of a live
    process, or one without a process id in its name, is left alone."""
    removed = 0
    for folder in Path(directory or tempfile.gettempdir()).glob(f"{_FOLDER_PREFIX}*-*"):
        pid = folder.name.removeprefix(_FOLDER_PREFIX).split("-", 1)[0]
        if not pid.isdigit() or not folder.is_dir() or _alive(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def _start_worker(parent: int, initializer: Callable[..., None], *initargs: object) -> None:
    """Run ``initializer`` in a worker that ends when ``parent`` does: nothing tells a
    worker its parent was killed with SIGKILL, and it kept its database session."""
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    initializer(*initargs)


def _watch_parent(parent: int) -> None:
    # Polled rather than PR_SET_PDEATHSIG, which fires when the *thread* that started
    # the worker ends (the pool starts some from a thread of its own).
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(70)  # at once: no clean-up that would touch the pool's pipes


def _read_matcher(path: str) -> NameMatcher:
    matcher = pickle.loads(Path(path).read_bytes())
    assert isinstance(matcher, NameMatcher)
    return matcher


def started() -> None:
    """A worker process's first task: done once its imports and initializer are."""


# -- in a worker that parses and writes (--jobs 2 and more) ---------------------------
_processor: BatchProcessor | psycopg.Error | None = None


def init_writer(matcher_path: str, url: str, run_id: int, dry_run: bool) -> None:
    global _processor
    try:
        conn = connect(url, autocommit=True)
        _processor = make_processor(conn, _read_matcher(matcher_path), run_id, dry_run)
    except psycopg.Error as exc:
        # Raised from an initializer it would break the pool with a traceback on
        # stderr; raised with the first batch it is a database error like any other.
        _processor = exc


def process(work: list[Work]) -> BatchResult:
    if isinstance(_processor, psycopg.Error):
        raise _processor
    assert _processor is not None
    return _processor.process(work)


# -- in the parser process of --jobs 1 ------------------------------------------------
_parser: BatchParser | None = None


def init_parser(matcher_path: str, dry_run: bool) -> None:
    global _parser
    _parser = BatchParser(Linker(_read_matcher(matcher_path), normalize_name, script_of), dry_run)


def parse(work: list[Work]) -> Parsed:
    assert _parser is not None
    return _parser.parse(work)
