"""The import run: lock, authorities, discovery, batches (here or in worker processes), report.

Parsing and writing happen in the same worker, one transaction per batch, so N
workers keep N server backends busy computing the tsvectors — that is where the
time goes. The main process only walks the tree, hands out batches and keeps the
run's books.
"""

from __future__ import annotations

import contextlib
import itertools
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psycopg
from sqlalchemy.engine import URL

from archive_db import migrate
from archive_db.authorities import AuthorityFileError, NameMatcher, load_authorities
from archive_db.authorities.files import FILES as AUTHORITY_FILES
from archive_db.authorities.sync import matcher_from_db, sync_authorities
from archive_db.config import libpq_url
from archive_db.db import make_engine, session_scope
from archive_db.errors import first_line
from archive_db.importer import lock, processes, runlog, search_index
from archive_db.importer.discover import PathProblem, SeedPath, discover
from archive_db.importer.failures import RunStopped, verdict
from archive_db.importer.messages import Message
from archive_db.importer.provisional import merge_provisional
from archive_db.importer.runlog import Totals
from archive_db.importer.triage import Work, triage
from archive_db.importer.worker import BatchProcessor, BatchResult, Parsed


@dataclass(slots=True)
class ImportOptions:
    paths: list[str]
    dry_run: bool = False
    jobs: int = 1
    batch_size: int = 100
    wait: bool = False
    authorities: Path | None = None  # None: the first "authorities" folder under the paths
    readd_withdrawn: bool = False  # import the files of withdrawn documents too
    # Entity recognition of the people and places a Russian text names (recognition/):
    # about ten times the rest of a new document's cost; off for a quick first look.
    recognition: bool = True


@dataclass(slots=True)
class ImportReport:
    run_id: int
    status: str
    dry_run: bool
    files_seen: int
    added: int
    updated: int
    rederived: int  # unchanged files whose documents an older parser/linker had derived
    unchanged: int
    rejected: int
    warnings: int
    revisions: int
    seconds: float
    documents_per_second: float
    rejections: list[str] = field(default_factory=list)
    shown_warnings: list[str] = field(default_factory=list)  # the first few; all are stored
    missing: list[str] = field(default_factory=list)
    withdrawn: int = 0  # files of withdrawn documents skipped

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class ImportFailed(Exception):
    """The run could not go on (the database went away); nothing was half-written."""


def find_authorities(paths: list[str]) -> Path | None:
    for given in paths:
        for candidate in (Path(given) / "authorities", Path(given).parent / "authorities"):
            if candidate.is_dir():
                return candidate
    return None


# -- the run -------------------------------------------------------------------------
def _batches(
    options: ImportOptions,
    totals: Totals,
    notes: list[Message],
    seen: dict[str, int],
    walked_volumes: set[str],
) -> Iterator[list[SeedPath]]:
    batch: list[SeedPath] = []
    repeated: list[SeedPath] = []
    for item in discover(options.paths):
        if isinstance(item, PathProblem):
            notes.append(Message(item.path, None, item.severity, item.code, item.message))
            continue
        totals.files_seen += 1
        if item.key in seen:
            repeated.append(item)
            continue
        seen[item.key] = totals.files_seen
        if item.walked and item.volume:
            walked_volumes.add(item.volume)
        batch.append(item)
        if len(batch) >= options.batch_size:
            yield batch
            batch = []
    if batch:
        yield batch
    notes += _repeated_keys(options.paths, repeated, seen)


