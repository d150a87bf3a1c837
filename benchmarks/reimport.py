"""The nightly run: re-importing an unchanged corpus, and one with 1 % of files changed.

    python -m benchmarks.reimport --n 10000

Targets: the no-op re-import takes ≤ 5 % of the cold import's time; with 1 % of
files changed, ≤ 10 %. The changed files are restored afterwards.
"""

from __future__ import annotations

import argparse

from benchmarks import common, synth
from benchmarks.common import Figure


def measure(n: int, jobs: int = 2, seed: int = 1) -> list[Figure]:
    path = common.corpus(n, seed)
    changed = list(range(0, n, 100))  # 1 %, spread over every volume
    with common.fresh_database() as url:
        cold = common.import_corpus(url, path, jobs=jobs)
        noop = common.import_corpus(url, path, jobs=jobs)
        assert noop.unchanged == n, noop
        synth.change(path, n, seed, changed, revision=1)
        try:
            one = common.import_corpus(url, path, jobs=jobs)
        finally:
            synth.change(path, n, seed, changed, revision=0)
        assert one.updated == len(changed), one
    return [
        Figure(f"cold import {n:,} docs --jobs {jobs}", cold.seconds, "s"),
        Figure("no-op re-import", noop.seconds, "s", cold.seconds, "cold import", "<= 0.05"),
        Figure(
            f"re-import, 1 % changed ({len(changed)} docs)",
            one.seconds,
            "s",
            cold.seconds,
            "cold import",
            "<= 0.1",
        ),
    ]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.reimport", description=__doc__)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    common.report(measure(args.n, args.jobs))


if __name__ == "__main__":
    main()
