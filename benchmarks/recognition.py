"""What entity recognition costs an import: the cold import of the synthetic corpus with
and without it, side by side, and the cost per document.

    python -m benchmarks.recognition [--sizes 1000 10000] [--jobs 2]

Each size is imported twice into fresh databases by ``archive-db import --jobs N`` in a
subprocess (``--recognition`` / ``--no-recognition``), its own reported time counted.
Recognition runs in the parsing processes, on new, changed and out-of-date texts only
(an unchanged file is skipped by its hash before it is parsed): a no-op re-import costs
what it did. The synthetic texts are Russian-shaped nonsense, so the recognizer finds
few names there; its cost is reading the text, not what it finds.
"""

from __future__ import annotations

import argparse

from benchmarks import common, memory
from benchmarks.common import Figure


def measure(sizes: list[int], jobs: int = 2) -> list[Figure]:
    figures = []
    for n in sizes:
        runs = {}
        for recognition in (False, True):
            with common.fresh_database() as url:
                runs[recognition] = memory.cli_import(url, common.corpus(n), jobs, recognition)
        off, on = runs[False], runs[True]
        figures += [
            Figure(f"cold import {n:,} docs --jobs {jobs} with recognition: time per document",
                   1000 * on.seconds / n, "ms", 1000 * off.seconds / n, "without"),
            Figure(f"recognition's own cost, {n:,} docs", 1000 * (on.seconds - off.seconds) / n,
                   "ms/doc"),
            Figure(f"import peak RSS with recognition, {n:,} docs", on.peak_tree_mb, "MB",
                   off.peak_tree_mb, "without"),
        ]  # fmt: skip
    return figures


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.recognition", description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    common.report(measure(args.sizes, args.jobs))


if __name__ == "__main__":
    main()
