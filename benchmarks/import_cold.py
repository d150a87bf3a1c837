"""Cold import into an empty database, against the COPY limit and the naive ORM way.

    python -m benchmarks.import_cold --n 10000 [--naive-n 10000]

Targets: ≥ 0.8× the COPY limit's documents/s with --jobs 1, ≥ 1.3× with --jobs 2;
≥ 5× the naive ORM import's documents/s.
"""

from __future__ import annotations

import argparse

from benchmarks import baseline, common, naive
from benchmarks.common import Figure


def measure(n: int, naive_n: int | None = None, admin: object = None) -> list[Figure]:
    path = common.corpus(n)
    texts = baseline.read_texts(path)
    with common.fresh_database() as url:
        limit = n / baseline.copy_limit(url, texts)
    figures = [Figure("COPY limit (1 connection)", limit, "docs/s")]
    rates = {}
    for jobs in (1, 2):
        with common.fresh_database() as url:
            r = common.import_corpus(url, path, jobs=jobs)
            assert r.added == n, r
        rates[jobs] = n / r.seconds
        target = ">= 0.8" if jobs == 1 else ">= 1.3"
        figures.append(
            Figure(
                f"cold import {n:,} docs --jobs {jobs}",
                rates[jobs],
                "docs/s",
                limit,
                "COPY limit",
                target,
            )
        )
    if naive_n != 0:
        with common.fresh_database() as url:
            count, seconds = naive.naive_import(url, path, naive_n)
        for jobs in (1, 2):
            figures.append(
                Figure(
                    f"cold import --jobs {jobs} vs naive ORM ({count:,} docs)",
                    rates[jobs],
                    "docs/s",
                    count / seconds,
                    "naive ORM",
                    ">= 5",
                )
            )
    return figures


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.import_cold", description=__doc__)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument(
        "--naive-n",
        type=int,
        default=None,
        help="documents for the naive run (default: all n; 0 skips it)",
    )
    args = ap.parse_args(argv)
    common.report(measure(args.n, args.naive_n))


if __name__ == "__main__":
    main()
