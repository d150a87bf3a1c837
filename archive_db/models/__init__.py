"""The ORM models, one module per domain; importing this package registers them all."""

from archive_db.models.archives import ArchivalReference, Archive
from archive_db.models.curation import CurationDecision
from archive_db.models.documents import Document, DocumentVersion
from archive_db.models.imports import ImportMessage, ImportRun
from archive_db.models.locks import GrantLock, ImportLock
from archive_db.models.people import DocumentPerson, Person, PersonName
from archive_db.models.places import DocumentPlace, Place, PlaceName
from archive_db.models.sources import Citation, Source
from archive_db.models.withdrawals import WithdrawnDocument

__all__ = [
    "ArchivalReference",
    "Archive",
    "Citation",
    "CurationDecision",
    "Document",
    "DocumentPerson",
    "DocumentPlace",
    "DocumentVersion",
    "GrantLock",
    "ImportLock",
    "ImportMessage",
    "ImportRun",
    "Person",
    "PersonName",
    "Place",
    "PlaceName",
    "Source",
    "WithdrawnDocument",
]
