"""Reading a batch of seed files and setting aside the unchanged ones, in the main
process: bytes and a SHA-256 per file, then one query for the whole batch. Only the
files whose hash differs from the stored one go on to be parsed, so a nightly run
over unchanged volumes parses nothing and starts no worker process — unless an older
parser or linker derived the stored document (``archive_db.derivation``): then its
unchanged file is parsed again to re-derive its rows.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field

import psycopg

from archive_db.derivation import DERIVATION_VERSION
from archive_db.importer.discover import SeedPath
from archive_db.importer.load import existing_documents
from archive_db.importer.messages import Message

# A seed file holds one document of a few kilobytes; anything this large is not one.
MAX_FILE_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Work:
    """A file to parse and write: its bytes as hashed, and the stored document if any."""

    seed: SeedPath
    data: bytes
    sha256: str
    doc_id: int | None
    rederive: bool = False  # unchanged, but derived by an older parser/linker


@dataclass(slots=True)
class Triaged:
    files: int
    unchanged: int = 0
    rederive: int = 0  # unchanged files whose documents are re-derived
    work: list[Work] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)  # files that could not be read
    withdrawn: int = 0  # files of withdrawn documents, skipped


def _no_links(path: str, flags: int) -> int:
    return os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK)


def read_seed(seed: SeedPath) -> tuple[bytes | None, Message | None]:
    """The file's bytes, or why they cannot be had."""
    path = str(seed.path)

    def problem(code: str, reason: str) -> tuple[None, Message]:
        return None, Message(path, None, "error", code, reason, seed.key)

    try:
        before = os.lstat(seed.path)
        if stat.S_ISLNK(before.st_mode):  # made a link since the walk
            return problem("symlink", "symbolic link; not followed")
        if not stat.S_ISREG(before.st_mode):  # a FIFO or device: open() could block for ever
            return problem("unreadable", "not a regular file")
        if before.st_size > MAX_FILE_BYTES:
            return problem("too-large", f"{before.st_size:,} bytes: larger than any seed file "
                                        f"({MAX_FILE_BYTES:,} at most)")  # fmt: skip
        # O_NOFOLLOW and the check on what was opened: a file swapped for a link or a
        # FIFO between the lstat and the open is still refused (and never blocks).
        with open(seed.path, "rb", opener=_no_links) as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return problem("unreadable", "not a regular file")
            data = fh.read()
        after = os.lstat(seed.path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return problem("symlink", "symbolic link; not followed")
        return problem("unreadable", exc.strerror or str(exc))
    if (before.st_mtime_ns, before.st_size) != (after.st_mtime_ns, after.st_size):
        return problem("changed-while-read",
                       "the file changed while it was being read; import it again")  # fmt: skip
    return data, None


def withdrawn_keys(conn: psycopg.Connection, keys: Sequence[str]) -> set[str]:
    """The keys withdrawn (archive-db withdraw) and not added again since."""
    cur = conn.execute(
        "SELECT key FROM withdrawn_documents WHERE key = ANY(%s) AND readded_at IS NULL",
        (list(keys),),
    )
    return {key for (key,) in cur}


def triage(
    conn: psycopg.Connection, seeds: Sequence[SeedPath], readd_withdrawn: bool = False
) -> Triaged:
    result = Triaged(files=len(seeds))
    read: list[tuple[SeedPath, bytes]] = []
    for seed in seeds:
        data, problem = read_seed(seed)
        if problem is not None:
            result.problems.append(problem)
        else:
            assert data is not None
            read.append((seed, data))
    stored = existing_documents(conn, [seed.key for seed, _ in read])
    withdrawn = set() if readd_withdrawn else withdrawn_keys(conn, [s.key for s, _ in read])
    for seed, data in read:
        if seed.key in withdrawn:  # taken out on purpose: not re-added unless asked
            result.withdrawn += 1
            result.problems.append(Message(
                str(seed.path), None, "info", "withdrawn",
                "withdrawn with archive-db withdraw; skipped (--readd-withdrawn adds it again)",
                seed.key,
            ))  # fmt: skip
            continue
        sha = hashlib.sha256(data).hexdigest()
        doc_id, stored_sha, version = stored.get(seed.key, (None, None, None))
        if stored_sha != sha:
            result.work.append(Work(seed, data, sha, doc_id))
        elif version is not None and version < DERIVATION_VERSION:
            result.rederive += 1
            result.work.append(Work(seed, data, sha, doc_id, rederive=True))
        else:
            result.unchanged += 1
    return result
