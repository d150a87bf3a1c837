"""Seed-file parsing: one plain-text file → a typed, database-independent ParsedDocument.

Nothing here imports the database side. Modules: ``reader`` (layout, versions, the
entry points), ``structure`` (a body's addressee block, signature, notes…), ``dates``,
``references``, ``archives`` (``KNOWN_ARCHIVES``), ``citations`` (``KNOWN_SOURCES``),
``names``, ``kinds``, ``writer`` (``render``), ``jsonable`` (``to_json_dict``), ``errors``.

Choices the importer relies on:

- Bodies are verbatim. CRLF files are read as LF (``doc.crlf`` records it) and every
  ``sha256`` is of the LF text; a BOM is dropped and recorded in ``doc.bom``.
- Dates: ``DocumentDate`` comes from the first printed date found (Russian heading,
  Russian closing date, then the English ones, then a date inside a title), else from
  the metadata line. EDTF level 1: ``1950-10-08``, ``1950-10``, ``1950``,
  ``1950-10-08/1950-10-10``, ``1895?`` (editors' brackets), ``1920~`` (circa),
  ``../1920-07-18`` (before), ``1930-09-15/..`` (after). A disagreeing header is kept
  in ``date.header`` with a ``date-mismatch`` warning.
- Nothing is dropped: a reference line whose fields cannot be read stays an
  ArchivalReference with only ``archive`` and ``printed`` set; any other unreadable
  citation line becomes a Citation of kind OTHER whose ``source`` is the line as
  printed. Both come with a warning carrying the line.
- Every document of a volume gets a COLLECTED_WORKS citation with role
  ``text_source`` (its volume); the first printed citation has role
  ``first_publication``.

Warning codes: file-name, metadata-missing, header-date-invalid, header-extra,
mixed-line-ends, version-missing, version-empty, provenance-missing, date-unknown,
date-mismatch, classification-mismatch, volume-mismatch, reference-unparsed,
citation-unparsed, heading-missing, halves-disagree.

- ``halves_disagree`` lists why a file's translation and its Russian text look like two
  documents (``halves``); such a translation's ``origin.translated_from`` is cleared.
"""

from archive_db.seedfile.errors import SeedFileError
from archive_db.seedfile.jsonable import to_json_dict
from archive_db.seedfile.model import ParsedDocument
from archive_db.seedfile.reader import parse_bytes, parse_file, parse_text
from archive_db.seedfile.writer import render

__all__ = [
    "ParsedDocument",
    "SeedFileError",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "render",
    "to_json_dict",
]
