"""Seed-file parsing: one plain-text file → a typed, database-independent ParsedDocument.

Nothing here imports the database side.
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
