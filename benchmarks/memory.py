"""Peak resident memory of ``archive-db import`` (the process and its workers).

    python -m benchmarks.memory --sizes 10000 100000

The import runs as a subprocess; psutil samples the resident memory of its whole
process tree every 50 ms (the peak of the sum is reported), and
``getrusage(RUSAGE_CHILDREN)`` gives the largest single process. Target: no growth
with N (the corpus is streamed in batches).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
from sqlalchemy.engine import URL

from archive_db.config import libpq_url
from benchmarks import common
from benchmarks.common import Figure


@dataclass(slots=True)
class CliRun:
    seconds: float  # the import's own time, from its report
    documents: int
    peak_tree_mb: float  # peak of the summed RSS of the process tree
    max_process_mb: float  # largest single process (ru_maxrss of the children)


def cli_import(url: URL, path: Path, jobs: int = 2, recognition: bool = True) -> CliRun:
    exe = Path(sys.executable).with_name("archive-db")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cmd = [str(exe), "--database-url", libpq_url(url), "import", str(path), "--jobs",
               str(jobs), "--quiet", "--report", str(report),
               "--recognition" if recognition else "--no-recognition"]  # fmt: skip
        peak_mb, _ = sampled(cmd)
        data = json.loads(report.read_text())
    maxrss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    written = data["added"] + data["updated"] + data["rederived"] + data["unchanged"]
    return CliRun(data["seconds"], written, peak_mb, maxrss_kb / 1024)


def sampled(cmd: list[str]) -> tuple[float, float]:
    """Run ``cmd``; the peak of its process tree's summed RSS (MB) and its wall time (s)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            procs = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in procs))
        except psutil.Error:
            pass
        time.sleep(0.05)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} ... exited {proc.returncode}")
    return peak / 2**20, time.perf_counter() - started


def measure(sizes: list[int], jobs: int = 2) -> list[Figure]:
    figures: list[Figure] = []
    first: CliRun | None = None
    for n in sizes:
        with common.fresh_database() as url:
            run = cli_import(url, common.corpus(n), jobs, recognition=False)
        first = first or run
        figures += [
            Figure(f"import peak RSS, process tree, {n:,} docs --jobs {jobs}", run.peak_tree_mb,
                   "MB", first.peak_tree_mb, f"at {sizes[0]:,}", "<= 1.15"),
            Figure(f"import largest process RSS, {n:,} docs", run.max_process_mb, "MB"),
        ]  # fmt: skip
    return figures


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.memory", description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    common.report(measure(args.sizes, args.jobs))


if __name__ == "__main__":
    main()
