"""The query layer for apps: typed reads over a SQLAlchemy Session, returning frozen
dataclasses. Nothing here commits; the caller owns the transaction.

    from archive_db.db import make_engine, session_scope
    from archive_db.repository import ArchiveRepository, SearchFilters

    with session_scope(make_engine(url)) as session:
        repo = ArchiveRepository(session)
        page = repo.search("Корея", SearchFilters(language="ru", person="stalin"))
        for hit in page.hits:
            print(hit.key, hit.rank, hit.snippet)
        print(to_json(page))  # any result as JSON: dates ISO 8601
"""

from archive_db.jsonable import jsonable as to_jsonable
from archive_db.jsonable import to_json
from archive_db.repository.access import grant_reader
from archive_db.repository.archival import file_documents, find_archive, references
from archive_db.repository.documents import get_document, revision_history
from archive_db.repository.errors import DocumentNotFound, InvalidQuery
from archive_db.repository.facade import ArchiveRepository
from archive_db.repository.filters import SearchFilters, parse_date_bound
from archive_db.repository.names import normalize_name
from archive_db.repository.people import find_person, people, person_timeline, places
from archive_db.repository.readonly import (
    SqlResult,
    SqlStream,
    SuperuserRefused,
    run_read_only,
    stream_read_only,
)
from archive_db.repository.search import (
    HIGHLIGHT_START,
    HIGHLIGHT_STOP,
    MAX_QUERY_LENGTH,
    search,
)
from archive_db.repository.views import (
    CitationView,
    DocumentDetail,
    DocumentRef,
    FileEntry,
    NameCount,
    PersonRole,
    PlaceRole,
    ReferenceView,
    RevisionView,
    SearchHit,
    SearchPage,
    VersionView,
    YearGroup,
)

__all__ = [
    "HIGHLIGHT_START",
    "HIGHLIGHT_STOP",
    "MAX_QUERY_LENGTH",
    "ArchiveRepository",
    "CitationView",
    "DocumentDetail",
    "DocumentNotFound",
    "DocumentRef",
    "FileEntry",
    "InvalidQuery",
    "NameCount",
    "PersonRole",
    "PlaceRole",
    "ReferenceView",
    "RevisionView",
    "SearchFilters",
    "SearchHit",
    "SearchPage",
    "SqlResult",
    "SqlStream",
    "SuperuserRefused",
    "VersionView",
    "YearGroup",
    "file_documents",
    "find_archive",
    "find_person",
    "get_document",
    "grant_reader",
    "normalize_name",
    "parse_date_bound",
    "people",
    "person_timeline",
    "places",
    "references",
    "revision_history",
    "run_read_only",
    "search",
    "stream_read_only",
    "to_json",
    "to_jsonable",
]
