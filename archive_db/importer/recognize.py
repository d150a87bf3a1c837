"""Telling a seed file from any other text file before it becomes a document.

The parser takes what it can from any text (a file named on the command line is
imported whatever its name), so two lines of prose would parse as an undated document
of kind "other". A file with no metadata line and nothing else a seed file has is
rejected instead, with its reason.
"""

from __future__ import annotations

from archive_db.seedfile.model import ParsedDocument

NOT_A_SEED_FILE = "not-a-seed-file"


def not_a_seed_file(doc: ParsedDocument) -> str | None:
    """Why ``doc`` is not a seed file, or None when it has a seed file's structure:
    a metadata line, or else any of a date, a source line, a printed date, an
    archival reference or a publication."""
    if not any(w.code == "metadata-missing" for w in doc.warnings):
        return None
    structure = (
        doc.date.start is not None
        or doc.archival_references
        or doc.citations
        or any(v.source_line or v.printed_date for v in doc.versions)
    )
    if structure:
        return None
    return ("not a seed file: no metadata line (date and provenance), no date, source, "
            "archival reference or publication")  # fmt: skip
