"""Controlled vocabularies, shared by the models' CHECK constraints and the importer.

Growing a vocabulary is a migration (the CHECK constraint changes), so these
tuples are the one place to read what the database accepts.
"""

DOCUMENT_KINDS = (
    "telegram", "letter", "speech", "article", "order", "directive", "decree",
    "resolution", "report", "note", "memorandum", "conversation", "interview",
    "greeting", "reply", "instruction", "statement", "other",
)  # fmt: skip
DATE_PRECISIONS = ("day", "month", "year", "range", "unknown")
DATE_CERTAINTIES = ("exact", "inferred", "approximate", "bound", "unknown")
CLASSIFICATIONS = ("top_secret", "secret", "confidential", "personal", "unclassified")
ORIGIN_KINDS = ("volume", "machine_translation", "human_translation", "other")
PERSON_ROLES = ("author", "signatory", "addressee", "intermediary", "recipient", "mentioned")
PLACE_ROLES = ("origin", "destination", "mentioned")
NAME_KINDS = ("preferred", "variant", "pseudonym", "transliteration", "inflected")
SCRIPTS = ("Cyrl", "Latn", "Hani", "Other")
SOURCE_KINDS = ("collected_works", "journal", "newspaper", "book", "other")
CITATION_ROLES = ("first_publication", "text_source", "publication")
PLACE_KINDS = ("settlement", "country", "region", "feature", "other")
# How a document's link to a person or place was made (docs/linking.md): read from the
# layout (addressee block, signature, place line), the title, the salutation, given
# by the collection's author, an authority name form found in running text, entity
# recognition, or decided by a curator.
LINK_METHODS = ("layout", "title", "salutation", "collection", "authority", "ner", "curator")
ENTRY_KINDS = ("person", "place")
CURATION_ACTIONS = ("promote", "merge", "reject")
RUN_STATUSES = ("running", "succeeded", "partial", "failed")
SEVERITIES = ("info", "warning", "error")
SEARCH_ORDERS = ("rank", "date")  # best first (ts_rank_cd), or by date, undated last


def check_in(column: str, values: tuple[str, ...]) -> str:
    """SQL text of a CHECK that ``column`` is one of ``values``."""
    listed = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({listed})"
