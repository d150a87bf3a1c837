"""Writing one batch of parsed documents: bulk reads, ids from the sequences, COPY.

Everything here runs inside the caller's transaction, so a batch (or, on retry,
one document) is written whole or not at all. No round trip per row: each step is
one query, one COPY or one pipelined executemany for the whole batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

import psycopg

from archive_db.importer import rows
from archive_db.importer.links import DocumentMentions, Linker
from archive_db.importer.messages import Message
from archive_db.seedfile.model import ParsedDocument, Version


@dataclass(slots=True)
class Prepared:
    """A parsed file ready to load; ``doc_id`` is set when the key is already stored."""

    doc: ParsedDocument
    file_sha256: str
    doc_id: int | None = None
    mentions: DocumentMentions | None = None  # found ahead of the write, if it was
    rederive: bool = False  # the file is unchanged; an older parser/linker derived its rows


@dataclass(slots=True)
class Written:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    rederived: list[str] = field(default_factory=list)  # unchanged files derived again
    revisions: int = 0  # new revisions of texts already stored
    messages: list[Message] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CurrentVersion:
    id: int
    revision: int
    content: tuple[object, ...]  # rows.VERSION_CONTENT


def existing_documents(
    conn: psycopg.Connection, keys: Sequence[str]
) -> dict[str, tuple[int, str, int]]:
    """key → (id, file_sha256, derivation_version) for the keys already stored: one
    query per batch."""
    cur = conn.execute(
        "SELECT key, id, coalesce(file_sha256, ''), derivation_version FROM documents"
        " WHERE key = ANY(%s)",
        (list(keys),),
    )
    return {key: (doc_id, sha, version) for key, doc_id, sha, version in cur}


def current_versions(
    conn: psycopg.Connection, doc_ids: Sequence[int]
) -> dict[int, dict[tuple[str, str], CurrentVersion]]:
    out: dict[int, dict[tuple[str, str], CurrentVersion]] = {i: {} for i in doc_ids}
    if doc_ids:
        cur = conn.execute(
            f"SELECT document_id, language, origin, id, revision, {', '.join(rows.VERSION_CONTENT)}"
            " FROM document_versions WHERE document_id = ANY(%s) AND is_current",
            (list(doc_ids),),
        )
        for doc_id, language, origin, vid, revision, *content in cur:
            out[doc_id][(language, origin)] = CurrentVersion(vid, revision, tuple(content))
    return out


def _ids(conn: psycopg.Connection, table: str, n: int) -> list[int]:
    """Reserve ``n`` ids of ``table`` from its identity sequence in one round trip."""
    if n == 0:
        return []
    cur = conn.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        (table, n),
    )
    return [row[0] for row in cur]


def _copy(
    conn: psycopg.Connection,
    table: str,
    columns: Sequence[str],
    data: Iterable[Sequence[object]],
    types: Sequence[str] | None = None,
) -> None:
    data = list(data)
    if not data:
        return
    with conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        if types:
            copy.set_types(list(types))
        for row in data:
            copy.write_row(row)


def _translation_source(version: Version, ids_by_language: dict[str, int]) -> int | None:
    # The parser names the original of every translation, whatever its origin token, and
    # names none when the file's two halves are two documents (ParsedDocument.halves_disagree).
    if version.origin.translated_from:
        return ids_by_language.get(version.origin.translated_from)
    return None


# What the parser reads around a text's body. Re-deriving a document whose body is
# unchanged refreshes them in the current revision: the text is the same, so it is no
# new revision. Only rows that differ are updated (an update recomputes search_vector).
_AROUND_BODY = {"title": "text", "source_line": "text", "printed_date": "text",
                "addressee_block": "text[]", "salutation": "text", "closing_date": "text",
                "signatures": "text[]", "postscript": "text", "notes": "text[]"}  # fmt: skip
_REFRESH = (
    "UPDATE document_versions SET ({columns}) = ({values}) WHERE id = %(id)s"
    " AND ({columns}) IS DISTINCT FROM ({values})"
).format(
    columns=", ".join(_AROUND_BODY),
    values=", ".join(f"%({c})s::{t}" for c, t in _AROUND_BODY.items()),
)


def _refresh_versions(conn: psycopg.Connection, refreshed: list[tuple[int, Version]]) -> None:
    if not refreshed:
        return
    index = {c: rows.VERSION_COLUMNS.index(c) for c in _AROUND_BODY}
    params = []
    for version_id, v in refreshed:
        row = rows.version_row(v, version_id, 0, None, 1, None)
        params.append({"id": version_id, **{c: row[i] for c, i in index.items()}})
    conn.cursor().executemany(_REFRESH, params)


def _moves(
    conn: psycopg.Connection,
    batch: Sequence[Prepared],
    doc_ids: Sequence[int],
    current: dict[int, dict[tuple[str, str], CurrentVersion]],
) -> list[Message]:
    """A warning for each stored document whose key now comes from another folder or
    volume, naming both places (the document follows its file: the key is its identity)."""
    stored_ids = [i for i in doc_ids if i in current]
    if not stored_ids:
        return []
    was = {
        doc_id: (volume, path)
        for doc_id, volume, path in conn.execute(
            "SELECT id, volume, source_path FROM documents WHERE id = ANY(%s)", (stored_ids,)
        )
    }
    out = []
    for p, doc_id in zip(batch, doc_ids, strict=True):
        if doc_id not in was:
            continue
        volume, path = was[doc_id]
        if volume != p.doc.volume or PurePath(path or "").parent != PurePath(p.doc.path).parent:
            note = (f"key {p.doc.key} moved: stored from {path} (volume {volume or 'none'}), "
                    f"now from {p.doc.path} (volume {p.doc.volume or 'none'})")  # fmt: skip
            out.append(Message(p.doc.path, None, "warning", "key-moved", note, p.doc.key))
    return out


def write_batch(
    conn: psycopg.Connection, batch: Sequence[Prepared], run_id: int | None, linker: Linker
) -> Written:
    written = Written()
    current = current_versions(conn, [p.doc_id for p in batch if p.doc_id is not None])
    # Ids of new documents are reserved here and kept local, so a batch that rolls
    # back leaves ``batch`` as it was for the retry.
    new_ids = iter(_ids(conn, "documents", sum(p.doc_id is None for p in batch)))
    doc_ids = [p.doc_id if p.doc_id is not None else next(new_ids) for p in batch]

    # Decide every version's fate first, so ids can be reserved in one go.
    fresh: list[tuple[int, Version, int]] = []  # (document id, version, revision)
    retired: list[int] = []  # ids of revisions that stop being current
    refreshed: list[tuple[int, Version]] = []  # (revision id, version): body unchanged
    for p, doc_id in zip(batch, doc_ids, strict=True):
        stored = current.get(doc_id, {})
        for v in p.doc.versions:
            old = stored.get((v.language, v.origin.token))
            if old is None:
                fresh.append((doc_id, v, 1))
            elif p.rederive and old.content[0] == v.sha256:
                # An unchanged file read by a better parser, the same text: what it reads
                # around the text is refreshed in place, no new revision.
                refreshed.append((old.id, v))
            elif old.content != rows.version_content(rows.version_row(v, 0, doc_id, None, 0, None)):
                # Any field, not only the text: a new heading or printed date lands too.
                fresh.append((doc_id, v, old.revision + 1))
                retired.append(old.id)
        in_file = {(v.language, v.origin.token) for v in p.doc.versions}
        languages = {language for language, _ in in_file}
        for language, origin in sorted(stored.keys() - in_file):
            if language in languages:
                # Another origin took its place (a human translation for the machine's):
                # the old text stays, no longer current.
                retired.append(stored[(language, origin)].id)
                note = f"version {language}:{origin} was replaced in the file; kept as history"
                written.messages.append(
                    Message(p.doc.path, None, "info", "version-replaced", note, p.doc.key)
                )
            else:
                note = f"version {language}:{origin} is no longer in the file; its text is kept"
                written.messages.append(
                    Message(p.doc.path, None, "warning", "version-missing", note, p.doc.key)
                )
    version_ids = _ids(conn, "document_versions", len(fresh))

    # Language → version id (new, else already current), for translation_of_id.
    gone = set(retired)
    ids_by_doc = {
        doc_id: {lang: cv.id for (lang, _), cv in stored.items() if cv.id not in gone}
        for doc_id, stored in current.items()
    }
    for (doc_id, v, _), vid in zip(fresh, version_ids, strict=True):
        ids_by_doc.setdefault(doc_id, {})[v.language] = vid

    if retired:
        conn.execute(
            "UPDATE document_versions SET is_current = false WHERE id = ANY(%s)", (retired,)
        )
    _refresh_versions(conn, refreshed)

    # Derived rows of updated documents are replaced whole; their history lives in
    # the versions, which are append-only.
    if updated_ids := [i for i in doc_ids if i in current]:
        for table in ("archival_references", "citations", "document_people", "document_places"):
            conn.execute(f"DELETE FROM {table} WHERE document_id = ANY(%s)", (updated_ids,))

    links = linker.link([(i, p.doc, p.mentions) for p, i in zip(batch, doc_ids, strict=True)])

    written.messages += _moves(conn, batch, doc_ids, current)

    new_rows, changed_rows = [], []
    for p, doc_id in zip(batch, doc_ids, strict=True):
        kind, classification, notes = rows.checked_document_fields(p.doc)
        written.messages += notes
        row = rows.document_row(
            p.doc, doc_id, kind, classification, links.origin_place.get(doc_id), p.file_sha256
        )
        if doc_id in current:
            changed_rows.append(row)
            (written.rederived if p.rederive else written.updated).append(p.doc.key)
        else:
            new_rows.append(row)
            written.added.append(p.doc.key)
    _copy(conn, "documents", rows.DOCUMENT_COLUMNS, new_rows, rows.DOCUMENT_TYPES)
    if changed_rows:
        assignments = ", ".join(f"{c} = %s" for c in rows.DOCUMENT_COLUMNS[1:])
        conn.cursor().executemany(
            f"UPDATE documents SET {assignments}, updated_at = now() WHERE id = %s",
            [(*r[1:], r[0]) for r in changed_rows],
        )

    version_rows = []
    for (doc_id, v, revision), vid in zip(fresh, version_ids, strict=True):
        source = _translation_source(v, ids_by_doc[doc_id])
        version_rows.append(rows.version_row(v, vid, doc_id, source, revision, run_id))
        written.revisions += revision > 1
    _copy(conn, "document_versions", rows.VERSION_COLUMNS, version_rows, rows.VERSION_TYPES)
    # An unchanged translation keeps its row: unlink it when its file now says the halves
    # are two documents (the link was made by an earlier import).
    if flagged := [i for p, i in zip(batch, doc_ids, strict=True)
                   if p.doc.halves_disagree and i in current]:
        conn.execute(
            "UPDATE document_versions SET translation_of_id = NULL WHERE document_id = ANY(%s)"
            " AND is_current AND translation_of_id IS NOT NULL", (flagged,),
        )

    pairs = list(zip(batch, doc_ids, strict=True))
    _copy(
        conn,
        "archival_references",
        rows.REFERENCE_COLUMNS,
        (
            rows.reference_row(r, doc_id, i, linker.archive_id(r.archive))
            for p, doc_id in pairs
            for i, r in enumerate(p.doc.archival_references, 1)
        ),
    )
    _copy(
        conn,
        "citations",
        rows.CITATION_COLUMNS,
        (
            rows.citation_row(c, doc_id, i, linker.source_id(c))
            for p, doc_id in pairs
            for i, c in enumerate(p.doc.citations, 1)
        ),
    )
    _copy(conn, "document_people", rows.PERSON_LINK_COLUMNS, links.people)
    _copy(conn, "document_places", rows.PLACE_LINK_COLUMNS, links.places)
    return written
