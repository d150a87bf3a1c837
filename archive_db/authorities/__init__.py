"""Authority files (curated people, places, archives, sources) and name matching.

Loading and matching are pure Python; ``sync`` writes the entries to the database.
"""

from archive_db.authorities.files import (
    ArchiveEntry,
    Authorities,
    AuthorityFileError,
    NameForm,
    PersonEntry,
    PlaceEntry,
    SourceEntry,
    load_authorities,
)
from archive_db.authorities.matching import Match, Mention, NameMatcher, NameRow
from archive_db.authorities.normalize import normalize_name, script_of

__all__ = [
    "ArchiveEntry",
    "Authorities",
    "AuthorityFileError",
    "Match",
    "Mention",
    "NameForm",
    "NameMatcher",
    "NameRow",
    "PersonEntry",
    "PlaceEntry",
    "SourceEntry",
    "load_authorities",
    "normalize_name",
    "script_of",
]
