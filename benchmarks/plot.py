"""The growth plot: import time per document and search latency against corpus size.

python -m benchmarks.plot [--json growth.json] [--out benchmarks/growth.png]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from benchmarks import common


def plot(rows: list[dict[str, float]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = [r["n"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(n, [r["ms_per_doc"] for r in rows], "o-")
    left.set(xscale="log", xlabel="documents", ylabel="ms per document",
             title="Cold import (--jobs 2)", ylim=(0, None))  # fmt: skip
    right.plot(n, [r["search_median_ms"] for r in rows], "o-", label="repository median")
    right.plot(n, [r["search_p95_ms"] for r in rows], "s--", label="repository p95")
    right.plot(n, [r["scan_median_ms"] for r in rows], "^:", label="ILIKE scan median")
    right.set(xscale="log", yscale="log", xlabel="documents", ylabel="ms",
              title="Full-text search latency")  # fmt: skip
    right.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=100)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.plot", description=__doc__)
    ap.add_argument("--json", type=Path, default=common.BENCH_DIR / "growth.json")
    ap.add_argument("--out", type=Path, default=Path("benchmarks/growth.png"))
    args = ap.parse_args(argv)
    plot(json.loads(args.json.read_text()), args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
