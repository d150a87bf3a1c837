"""Search latency through ``archive_db.repository`` against ILIKE scans.

    python -m benchmarks.search --n 52000      # ≈ 100,000 versions

Ten full-text questions (Russian and English, with and without filters), the
documents of one delo, and one person's documents in a role; each timed through the
repository (median and p95 of ``--reps`` runs after a warm-up) and as an ILIKE scan
over the same rows. Target: ≥ 50× faster, and ``EXPLAIN`` shows the index.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from archive_db.db import make_engine
from archive_db.repository import ArchiveRepository
from benchmarks import common, queries
from benchmarks.common import Figure

INDEXES = {
    "search": "ix_document_versions_search_vector",
    "delo": "ix_archival_references_archive_id_fond_opis_delo",
    "person": "ix_document_people_person_id_role",
}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _times(fn: Callable[[], object], reps: int) -> list[float]:
    fn()  # warm-up: plans, caches
    out = []
    for _ in range(reps):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


class Explained:
    """The statements a repository call sends, for EXPLAIN afterwards."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.statements: list[tuple[str, Any]] = []
        engine = session.get_bind()
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(
        self, conn: object, cursor: object, statement: str, params: Any, *_: object
    ) -> None:
        self.statements.append((statement, params))

    def uses(self, fn: Callable[[], object], index: str) -> bool:
        self.statements.clear()
        fn()
        recorded = list(self.statements)
        for statement, params in recorded:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            conn = self.session.connection()
            plan = conn.exec_driver_sql("EXPLAIN " + statement, params).scalars().all()
            if any(index in line for line in plan):
                return True
        return False


def measure(url: URL, reps: int = 5, scan_reps: int = 1, label: str = "") -> list[Figure]:
    engine = make_engine(url)
    figures: list[Figure] = []
    with Session(engine) as session:
        repo = ArchiveRepository(session)
        versions = session.execute(text("SELECT count(*) FROM document_versions")).scalar_one()
        explained = Explained(session)
        raw = session.connection().connection.dbapi_connection
        assert raw is not None

        def scan(sql: str, params: dict[str, Any]) -> Callable[[], object]:
            return lambda: raw.execute(sql, params).fetchall()  # type: ignore[attr-defined]

        fast: list[float] = []
        slow: list[float] = []
        index_used = []
        for q in queries.SEARCHES:

            def call(q: queries.Question = q) -> object:
                return repo.search(q.query, q.filters)

            fast += _times(call, reps)
            slow += _times(scan(*queries.scan_sql(q)), scan_reps)
            index_used.append(explained.uses(call, INDEXES["search"]))
        tag = f" ({versions:,} versions{label})"
        used = f"EXPLAIN: index in {sum(index_used)}/{len(index_used)}"
        figures += [
            Figure(f"search median{tag}", statistics.median(fast) * 1000, "ms",
                   statistics.median(slow) * 1000, "ILIKE scan median", ">= 50", speedup=True),
            Figure(f"search p95{tag}; {used}", _p95(fast) * 1000, "ms", _p95(slow) * 1000,
                   "ILIKE scan p95", ">= 50", speedup=True),
        ]  # fmt: skip

        def delo() -> object:
            return repo.file_documents(*queries.DELO)

        def person() -> object:
            return repo.person_timeline(queries.PERSON[0], role=queries.PERSON[1])

        for name, fn, baseline, index in (
            ("documents of one delo", delo, queries.DELO_SCAN, INDEXES["delo"]),
            ("one person's documents by role", person, queries.PERSON_SCAN, INDEXES["person"]),
        ):
            t = statistics.median(_times(fn, reps))
            s = statistics.median(_times(scan(*baseline), scan_reps))
            verdict = "used" if explained.uses(fn, index) else "NOT used"
            figures.append(Figure(f"{name}{tag}; EXPLAIN: index {verdict}", t * 1000, "ms",
                                  s * 1000, "ILIKE scan", ">= 50", speedup=True))  # fmt: skip
        session.rollback()
    engine.dispose()
    return figures


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.search", description=__doc__)
    ap.add_argument("--n", type=int, default=52_000, help="documents (≈1.92 versions each)")
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args(argv)
    path = common.corpus(args.n)
    with common.fresh_database() as url:
        common.import_corpus(url, path, jobs=2)
        common.report(measure(url, args.reps))


if __name__ == "__main__":
    main()
