"""Every figure in one run: cold import against the COPY limit and the naive ORM way,
re-imports, search against scans, the exports, growth with memory, and the plot.

    python -m benchmarks.all [--n 10000] [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from benchmarks import common, export, growth, import_cold, plot, recognition, reimport


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.all", description=__doc__)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--plot", type=Path, default=Path("benchmarks/growth.png"))
    args = ap.parse_args(argv)
    common.report(import_cold.measure(args.n))
    common.report(reimport.measure(args.n))
    common.report(recognition.measure([1_000, args.n]))
    common.report(export.measure([1_000, args.n]))
    out = common.bench_dir() / "growth.json"
    common.report(growth.measure(args.sizes, out=out))  # search and memory at each size
    plot.plot(json.loads(out.read_text()), args.plot)
    print(f"plot: {args.plot}")


if __name__ == "__main__":
    main()
