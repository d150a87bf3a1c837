"""Where the import's time goes: cProfile of a cold ``--jobs 1`` import.

    python -m benchmarks.profile --n 2000 [--top 30]

Python time only: the server's share shows up as waiting in psycopg (``wait``/
``execute``/``copy``). For the server side, see pg_stat_statements or perf.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats

from benchmarks import common


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--sort", default="cumulative")
    args = ap.parse_args(argv)
    path = common.corpus(args.n)
    with common.fresh_database() as url:
        profiler = cProfile.Profile()
        profiler.enable()
        # One batch: the import then parses in this process (with more, a parser
        # process works ahead and its time would not show here).
        report = common.import_corpus(url, path, jobs=1, batch_size=args.n)
        profiler.disable()
    print(f"{report.added} documents in {report.seconds:.2f}s ({report.documents_per_second}/s)")
    pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
