"""How the costs grow: cold import (time per document, peak memory) and search
latency at 1k, 10k and 100k documents; writes ``growth.json`` for the plot.

    python -m benchmarks.growth [--sizes 1000 10000 100000] [--json FILE]

Each size is imported by ``archive-db import --jobs 2`` in a subprocess (its own
reported time, so CLI start-up is not counted), then searched. Target: time per
document within ±15 % of the 10k figure; memory flat.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from benchmarks import common, memory, search
from benchmarks.common import Figure


def measure(
    sizes: list[int], jobs: int = 2, reps: int = 3, out: Path | None = None
) -> list[Figure]:
    rows = []
    for n in sizes:
        with common.fresh_database() as url:
            run = memory.cli_import(url, common.corpus(n), jobs, recognition=False)
            found = search.measure(url, reps=reps, label=f", {n:,} docs")
        rows.append({"n": n, "ms_per_doc": 1000 * run.seconds / n, "peak_tree_mb": run.peak_tree_mb,
                     "search_median_ms": found[0].value, "search_p95_ms": found[1].value,
                     "scan_median_ms": found[0].baseline,
                     "figures": [f.line() for f in found]})  # fmt: skip
    if out:
        out.write_text(json.dumps(rows, indent=2, ensure_ascii=False))
    ref = next((r for r in rows if r["n"] == 10_000), rows[0])
    figures = []
    for r in rows:
        figures += [
            Figure(f"cold import {r['n']:,} docs --jobs {jobs}: time per document",
                   r["ms_per_doc"], "ms", ref["ms_per_doc"], f"at {ref['n']:,}", "~ 0.15"),
            Figure(f"import peak RSS {r['n']:,} docs", r["peak_tree_mb"], "MB",
                   ref["peak_tree_mb"], f"at {ref['n']:,}", "<= 1.15"),
            Figure(f"search median {r['n']:,} docs", r["search_median_ms"], "ms",
                   r["scan_median_ms"], "ILIKE scan", ">= 50", speedup=True),
        ]  # fmt: skip
    return figures


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.growth", description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", type=Path, default=common.bench_dir() / "growth.json")
    args = ap.parse_args(argv)
    common.report(measure(args.sizes, args.jobs, out=args.json))


if __name__ == "__main__":
    main()
