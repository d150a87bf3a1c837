"""Finding seed files: files, volume folders or whole trees, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from archive_db.seedfile.filenames import VOLUME_DIR, seed_name

SEED_SUFFIX = ".txt"
# Folders that hold other material than seed files.
SKIPPED_DIRS = {"authorities"}


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


def seed_path(path: Path, walked: bool = False) -> SeedPath:
    name = seed_name(path)
    return SeedPath(path, name.volume, name.key, name.position, name.regular, walked)


def discover(paths: Iterable[str | Path]) -> Iterator[SeedPath | PathProblem]:
    """Yield every seed file under ``paths`` (sorted per folder), and every problem."""
    for given in paths:
        path = Path(given)
        if path.is_symlink() and not path.exists():
            yield PathProblem(str(path), "broken-link", "symbolic link to nothing")
        elif not path.exists():
            yield PathProblem(str(path), "not-found", "no such file or directory")
        elif path.is_file():
            yield seed_path(path)
        elif path.is_dir():
            yield from _walk(path)
        else:
            yield PathProblem(str(path), "not-a-file", "neither a file nor a folder")


def count_seed_files(paths: Iterable[str | Path]) -> int:
    """How many seed files ``discover`` finds (a walk, no file opened)."""
    return sum(isinstance(item, SeedPath) for item in discover(paths))


def _walk(root: Path) -> Iterator[SeedPath | PathProblem]:
    visited: set[tuple[int, int]] = set()
    found = 0

    def on_error(err: OSError) -> None:
        problems.append(PathProblem(str(err.filename), "unreadable", err.strerror or str(err)))

    problems: list[PathProblem] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=on_error):
        yield from problems
        problems.clear()
        stat = os.stat(dirpath)
        if (stat.st_dev, stat.st_ino) in visited:  # a symlink loop: seen this folder already
            dirnames.clear()
            yield PathProblem(
                dirpath,
                "symlink-loop",
                "folder already visited (symbolic link loop)",
                severity="warning",
            )
            continue
        visited.add((stat.st_dev, stat.st_ino))
        for hidden in sorted(d for d in dirnames if d.startswith(".")):
            yield PathProblem(os.path.join(dirpath, hidden), "hidden-folder",
                              "hidden folder skipped", severity="warning")  # fmt: skip
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS and d[0] != ".")
        texts = sorted(name for name in filenames if name.endswith(SEED_SUFFIX))
        # Below the folder given, *.txt files are seeds only in volume folders (tom18):
        # `import .` in a checkout must not take archive_db.egg-info/SOURCES.txt.
        if texts and dirpath != str(root) and not VOLUME_DIR.match(os.path.basename(dirpath)):
            yield PathProblem(dirpath, "not-a-volume",
                              f"{len(texts)} *.txt files skipped: not a volume folder (tomNN); "
                              "name it on the command line to import it",
                              severity="warning")  # fmt: skip
            continue
        for name in texts:
            found += 1
            yield seed_path(Path(dirpath) / name, walked=True)
    yield from problems
    if found == 0:
        yield PathProblem(
            str(root), "no-seed-files", "folder holds no seed files (*.txt)", severity="warning"
        )
