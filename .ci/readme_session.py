"""Run the README's "A session" block and check every line it shows is printed.

    python .ci/readme_session.py README.md      # in a folder holding seeds/

Each `$ ` line runs in bash (pipes as written); the lines under it are what it must
print, stdout and stderr together. What changes from run to run is compared loosely:
timings and rates, run numbers, the revision migrated to, the data directory's path;
a line the README cuts with " …" is compared up to the cut. With $ARCHIVE_DB_URL set
(the tests), the embedded server's first-run line is not expected. Standard library only: it
runs in the virtualenv of an installed wheel (.ci/wheel.sh).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

_VARYING = [
    (re.compile(r"\d+(\.\d+)?s \(\d+ documents/s\)"), "Ts (N documents/s)"),
    (re.compile(r"\[run \d+\]"), "[run N]"),
    (re.compile(r"migrating the database to \w+"), "migrating the database to REV"),
    (re.compile(r"its data is in \S+;"), "its data is in PATH;"),
]


def session(readme: str) -> list[tuple[str, list[str]]]:
    block = readme.split("## A session", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
    return steps


def loose(line: str) -> str:
    for pattern, replacement in _VARYING:
        line = pattern.sub(replacement, line)
    return line.rstrip()


def matches(expected: str, printed: list[str]) -> bool:
    want = loose(expected)
    if want.endswith(" …"):
        return any(p.startswith(want[:-2]) for p in printed)
    return want in printed


def main(readme_path: str) -> int:
    failures = 0
    for command, expected in session(Path(readme_path).read_text(encoding="utf-8")):
        if os.environ.get("ARCHIVE_DB_URL"):  # a server of one's own: no embedded one made
            expected = [e for e in expected if "created an embedded PostgreSQL" not in e]
        done = subprocess.run(["bash", "-c", command], capture_output=True, text=True,
                              timeout=300)  # fmt: skip
        printed = [loose(p) for p in (done.stderr + done.stdout).splitlines()]
        missing = [e for e in expected if not matches(e, printed)]
        if missing:
            failures += 1
            print(f"$ {command}\n  not printed: {missing}\n  printed: {printed}")
    print(f"README session: {'ok' if not failures else f'{failures} command(s) differ'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
