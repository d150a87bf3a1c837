"""The exports' speed and memory: TEI, CMIF and the data package of the synthetic
corpus, each run as ``archive-db export ...`` in a subprocess whose process tree's
RSS is sampled (benchmarks.memory.sampled).

    python -m benchmarks.export --sizes 1000 10000

Baselines, from the same run: the floor of reading the same rows and writing them out
(every current text and its document row, one file a document, with psycopg and no
XML) for speed; the same export at the smallest size for memory, which must stay
flat (target: peak RSS at N within 1.15× of that at the smallest size).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from sqlalchemy.engine import URL

from archive_db.config import libpq_url
from benchmarks import common
from benchmarks.common import Figure
from benchmarks.memory import sampled

EXPORTS = {
    "tei": lambda out: ["tei", "--all", str(out / "tei")],
    "cmif": lambda out: ["cmif", str(out / "cmif.xml")],
    "datapackage": lambda out: ["datapackage", str(out / "package")],
}


def floor(url: URL, out: Path) -> float:
    """Seconds to read every current text with its document row and write each
    document's texts to a file of its own: what any per-document export must do."""
    started = time.perf_counter()
    out.mkdir()
    with psycopg.connect(libpq_url(url)) as conn, conn.cursor(name="floor") as cur:
        cur.itersize = 2000
        cur.execute(
            "SELECT d.key, d.title, d.date_text, v.language, v.body FROM documents d "
            "JOIN document_versions v ON v.document_id = d.id AND v.is_current "
            "ORDER BY d.id, v.language"
        )
        for key, title, date, language, body in cur:
            with (out / f"{key}.txt").open("a", encoding="utf-8") as f:
                f.write(f"{title}\n{date}\n{language}\n{body}\n")
    return time.perf_counter() - started


def measure(sizes: list[int]) -> list[Figure]:
    figures: list[Figure] = []
    exe = str(Path(sys.executable).with_name("archive-db"))
    first: dict[str, float] = {}
    for n in sizes:
        with common.fresh_database() as url, tempfile.TemporaryDirectory() as tmp:
            common.import_corpus(url, common.corpus(n))
            base = floor(url, Path(tmp) / "floor")
            for name, args in EXPORTS.items():
                cmd = [exe, "--database-url", libpq_url(url), "export", *args(Path(tmp))]
                peak, seconds = sampled(cmd)
                first.setdefault(name, peak)
                figures += [
                    Figure(f"export {name}, {n:,} docs: time", seconds, "s", base,
                           "read and write the same texts, no XML"),
                    Figure(f"export {name}, {n:,} docs: ms per document", seconds / n * 1000,
                           "ms"),
                    Figure(f"export {name}, {n:,} docs: peak RSS", peak, "MB", first[name],
                           f"at {sizes[0]:,}", "<= 1.15"),
                ]  # fmt: skip
    return figures


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.export", description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    args = ap.parse_args(argv)
    common.report(measure(args.sizes))


if __name__ == "__main__":
    main()
