"""Finding seed files: files, volume folders or whole trees, in a stable order.

Only regular files inside the trees given are read: a symbolic link is reported and
skipped wherever it is met (in a folder, or a file named on the command line), so a
link to /etc/shadow named like a seed file never becomes a document every reader can
SELECT. A folder named on the command line may itself be a link (the tree it names
is the one given). Names that cannot be printed or stored as they are (not UTF-8, or
holding control characters such as newline or ESC) are rejected with the name escaped.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from archive_db.seedfile.filenames import VOLUME_DIR, seed_name

SEED_SUFFIX = ".txt"
# Folders that hold other material than seed files.
SKIPPED_DIRS = {"authorities"}
_LINK_FILE = "symbolic link; not followed (an import reads only regular files in its trees)"
_LINK_DIR = "symbolic link to a folder; not followed (an import reads only the trees given)"


@dataclass(frozen=True, slots=True)
class SeedPath:
    path: Path
    volume: str | None  # the folder, when named like a volume (tom18), as documents.volume
    key: str
    position: int | None
    regular_name: bool  # NNN_<16 hex>.txt
    walked: bool = False  # found by walking a folder (so its volume was given whole)


@dataclass(frozen=True, slots=True)
class PathProblem:
    """A path that yields no seed file; ``severity`` says whether the run is at fault."""

    path: str
    code: str
    message: str
    severity: str = "error"


def printable(path: str | Path) -> str:
    """``path`` safe to print and to store as text: bytes that are not UTF-8 as \\xNN,
    control characters (newline, CR, ESC …) as \\n, \\r, \\x1b; the rest as it is."""
    raw = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(
        c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii")
        for c in raw
    )


def _bad_name(path: str | Path) -> PathProblem | None:
    shown = printable(path)
    if shown == os.fsdecode(path):
        return None
    return PathProblem(shown, "bad-file-name",
                       "the name is not valid UTF-8 or holds control characters")  # fmt: skip


def seed_path(path: Path, walked: bool = False) -> SeedPath:
    name = seed_name(path)
    return SeedPath(path, name.volume, name.key, name.position, name.regular, walked)


def discover(paths: Iterable[str | Path]) -> Iterator[SeedPath | PathProblem]:
    """Yield every seed file under ``paths`` (sorted per folder), and every problem."""
    for given in paths:
        path = Path(given)
        if (bad := _bad_name(path)) is not None:
            yield bad
        elif path.is_symlink() and not path.exists():
            yield PathProblem(str(path), "broken-link", "symbolic link to nothing")
        elif not path.exists():
            yield PathProblem(str(path), "not-found", "no such file or directory")
        elif path.is_dir():
            yield from _walk(path)
        elif path.is_symlink():
            yield PathProblem(str(path), "symlink", _LINK_FILE)
        elif path.is_file():
            yield seed_path(path)
        else:
            yield PathProblem(str(path), "not-a-file", "neither a file nor a folder")


def count_seed_files(paths: Iterable[str | Path]) -> int:
    """How many seed files ``discover`` finds (a walk, no file opened)."""
    return sum(isinstance(item, SeedPath) for item in discover(paths))


def _walk(root: Path) -> Iterator[SeedPath | PathProblem]:
    found = 0

    def on_error(err: OSError) -> None:
        problems.append(
            PathProblem(printable(err.filename), "unreadable", err.strerror or str(err))
        )

    problems: list[PathProblem] = []
    # followlinks=False: a linked folder shows in ``dirnames`` and is reported below.
    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        yield from problems
        problems.clear()
        walked = []
        for d in sorted(dirnames):
            sub = os.path.join(dirpath, d)
            if (bad := _bad_name(sub)) is not None:
                yield bad
            elif os.path.islink(sub):
                yield PathProblem(sub, "symlink", _LINK_DIR, severity="warning")
            elif d.startswith("."):
                yield PathProblem(sub, "hidden-folder", "hidden folder skipped",
                                  severity="warning")  # fmt: skip
            elif d not in SKIPPED_DIRS:
                walked.append(d)
        dirnames[:] = walked
        texts = sorted(name for name in filenames
                       if os.fsencode(name).endswith(SEED_SUFFIX.encode()))
        # Below the folder given, *.txt files are seeds only in volume folders (tom18):
        # `import .` in a checkout must not take archive_db.egg-info/SOURCES.txt.
        if texts and dirpath != str(root) and not VOLUME_DIR.match(os.path.basename(dirpath)):
            yield PathProblem(dirpath, "not-a-volume",
                              f"{len(texts)} *.txt files skipped: not a volume folder (tomNN); "
                              "name it on the command line to import it",
                              severity="warning")  # fmt: skip
            continue
        for name in texts:
            file = os.path.join(dirpath, name)
            found += 1
            if (bad := _bad_name(file)) is not None:
                yield bad
                continue
            try:
                link = stat.S_ISLNK(os.lstat(file).st_mode)
            except OSError:
                link = False  # gone since the listing: reading it reports that
            if link:
                yield PathProblem(file, "symlink", _LINK_FILE)
            else:
                yield seed_path(Path(file), walked=True)
    yield from problems
    if found == 0:
        yield PathProblem(
            str(root), "no-seed-files", "folder holds no seed files (*.txt)", severity="warning"
        )