def _repeated_keys(
    paths: list[str], repeated: list[SeedPath], seen: dict[str, int]
) -> list[Message]:
    """An error for each file whose key an earlier file of the run has, naming that file.

    A run remembers each key with the file's place in the walk, not its path (13 MB at
    100,000 files instead of 22), so the earlier files are found by walking again; only
    a run with repeated keys does. A file no longer at its place is "an earlier file".
    """
    if not repeated:
        return []
    places = {seen[item.key]: item.key for item in repeated}
    first: dict[str, str] = {}
    walked = (item for item in discover(paths) if isinstance(item, SeedPath))
    for place, item in enumerate(itertools.islice(walked, max(places)), 1):
        if places.get(place) == item.key:
            first[item.key] = str(item.path)
    return [
        Message(
            str(item.path),
            None,
            "error",
            "duplicate-key",
            f"key {item.key} already imported in this run from "
            f"{first.get(item.key, 'an earlier file')}",
            item.key,
        )
        for item in repeated
    ]


def _no_linked_authorities(directory: Path) -> None:
    """Authority files are read like seed files: regular files only, never a link."""
    for name in AUTHORITY_FILES.values():
        if (directory / name).is_symlink():
            raise AuthorityFileError(directory / name, None, "symbolic link; not followed")


def _prepare_names(url: URL, directory: Path | None, sync: bool) -> NameMatcher:
    """Load the authority files into the database (unless a dry run) and build the
    matcher every worker uses, once, from all the names the database then holds."""
    if directory is not None:
        _no_linked_authorities(directory)
    authorities = load_authorities(directory) if directory is not None else None
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            if authorities is not None and sync:
                ids = sync_authorities(session, authorities)
                merge_provisional(session, ids.provisional_matches)
            return matcher_from_db(session, authorities)
    finally:
        engine.dispose()


def _missing(conn: psycopg.Connection, volumes: set[str], seen: dict[str, int]) -> list[str]:
    """Stored documents of the volumes walked as folders that this run did not see."""
    if not volumes:
        return []
    cur = conn.execute(
        "SELECT key FROM documents WHERE volume = ANY(%s) ORDER BY volume, position, key",
        (sorted(volumes),),
    )
    return [key for (key,) in cur if key not in seen]


def _triaged(
    control: psycopg.Connection,
    holder: psycopg.Connection,
    batches: Iterator[list[SeedPath]],
    batch_size: int,
    totals: Totals,
    notes: list[Message],
    progress: Callable[[int], None] | None,
    readd_withdrawn: bool = False,
) -> Iterator[list[Work]]:
    """The new and changed files, regrouped into full batches; unchanged ones are
    counted and dropped (a nightly run's few changes make one batch, not a hundred).

    Each batch first asks the connection holding the lock: if that connection is gone,
    another import may start, so this one stops there.
    """
    pending: list[Work] = []
    for seeds in batches:
        try:
            holder.execute("SELECT 1")
        except psycopg.Error as exc:
            raise RunStopped(
                "the database connection was lost (the one holding the import lock): "
                + first_line(exc)
            ) from None
        triaged = triage(control, seeds, readd_withdrawn)
        totals.unchanged += triaged.unchanged
        totals.withdrawn += triaged.withdrawn
        notes += triaged.problems
        if progress:
            progress(triaged.files - len(triaged.work))
        pending += triaged.work
        if len(pending) >= batch_size:
            yield pending[:batch_size]
            pending = pending[batch_size:]
    if pending:
        yield pending


