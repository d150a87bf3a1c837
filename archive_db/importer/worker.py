"""One batch of new or changed seed files: parse, then write in one transaction.

``BatchParser`` needs no database: with ``--jobs 1`` it runs in a parser process
ahead of the importing process, which writes. ``BatchProcessor`` does both halves on
one connection: in the importing process, and in each worker process of ``--jobs 2``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

import psycopg

from archive_db.errors import first_line
from archive_db.importer import load
from archive_db.importer.failures import retrying
from archive_db.importer.links import Linker
from archive_db.importer.messages import Message, write_messages
from archive_db.importer.recognize import NOT_A_SEED_FILE, not_a_seed_file
from archive_db.importer.triage import Work
from archive_db.seedfile import parse_bytes
from archive_db.seedfile.errors import SeedFileError

# Warnings printed by a run; the rest are in import_messages.
SHOWN_WARNINGS = 20


@dataclass(slots=True)
class BatchResult:
    files: int = 0
    added: int = 0
    updated: int = 0
    rederived: int = 0
    revisions: int = 0
    rejected: list[Message] = field(default_factory=list)
    warnings: int = 0
    shown: list[Message] = field(default_factory=list)  # the first few warnings, to print


@dataclass(slots=True)
class Parsed:
    """A batch parsed and ready to write."""

    files: int
    prepared: list[load.Prepared] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)


def _refused(p: load.Prepared, exc: psycopg.Error) -> Message:
    reason = f"the database refused the document: {first_line(exc)}"
    return Message(p.doc.path, None, "error", "database-rejected", reason, p.doc.key)


def _code(exc: SeedFileError) -> str:
    name = type(exc).__name__.removesuffix("Error")
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower().replace("utf-8", "utf8")


class BatchParser:
    """The CPU half of a batch: parse, and find the names each text mentions. It needs
    no database, so it can run in a process of its own ahead of the writer."""

    def __init__(self, linker: Linker, dry_run: bool) -> None:
        self.linker = linker
        self.dry_run = dry_run

    def parse(self, work: Sequence[Work]) -> Parsed:
        parsed = Parsed(len(work))
        for item in work:
            seed, data, sha, doc_id = item.seed, item.data, item.sha256, item.doc_id
            rederive = item.rederive
            try:
                # Mentions come from the authority matcher (links.py), not the parser.
                doc = parse_bytes(data, str(seed.path), mentions=False)
            except SeedFileError as exc:
                parsed.messages.append(
                    Message(str(seed.path), exc.line, "error", _code(exc), exc.reason, seed.key)
                )
                continue
            except Exception as exc:  # a parser bug must cost one file, not the run
                reason = f"the parser failed: {type(exc).__name__}: {exc}"
                parsed.messages.append(
                    Message(str(seed.path), None, "error", "internal-error", reason, seed.key)
                )
                continue
            if (reason := not_a_seed_file(doc)) is not None:
                parsed.messages.append(
                    Message(str(seed.path), None, "error", NOT_A_SEED_FILE, reason, seed.key)
                )
                continue
            parsed.messages += [
                Message(doc.path, w.line, "warning", w.code, w.message, doc.key)
                for w in doc.warnings
            ]
            if not self.dry_run:
                self.linker.recognize(doc)
            mentions = None if self.dry_run else self.linker.mentions(doc)
            parsed.prepared.append(load.Prepared(doc, sha, doc_id, mentions, rederive))
        return parsed


class BatchProcessor:
    """Processes batches on one autocommit connection: each ``transaction()`` is real."""

    def __init__(
        self, conn: psycopg.Connection, linker: Linker, run_id: int, dry_run: bool
    ) -> None:
        self.conn = conn
        self.linker = linker
        self.run_id = run_id
        self.dry_run = dry_run
        self.parser = BatchParser(linker, dry_run)

    def process(self, work: Sequence[Work]) -> BatchResult:
        """Parse and write files that triage found new or changed."""
        return self.write(self.parser.parse(work))

    def write(self, parsed: Parsed) -> BatchResult:
        """The database half: the batch in one transaction (or a dry run's messages)."""
        result = BatchResult(files=parsed.files)
        prepared, messages = parsed.prepared, parsed.messages
        if self.dry_run:
            result.added = sum(p.doc_id is None for p in prepared)
            result.rederived = sum(p.rederive for p in prepared)
            result.updated = len(prepared) - result.added - result.rederived
            self._record(messages)
        else:
            self._write(prepared, result, messages)
        result.rejected = [m for m in messages if m.severity == "error"]
        warned = [m for m in messages if m.severity == "warning"]
        result.warnings = len(warned)
        result.shown = warned[:SHOWN_WARNINGS]
        return result

    def _write(
        self, prepared: list[load.Prepared], result: BatchResult, messages: list[Message]
    ) -> None:
        """The batch and its messages in one transaction; on a refusal, one by one."""
        prepared = self._prepare_links(prepared, messages)
        try:
            written = retrying(self.conn, partial(self._write_batch, prepared, messages),
                               "writing a batch")  # fmt: skip
        except psycopg.Error:  # some document's fault: find which
            written = self._write_one_by_one(prepared, messages)
            retrying(self.conn, partial(self._record, messages), "recording messages")
        else:
            messages += written.messages
        result.added += len(written.added)
        result.updated += len(written.updated)
        result.rederived += len(written.rederived)
        result.revisions += written.revisions

    def _prepare_links(
        self, prepared: list[load.Prepared], messages: list[Message]
    ) -> list[load.Prepared]:
        """Create what the batch links to, in short committed statements before its
        transaction; a document whose names or citations the database refuses (a
        source title too long to index, say) is rejected alone."""
        what = "creating the people, places, archives and sources a batch names"
        try:
            retrying(self.conn, partial(self.linker.prepare, self.conn,
                                        [p.doc for p in prepared]), what)  # fmt: skip
            return prepared
        except psycopg.Error:
            pass
        kept = []
        for p in prepared:
            try:
                retrying(self.conn, partial(self.linker.prepare, self.conn, [p.doc]), what)
            except psycopg.Error as exc:
                messages.append(_refused(p, exc))
            else:
                kept.append(p)
        return kept

    def _write_batch(self, prepared: list[load.Prepared], messages: list[Message]) -> load.Written:
        with self.conn.transaction():
            written = load.write_batch(self.conn, prepared, self.run_id, self.linker)
            self._record(messages + written.messages)
        return written

    def _write_one(self, p: load.Prepared) -> load.Written:
        with self.conn.transaction():
            return load.write_batch(self.conn, [p], self.run_id, self.linker)

    def _write_one_by_one(
        self, prepared: list[load.Prepared], messages: list[Message]
    ) -> load.Written:
        written = load.Written()
        for p in prepared:
            try:
                one = retrying(self.conn, partial(self._write_one, p), "writing a document")
            except psycopg.Error as exc:
                messages.append(_refused(p, exc))
                continue
            written.added += one.added
            written.updated += one.updated
            written.rederived += one.rederived
            written.revisions += one.revisions
            messages += one.messages
        return written

    def _record(self, messages: list[Message]) -> None:
        # Nested in the batch's transaction when there is one (a savepoint).
        with self.conn.transaction():
            write_messages(self.conn, self.run_id, messages)
