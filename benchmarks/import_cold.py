"""Cold import into an empty database, against the COPY limit and the naive ORM way.

    python -m benchmarks.import_cold --n 10000 [--naive-n 10000] [--rounds 3]

Targets: ≥ 0.8× the COPY limit's documents/s with --jobs 1, ≥ 1.3× with --jobs 2;
≥ 5× the naive ORM import's documents/s.

On a small virtual machine one run moves by 10 % or more from the next, so with
``--rounds N`` the limit and the two imports run N times, interleaved (a slow spell of
the machine falls on all three): each rate is the median of its rounds, and each ratio
the median of the rounds' own ratios, which are printed too.

The imports run in this process, so their worker processes import this module again
(SQLAlchemy with it): a little more start-up than ``archive-db import`` has.
"""

from __future__ import annotations

import argparse
from statistics import median

from benchmarks import baseline, common, naive
from benchmarks.common import Figure


def measure(n: int, naive_n: int | None = None, rounds: int = 1) -> list[Figure]:
    path = common.corpus(n)
    texts = baseline.read_texts(path)
    limits: list[float] = []
    rates: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(rounds):
        with common.fresh_database() as url:
            limits.append(n / baseline.copy_limit(url, texts))
        for jobs in rates:
            with common.fresh_database() as url:
                r = common.import_corpus(url, path, jobs=jobs)
                assert r.added == n, r
            rates[jobs].append(n / r.seconds)
    limit = median(limits)
    figures = [Figure(f"COPY limit (1 connection){_rounds(limits)}", limit, "docs/s")]
    for jobs, rate in rates.items():
        ratios = [r / lim for r, lim in zip(rate, limits, strict=True)]
        figures.append(
            Figure(
                f"cold import {n:,} docs --jobs {jobs}{_rounds(ratios, 'ratio ', '×')}",
                median(rate),
                "docs/s",
                limit,
                "COPY limit",
                ">= 0.8" if jobs == 1 else ">= 1.3",
                paired=median(ratios) if rounds > 1 else None,
            )
        )
    if naive_n != 0:
        with common.fresh_database() as url:
            count, seconds = naive.naive_import(url, path, naive_n)
        for jobs, rate in rates.items():
            figures.append(
                Figure(
                    f"cold import --jobs {jobs} vs naive ORM ({count:,} docs)",
                    median(rate),
                    "docs/s",
                    count / seconds,
                    "naive ORM",
                    ">= 5",
                )
            )
    return figures


def _rounds(values: list[float], what: str = "", unit: str = "") -> str:
    """What a figure's name adds for several rounds, "(3 rounds: ratio 0.8573×, 0.717×, …)"."""
    if len(values) < 2:
        return ""
    return f" ({len(values)} rounds: {what}{', '.join(f'{v:.4g}{unit}' for v in values)})"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.import_cold", description=__doc__)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument(
        "--naive-n",
        type=int,
        default=None,
        help="documents for the naive run (default: all n; 0 skips it)",
    )
    ap.add_argument("--rounds", type=int, default=1, help="interleaved repetitions (median)")
    args = ap.parse_args(argv)
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    common.report(measure(args.n, args.naive_n, args.rounds))


if __name__ == "__main__":
    main()
