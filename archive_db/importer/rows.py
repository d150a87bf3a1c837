"""ParsedDocument → row tuples for COPY: pure mapping, with values checked against
the database's vocabularies so a batch never fails on a CHECK constraint."""

from __future__ import annotations

from archive_db.derivation import DERIVATION_VERSION
from archive_db.importer.messages import Message
from archive_db.seedfile.model import ArchivalReference, Citation, ParsedDocument, Version
from archive_db.vocab import CITATION_ROLES, CLASSIFICATIONS, DOCUMENT_KINDS, SOURCE_KINDS

DOCUMENT_COLUMNS = (
    "id",
    "key",
    "volume",
    "position",
    "kind",
    "title",
    "index_title",
    "date_text",
    "date_header",
    "date_start",
    "date_end",
    "date_precision",
    "date_edtf",
    "date_certainty",
    "classification",
    "classification_text",
    "origin_place_id",
    "source_path",
    "file_sha256",
    "halves_disagree",
    "derivation_version",
)
DOCUMENT_TYPES = (
    "bigint",
    "text",
    "text",
    "bigint",
    "text",
    "text",
    "text",
    "text",
    "text",
    "date",
    "date",
    "text",
    "text",
    "text",
    "text",
    "text",
    "bigint",
    "text",
    "varchar",
    "text[]",
    "bigint",
)
VERSION_COLUMNS = (
    "id",
    "document_id",
    "language",
    "origin",
    "origin_kind",
    "origin_volume",
    "translation_of_id",
    "title",
    "body",
    "sha256",
    "revision",
    "is_current",
    "source_line",
    "printed_date",
    "addressee_block",
    "salutation",
    "closing_date",
    "signatures",
    "postscript",
    "notes",
    "import_run_id",
)
VERSION_TYPES = (
    "bigint",
    "bigint",
    "varchar",
    "text",
    "text",
    "text",
    "bigint",
    "text",
    "text",
    "varchar",
    "int2",
    "bool",
    "text",
    "text",
    "text[]",
    "text",
    "text",
    "text[]",
    "text",
    "text[]",
    "bigint",
)
# What a version carries besides its place: a change to any of these is a new
# revision (the body by its hash). Compared with the stored current revision.
VERSION_CONTENT = (
    "sha256",
    "title",
    "origin_kind",
    "origin_volume",
    "source_line",
    "printed_date",
    "addressee_block",
    "salutation",
    "closing_date",
    "signatures",
    "postscript",
    "notes",
)
REFERENCE_COLUMNS = (
    "document_id",
    "position",
    "archive_id",
    "fond",
    "opis",
    "papka",
    "delo",
    "folios",
    "folio_start",
    "folio_end",
    "verso",
    "ibid",
    "printed_ru",
    "printed_en",
)
CITATION_COLUMNS = (
    "document_id",
    "source_id",
    "position",
    "role",
    "pages",
    "page_start",
    "page_end",
    "printed_ru",
    "printed_en",
)
PERSON_LINK_COLUMNS = ("document_id", "person_id", "role", "language", "name_as_written", "line",
                       "method", "confidence")  # fmt: skip
PLACE_LINK_COLUMNS = ("document_id", "place_id", "role", "language", "name_as_written", "line",
                      "method", "confidence")  # fmt: skip

# PostgreSQL int columns; page or folio numbers beyond this are misprints.
_INT_MAX = 2**31 - 1


def checked_document_fields(doc: ParsedDocument) -> tuple[str, str | None, list[Message]]:
    """Kind and classification as the database accepts them, with a warning for the rest."""
    notes: list[Message] = []
    kind = doc.kind if doc.kind in DOCUMENT_KINDS else "other"
    if kind != doc.kind:
        notes.append(
            Message(
                doc.path,
                None,
                "warning",
                "kind-unknown",
                f"document kind {doc.kind!r} is not in the vocabulary; stored as 'other'",
                doc.key,
            )
        )
    classification = doc.classification
    if classification is not None and classification not in CLASSIFICATIONS:
        notes.append(
            Message(
                doc.path,
                None,
                "warning",
                "classification-unknown",
                f"classification {classification!r} is not in the vocabulary; kept as printed only",
                doc.key,
            )
        )
        classification = None
    return kind, classification, notes


def document_row(
    doc: ParsedDocument,
    doc_id: int,
    kind: str,
    classification: str | None,
    origin_place_id: int | None,
    file_sha256: str,
) -> tuple[object, ...]:
    d = doc.date
    start, end = d.start, d.end
    if start and end and start > end:  # impossible bounds: keep the text, drop the range
        start = end = None
    classification_text = next((v.classification for v in doc.versions if v.classification), None)
    return (
        doc_id,
        doc.key,
        doc.volume,
        doc.position,
        kind,
        doc.title,
        doc.index_title,
        d.text,
        d.header,
        start,
        end,
        d.precision.value,
        d.edtf,
        d.certainty.value,
        classification,
        classification_text,
        origin_place_id,
        doc.path,
        file_sha256,
        doc.halves_disagree or None,
        DERIVATION_VERSION,
    )


def version_row(
    version: Version,
    version_id: int,
    doc_id: int,
    translation_of_id: int | None,
    revision: int,
    run_id: int | None,
) -> tuple[object, ...]:
    o = version.origin
    return (
        version_id,
        doc_id,
        version.language,
        o.token,
        o.kind.value,
        o.volume,
        translation_of_id,
        version.title,
        version.body,
        version.sha256,
        revision,
        True,
        version.source_line,
        version.printed_date,
        version.addressee_block or None,
        version.salutation,
        version.closing_date,
        version.signatures or None,
        version.postscript,
        version.notes or None,
        run_id,
    )


def version_content(row: tuple[object, ...]) -> tuple[object, ...]:
    """The VERSION_CONTENT values of a version_row, as the database returns them."""
    return tuple(row[VERSION_COLUMNS.index(c)] for c in VERSION_CONTENT)


def _int(value: int | None) -> int | None:
    return value if value is None or 0 <= value <= _INT_MAX else None


def reference_row(
    ref: ArchivalReference, doc_id: int, position: int, archive_id: int | None
) -> tuple[object, ...]:
    start, end = _int(ref.folio_start), _int(ref.folio_end)
    if start is not None and end is not None and start > end:
        start, end = end, start
    return (
        doc_id,
        position,
        archive_id,
        ref.fond,
        ref.opis,
        ref.papka,
        ref.delo,
        ref.folios,
        start,
        end,
        ref.verso,
        ref.ibid,
        ref.printed.get("ru"),
        ref.printed.get("en"),
    )


def source_key(c: Citation) -> tuple[object, ...]:
    """The natural key of sources (its unique constraint), values as stored."""
    kind = c.source_kind.value if c.source_kind.value in SOURCE_KINDS else "other"
    return (kind, c.source_full or c.source, c.volume, c.issue, c.year, c.issue_date)


def citation_row(c: Citation, doc_id: int, position: int, source_id: int) -> tuple[object, ...]:
    start, end = _int(c.page_start), _int(c.page_end)
    if start is not None and end is not None and start > end:
        start, end = end, start
    role = c.role if c.role in CITATION_ROLES else "publication"
    return (
        doc_id,
        source_id,
        position,
        role,
        c.pages,
        start,
        end,
        c.printed.get("ru"),
        c.printed.get("en"),
    )
