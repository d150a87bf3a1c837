"""What every benchmark shares: the server, throw-away databases, cached corpora,
timing and the printed figures.

The server is ``$ARCHIVE_DB_BENCH_URL`` (an admin URL), else the local PostgreSQL
on 127.0.0.1. Databases are named ``bench_*`` and dropped after use; corpora are
cached under ``$ARCHIVE_DB_BENCH_DIR`` (default ``/tmp/archive-db-bench``).
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import URL

from archive_db import config, migrate
from archive_db.db import make_engine
from archive_db.importer import ImportOptions, ImportReport, run_import
from benchmarks import synth
from benchmarks.names import AUTHORITIES

ADMIN_URL = os.environ.get("ARCHIVE_DB_BENCH_URL", "postgresql://postgres@127.0.0.1/postgres")
BENCH_DIR = Path(os.environ.get("ARCHIVE_DB_BENCH_DIR", "/tmp/archive-db-bench"))
_template: dict[str, str] = {}


_settings: dict[str, object] = {}


def configure(admin: URL | str | None = None, bench_dir: Path | None = None) -> None:
    """Point the benchmarks at another server or corpus cache (the smoke test does)."""
    if admin is not None:
        _settings["admin"] = config.sqlalchemy_url(admin)
    if bench_dir is not None:
        _settings["dir"] = bench_dir


def admin_url() -> URL:
    return _settings.get("admin") or config.sqlalchemy_url(ADMIN_URL)  # type: ignore[return-value]


def bench_dir() -> Path:
    return _settings.get("dir") or BENCH_DIR  # type: ignore[return-value]


def _admin(admin: URL) -> psycopg.Connection:
    return psycopg.connect(config.libpq_url(admin), autocommit=True)


def create_database(admin: URL, template: str | None = None, prefix: str = "bench") -> URL:
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
    with _admin(admin) as conn:
        conn.execute(statement)
    return admin.set(database=name)


def drop_database(admin: URL, url: URL) -> None:
    with _admin(admin) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(url.database))
        )


def _drop_if_reachable(admin: URL, url: URL) -> None:
    """At exit: a test's embedded server may be gone already, and its databases with it."""
    with suppress(psycopg.OperationalError):
        drop_database(admin, url)


def _migrated_template(admin: URL) -> str:
    """A database migrated to head, made once per process and cloned per benchmark."""
    if (name := _template.get(str(admin))) is None:
        url = create_database(admin, prefix="bench_template")
        engine = make_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        name = _template[str(admin)] = str(url.database)
        import atexit

        atexit.register(_drop_if_reachable, admin, url)
    return name


@contextmanager
def fresh_database(admin: URL | None = None, migrated: bool = True) -> Iterator[URL]:
    """An empty (migrated) database of its own, dropped afterwards."""
    admin = admin or admin_url()
    url = create_database(admin, _migrated_template(admin) if migrated else None)
    try:
        yield url
    finally:
        drop_database(admin, url)


def corpus(n: int, seed: int = 1, root: Path | None = None) -> Path:
    """The synthetic corpus of ``n`` documents, written once and reused; its folder
    holds the authority files too, so ``archive-db import FOLDER`` finds them. The
    folder is named for the generator's version, so a changed generator writes anew."""
    out = (root or bench_dir()) / f"corpus-{n}-{seed}-v{synth.VERSION}"
    if not (out / ".complete").exists():
        shutil.rmtree(out, ignore_errors=True)
        synth.write_corpus(out, n, seed)
        shutil.copytree(AUTHORITIES, out / "authorities")
        (out / ".complete").write_text(f"{n} {seed}\n")
    return out


def import_corpus(url: URL, path: Path, jobs: int = 1, batch_size: int = 100,
                  recognition: bool = False) -> ImportReport:
    """An import in this process. Without entity recognition unless asked: the import
    figures are comparable across versions; benchmarks.recognition measures its cost."""
    return run_import(url, ImportOptions([str(path)], jobs=jobs, batch_size=batch_size,
                                         recognition=recognition))


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


@dataclass(slots=True)
class Figure:
    """One measured figure, its baseline from the same run, and the target's verdict."""

    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    target: str = ""  # on the ratio: ">= 0.8", "<= 0.05", "~ 0.15" (within ±15 %)
    speedup: bool = False  # ratio = baseline / value (times); else value / baseline
    paired: float | None = None  # the ratio, when it is the median of each round's own

    @property
    def ratio(self) -> float | None:
        if self.paired is not None:
            return self.paired
        if self.baseline in (None, 0):
            return None
        if self.speedup:
            return self.baseline / self.value if self.value else None  # type: ignore[operator]
        return self.value / self.baseline  # type: ignore[operator]

    @property
    def holds(self) -> bool | None:
        if not self.target or self.ratio is None:
            return None
        op, limit = self.target.split()
        if op == "~":  # within ±limit of 1
            return abs(self.ratio - 1) <= float(limit)
        return self.ratio >= float(limit) if op == ">=" else self.ratio <= float(limit)

    def line(self) -> str:
        text = f"{self.name}: {self.value:,.4g} {self.unit}"
        if self.ratio is not None:
            text += f" | {self.baseline_name}: {self.baseline:,.4g} | ratio {self.ratio:,.3g}×"
        if self.target:
            verdict = {True: "holds", False: "MISSED", None: "?"}[self.holds]
            text += f" (target {self.target}: {verdict})"
        return text


def report(figures: list[Figure]) -> None:
    for f in figures:
        print(f.line(), flush=True)
