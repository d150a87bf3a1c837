"""A curator's review of the provisional people and places imports create.

``review`` lists them with their documents; ``decide`` promotes, merges or rejects
one and records the decision in ``curation_decisions``, which the import's name
resolution (``importer/resolve.py``) follows from then on; ``authority_entry``
writes a promoted entry into the authority files. ``archive-db curate`` is the CLI.
"""

from archive_db.curation.decide import CurationError, Decided, merge, promote, reject
from archive_db.curation.review import ProvisionalEntry, decisions, provisional_entries

__all__ = [
    "CurationError",
    "Decided",
    "ProvisionalEntry",
    "decisions",
    "merge",
    "promote",
    "provisional_entries",
    "reject",
]
