"""Search latency through ``archive_db.repository`` against ILIKE scans.

    python -m benchmarks.search --n 52000      # ≈ 100,000 versions
    python -m benchmarks.search --url postgresql://…/db --explain   # an imported database

Ten full-text questions (Russian and English, with and without filters; see
``queries``), the documents of one delo, and one person's documents in a role; each
timed through the repository (median and p95 of ``--reps`` runs after a warm-up) and
as an ILIKE scan over the same rows. Each question's line says how many current
versions it matches, so the selectivity is in view. Target: ≥ 50× faster, and
``EXPLAIN`` shows the index.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from archive_db import config
from archive_db.db import make_engine
from archive_db.repository import ArchiveRepository
from archive_db.repository.search import count as search_count
from benchmarks import common, queries
from benchmarks.common import Figure

INDEXES = {
    "search": "ix_document_versions_search_vector",
    "date": "ix_documents_date_start_date_end",
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

    def __init__(self, session: Session, show: bool = False) -> None:
        self.session = session
        self.show = show  # print EXPLAIN (ANALYZE, BUFFERS) of each statement
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
        used = False
        for statement, params in recorded:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            conn = self.session.connection()
            explain = "EXPLAIN (ANALYZE, BUFFERS) " if self.show else "EXPLAIN "
            plan = conn.exec_driver_sql(explain + statement, params).scalars().all()
            used = used or any(index in line for line in plan)
            if self.show:
                print("\n".join(plan), flush=True)
        return used


@dataclass(slots=True)
class Asked:
    """One question's timings through the repository and as a scan."""

    name: str
    matches: int  # current versions the repository finds
    fast: list[float]
    slow: list[float]
    index_used: bool

    def figure(self, versions: int) -> Figure:
        share = self.matches / versions if versions else 0.0
        used = "used" if self.index_used else "NOT used"
        return Figure(
            f"  {self.name}: {self.matches:,} versions match ({share:.1%}); "
            f"p95 {_p95(self.fast) * 1000:,.4g} ms; index {used}",
            statistics.median(self.fast) * 1000, "ms", statistics.median(self.slow) * 1000,
            "ILIKE scan", speedup=True,
        )  # fmt: skip


def measure(
    url: URL, reps: int = 5, scan_reps: int = 1, label: str = "", explain: bool = False
) -> list[Figure]:
    """The search figures: the ten questions together (median, p95), each question
    on its own line with the number of versions it matches, then one delo and one
    person's documents by role. ``explain`` prints each statement's EXPLAIN ANALYZE."""
    engine = make_engine(url)
    figures: list[Figure] = []
    with Session(engine) as session:
        repo = ArchiveRepository(session)
        versions = session.execute(
            text("SELECT count(*) FROM document_versions WHERE is_current")
        ).scalar_one()
        explained = Explained(session, explain)
        raw = session.connection().connection.dbapi_connection
        assert raw is not None

        def scan(sql: str, params: dict[str, Any]) -> Callable[[], object]:
            return lambda: raw.execute(sql, params).fetchall()  # type: ignore[attr-defined]

        asked = []
        for q in queries.SEARCHES:

            def call(q: queries.Question = q) -> object:
                return repo.search(q.query, q.filters)

            if explain:
                print(f"-- {q.name}", flush=True)
            asked.append(
                Asked(
                    q.name,
                    search_count(session, q.query, q.filters),
                    _times(call, reps),
                    _times(scan(*queries.scan_sql(q)), scan_reps),
                    explained.uses(call, INDEXES["search"]),
                )
            )
        fast = [t for a in asked for t in a.fast]
        slow = [t for a in asked for t in a.slow]
        tag = f" ({versions:,} versions{label})"
        used = f"EXPLAIN: index in {sum(a.index_used for a in asked)}/{len(asked)}"
        figures += [
            Figure(f"search median{tag}", statistics.median(fast) * 1000, "ms",
                   statistics.median(slow) * 1000, "ILIKE scan median", ">= 50", speedup=True),
            Figure(f"search p95{tag}; {used}", _p95(fast) * 1000, "ms", _p95(slow) * 1000,
                   "ILIKE scan p95", ">= 50", speedup=True),
            *(a.figure(versions) for a in asked),
        ]  # fmt: skip

        # The broad question again, in date order: only the page's hits are ranked. (Not
        # one of the ten: those are asked as a researcher asks, best first.)
        broad = queries.SEARCHES[-1]

        def by_date() -> object:
            return repo.search(broad.query, broad.filters, order="date")

        if explain:
            print(f"-- {broad.name}, in date order", flush=True)
        t = _times(by_date, reps)
        verdict = "used" if explained.uses(by_date, INDEXES["date"]) else "NOT used"
        figures.append(
            Figure(f"  {broad.name} in date order; p95 {_p95(t) * 1000:,.4g} ms; date index "
                   f"{verdict}", statistics.median(t) * 1000, "ms",
                   statistics.median(asked[-1].slow) * 1000, "ILIKE scan", speedup=True)
        )  # fmt: skip

        def delo() -> object:
            return repo.file_documents(*queries.DELO)

        def person() -> object:
            return repo.person_timeline(queries.PERSON[0], role=queries.PERSON[1])

        for name, fn, baseline, index in (
            ("documents of one delo", delo, queries.DELO_SCAN, INDEXES["delo"]),
            ("one person's documents by role", person, queries.PERSON_SCAN, INDEXES["person"]),
        ):
            if explain:
                print(f"-- {name}", flush=True)
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
    ap.add_argument("--reps", type=int, default=5, help="repository calls per question")
    ap.add_argument("--scan-reps", type=int, default=1, help="ILIKE scans per question")
    ap.add_argument("--explain", action="store_true", help="print EXPLAIN (ANALYZE, BUFFERS)")
    ap.add_argument("--url", help="search this imported database instead of a fresh one")
    args = ap.parse_args(argv)
    if args.url:
        common.report(measure(config.sqlalchemy_url(args.url), args.reps, args.scan_reps,
                              explain=args.explain))  # fmt: skip
        return
    path = common.corpus(args.n)
    with common.fresh_database() as url:
        common.import_corpus(url, path, jobs=2)
        common.report(measure(url, args.reps, args.scan_reps, explain=args.explain))


if __name__ == "__main__":
    main()