def run_import(
    url: URL, options: ImportOptions, progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Run one import; ``progress`` is called with the number of files each step finished."""
    started = time.perf_counter()
    dsn = libpq_url(url)
    # Keeps the run's books; autocommit, so it never sits idle in a transaction for
    # the length of the run.
    control = processes.connect(dsn, autocommit=True)
    try:
        # Holds the locks in a transaction left open for the run (lock.py).
        holder = processes.connect(dsn)
    except BaseException:
        control.close()
        raise
    try:
        try:
            lock.acquire(holder, options.wait, migrate.head_revision())
        except lock.SchemaChanged as exc:
            raise ImportFailed(str(exc)) from None
        authorities = options.authorities or find_authorities(options.paths)
        matcher = _prepare_names(url, authorities, sync=not options.dry_run)
        matcher.recognition = options.recognition  # goes to the workers with the matcher
        run_id = runlog.open_run(control, options.paths, options.dry_run)
        totals = Totals()
        notes: list[Message] = runlog.close_interrupted(control, run_id)
        seen: dict[str, int] = {}  # key → place in the walk
        walked_volumes: set[str] = set()
        deferred = False  # True once this run has the search index to build
        try:
            # A first load builds the search index at the end (search_index.py).
            deferred = not options.dry_run and search_index.defer(control)
            if not deferred and search_index.missing(control):
                notes.append(search_index.missing_note(options.dry_run))
            batches = _batches(options, totals, notes, seen, walked_volumes)
            work = _triaged(control, holder, batches, options.batch_size, totals, notes,
                            progress, options.readd_withdrawn)  # fmt: skip
            for result in _run_batches(dsn, matcher, run_id, options, work):
                totals.add(result)
                if progress:
                    progress(result.files)
            totals.missing = _missing(control, walked_volumes, seen)
            notes += [
                Message(
                    k,
                    None,
                    "info",
                    "missing-from-volume",
                    "stored document is not in this import of its volume; kept",
                    k,
                )
                for k in totals.missing
            ]
            totals.add_notes(notes)
            runlog.record(control, run_id, notes)
            if deferred:
                search_index.build(control)
            if not options.dry_run:
                _tidy(control, totals)
                if options.readd_withdrawn:
                    _readded(control, run_id)
            runlog.close_run(control, run_id, totals, totals.status)
        except RunStopped as exc:
            _close_failed(dsn, run_id, totals, deferred)
            raise ImportFailed(str(exc)) from None
        except psycopg.Error as exc:
            _close_failed(dsn, run_id, totals, deferred)
            if verdict(exc, control) == "gone":
                raise ImportFailed(f"the database connection was lost: {first_line(exc)}") from None
            raise ImportFailed(f"the database refused: {first_line(exc)}") from None
        except BrokenProcessPool:
            _close_failed(dsn, run_id, totals, deferred)
            raise ImportFailed("a worker process died; its batch was rolled back") from None
        except BaseException as exc:
            # A bug or a full /tmp: the database is fine, so the index is built. Ctrl-C:
            # out at once; the next run builds it.
            _close_failed(dsn, run_id, totals, deferred and isinstance(exc, Exception))
            raise
    finally:
        control.close()
        holder.close()
    seconds = time.perf_counter() - started
    written = totals.added + totals.updated + totals.rederived + totals.unchanged
    return ImportReport(
        run_id=run_id,
        status=totals.status,
        dry_run=options.dry_run,
        files_seen=totals.files_seen,
        added=totals.added,
        updated=totals.updated,
        rederived=totals.rederived,
        unchanged=totals.unchanged,
        rejected=totals.rejected,
        warnings=totals.warnings,
        revisions=totals.revisions,
        seconds=round(seconds, 3),
        documents_per_second=round(written / seconds, 1) if seconds else 0.0,
        rejections=[str(m) for m in totals.rejections],
        shown_warnings=[str(m) for m in totals.shown_warnings],
        missing=totals.missing,
        withdrawn=totals.withdrawn,
    )


# Tables whose statistics the planner needs right after a large load.
_ANALYZED = (
    "documents",
    "document_versions",
    "document_people",
    "document_places",
    "archival_references",
    "citations",
    "people",
    "places",
    "sources",
)


def _readded(control: psycopg.Connection, run_id: int) -> None:
    """Withdrawals this run undid (--readd-withdrawn): their documents are back."""
    control.execute(
        "UPDATE withdrawn_documents w SET readded_at = now(), readded_run_id = %s"
        " WHERE w.readded_at IS NULL AND EXISTS (SELECT FROM documents d WHERE d.key = w.key)",
        (run_id,),
    )


def _tidy(control: psycopg.Connection, totals: Totals) -> None:
    """Leave the database ready to search. COPY fills the GIN index's pending list,
    which makes the planner price the index so high that it scans every text instead
    (57 ms instead of 9 ms for a rare word at 10k documents), until autovacuum comes
    by: flush it now. After a large load, refresh the statistics too."""
    written = totals.added + totals.updated + totals.rederived
    if not written:
        return
    # Only the index's owner may flush it; for anyone else autovacuum will, later. (It
    # is missing if a first load by its owner was killed and not yet built again.)
    with contextlib.suppress(psycopg.errors.InsufficientPrivilege, psycopg.errors.UndefinedTable):
        control.execute(f"SELECT gin_clean_pending_list('{search_index.NAME}')")
    if written >= 1000 or written >= totals.unchanged // 10:
        control.execute(f"ANALYZE {', '.join(_ANALYZED)}")


def _close_failed(dsn: str, run_id: int, totals: Totals, build_index: bool) -> None:
    """Mark the run failed from a fresh connection, and give search its index back if
    this run dropped it; if the database is gone, the next run does both."""
    with contextlib.suppress(psycopg.Error), processes.connect(dsn, autocommit=True) as conn:
        with contextlib.suppress(psycopg.Error):
            runlog.close_run(conn, run_id, totals, "failed")
        if build_index:
            search_index.build(conn)


def _parse_ahead(
    dsn: str, matcher: NameMatcher, run_id: int, dry_run: bool, batches: Iterator[list[Work]]
) -> Iterator[BatchResult]:
    """One connection, two processes: a parser process works a batch or two ahead
    (parsing and name matching are most of the Python time) while this one writes,
    so the server's to_tsvector and the parsing overlap instead of taking turns."""
    with (
        processes.connect(dsn, autocommit=True) as conn,
        processes.pool(1, processes.init_parser, matcher, dry_run) as parser,
    ):
        processor = processes.make_processor(conn, matcher, run_id, dry_run)
        yield from _while_starting(processor, parser.submit(processes.started), batches)
        ahead: deque[Future[Parsed]] = deque()  # in order, as this process would have
        for batch in batches:
            ahead.append(parser.submit(processes.parse, batch))
            if len(ahead) > 2:  # bounded: the corpus is streamed
                yield processor.write(ahead.popleft().result())
        while ahead:
            yield processor.write(ahead.popleft().result())


def _while_starting(
    processor: BatchProcessor, started: Future[None], batches: Iterator[list[Work]]
) -> Iterator[BatchResult]:
    """Worker processes take most of a second to start (their imports): until one has,
    this process parses and writes the batches itself, so the run does not wait."""
    while not started.done() and (batch := next(batches, None)) is not None:
        yield processor.process(batch)


def _run_batches(
    dsn: str,
    matcher: NameMatcher,
    run_id: int,
    options: ImportOptions,
    batches: Iterator[list[Work]],
) -> Iterator[BatchResult]:
    # A run with one batch to write is not worth starting processes for.
    head = list(itertools.islice(batches, 2))
    batches = itertools.chain(head, batches)
    if len(head) < 2:
        with processes.connect(dsn, autocommit=True) as conn:
            processor = processes.make_processor(conn, matcher, run_id, options.dry_run)
            yield from map(processor.process, batches)
        return
    if options.jobs <= 1:
        yield from _parse_ahead(dsn, matcher, run_id, options.dry_run, batches)
        return
    with processes.pool(
        options.jobs, processes.init_writer, matcher, dsn, run_id, options.dry_run
    ) as pool:
        started = pool.submit(processes.started)
        with processes.connect(dsn, autocommit=True) as conn:
            processor = processes.make_processor(conn, matcher, run_id, options.dry_run)
            yield from _while_starting(processor, started, batches)
        window: set[Future[BatchResult]] = set()
        for batch in batches:
            window.add(pool.submit(processes.process, batch))
            if len(window) >= 2 * options.jobs:  # bounded: the corpus is streamed
                done, window = wait(window, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in done)
        for future in window:
            yield future.result()
