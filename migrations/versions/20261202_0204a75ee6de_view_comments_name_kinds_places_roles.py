"""view comments on every column, the name form in document_people_roles and document_places_roles

Revision ID: 0204a75ee6de
Revises: 4c7ef3d8cd1e
Create Date: 2026-12-02

Researchers read the views first, and 30 of their 50 columns had no comment. Each
column now has one; archival_files.documents says that a document in several files
is counted in each (so summing it per archive or fond over-counts). The form a name
is written in (pseudonym, variant, …) becomes a column of document_people_roles,
and of document_places_roles. The views' definitions are those of revisions 95d0c0d6ce99
and 8e74a0c6cfa7 (which added each link's provenance and document_places_roles), taken
from them so they cannot drift.
"""

from collections.abc import Sequence
from types import ModuleType

from alembic import context, op

revision: str = "0204a75ee6de"
down_revision: str | None = "4c7ef3d8cd1e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The recorded form the text's spelling is (case and ё aside); the exact spelling first,
# then the likeliest kind.
_NAME_KIND = """(SELECT n.kind FROM {names} n
      WHERE n.{owner} = {link}.{owner}
        AND lower(replace(n.name, 'ё', 'е')) = lower(replace({link}.name_as_written, 'ё', 'е'))
      ORDER BY n.name = {link}.name_as_written DESC,
               array_position(ARRAY['preferred', 'pseudonym', 'variant', 'transliteration',
                                    'inflected'], n.kind)
      LIMIT 1)"""

NAME_KIND_COMMENT = (
    "Which recorded form of the name the text writes: preferred, pseudonym, variant, "
    "transliteration or inflected (Фын Си is a pseudonym of Stalin); NULL when the "
    "spelling is none of the recorded forms (a case ending the authority files lack)."
)
_DOCUMENT_ID = "Surrogate key of the document (documents.id); joins the other views."
_KEY = "Stable key of the document (the hex part of its seed file name): archive-db show KEY."
_DATE_TEXT = "The date as printed (8 октября 1950 г.); NULL when none is printed."
_DATE_START = "First day the document can date from; NULL when undated."
_PREFERRED = "The name researchers use in English (Joseph Stalin, Pyongyang)."
_PREFERRED_RU = "The name in Russian (Иосиф Виссарионович Сталин, Пхеньян)."

COMMENTS = {
    "document_overview": {
        "document_id": _DOCUMENT_ID,
        "volume": "The collected-works volume the seed file came from (tom18); NULL if none.",
        "position": "Position in the volume's index (the NNN of NNN_key.txt).",
        "kind": "telegram, letter, speech, article, order, directive, decree, resolution, "
        "report, note, memorandum, conversation, interview, greeting, reply, instruction, "
        "statement or other.",
        "date_text": _DATE_TEXT,
        "date_start": _DATE_START,
        "date_end": "Last day the document can date from (date_start for an exact day).",
        "date_precision": "day, month, year, range or unknown: how much of the date is known.",
        "classification": "top_secret, secret, confidential, personal or unclassified; "
        "NULL when none is printed.",
    },
    "document_texts": {
        "document_id": _DOCUMENT_ID,
        "version_id": "Surrogate key of this text (document_versions.id).",
        "key": _KEY,
        "date_start": _DATE_START,
        "language": "ru or en.",
        "origin_kind": "volume (printed), machine_translation, human_translation or other.",
        "title": "The text's own title, as printed above it.",
        "body": "The text verbatim, line breaks and the source's typos included.",
        "sha256": "SHA-256 of the body: the same text imported twice has the same hash.",
        "search_vector": "Stemmed full-text index. Search it as archive-db search does, "
        "inflected Russian forms included: search_vector @@ archive_search_query(language, "
        "'Корея') (plain websearch_to_tsquery('russian', …) misses Кореи, Корею).",
    },
    "document_people_roles": {
        "document_id": _DOCUMENT_ID,
        "person_id": "Surrogate key of the person (people.id).",
        "key": _KEY,
        "date_text": _DATE_TEXT,
        "date_start": _DATE_START,
        "preferred_name": _PREFERRED,
        "preferred_name_ru": _PREFERRED_RU,
        "name_kind": NAME_KIND_COMMENT,
    },
    "document_places_roles": {
        "document_id": _DOCUMENT_ID,
        "place_id": "Surrogate key of the place (places.id).",
        "key": _KEY,
        "date_text": _DATE_TEXT,
        "date_start": _DATE_START,
        "place": "Slug of the place (korea, pyongyang).",
        "preferred_name": _PREFERRED,
        "preferred_name_ru": _PREFERRED_RU,
        "role": "origin, destination or mentioned.",
        "name_as_written": "The name exactly as the text writes it (Пхеньян, Кореи).",
        "language": "Language of the text the name was found in.",
        "name_kind": NAME_KIND_COMMENT,
    },
    "archival_files": {
        "archive": "Archive code in Cyrillic (АП РФ, РГАСПИ).",
        "archive_latin": "Archive code in Latin letters (AP RF, RGASPI).",
        "fond": "Fond number as printed (45, 558).",
        "opis": "Opis (inventory) number as printed.",
        "delo": "Delo (file) number as printed.",
        "documents": "Documents with a reference into this file. A document in several "
        "files counts in each, so summing this per archive or fond over-counts: count "
        "DISTINCT document_id in archival_references instead (docs/queries.md).",
    },
}
VIEW_COMMENT = (
    "Which places each document names and how (origin, destination, mentioned), with "
    "the name as the text writes it and which recorded form that is."
)
OLD_DOCUMENTS_COMMENT = "Number of documents with a reference into this file."


def _views_revision() -> ModuleType:
    return context.script.get_revision("95d0c0d6ce99").module


def _provenance_revision() -> ModuleType:
    return context.script.get_revision("8e74a0c6cfa7").module


def _people_roles(with_name_kind: bool) -> str:
    """document_people_roles as 8e74a0c6cfa7 left it, with name_kind at its end."""
    provenance = _provenance_revision()
    select, _, rest = _views_revision().VIEWS["document_people_roles"].partition(
        "\nFROM document_people dp")
    assert rest, "the view's FROM moved"
    query = f"{select}{provenance.PEOPLE_ROLES_EXTRA}\nFROM document_people dp{rest}"
    if not with_name_kind:
        return query
    kind = _NAME_KIND.format(names="person_names", owner="person_id", link="dp")
    return query.replace("    p.provisional\nFROM", f"    p.provisional,\n    {kind} AS name_kind\nFROM")


def _places_roles(with_name_kind: bool) -> str:
    query = _provenance_revision().PLACES_ROLES
    if not with_name_kind:
        return query
    kind = _NAME_KIND.format(names="place_names", owner="place_id", link="dp")
    old = "    p.provisional\nFROM"
    assert query.count(old) == 1, "the view's last column moved"
    return query.replace(old, f"    p.provisional,\n    {kind} AS name_kind\nFROM")


def _literal(text: str) -> str:
    # Constants of this file only; COMMENT ON takes no bind parameters.
    return "'" + text.replace("'", "''") + "'"


def upgrade() -> None:
    # A column added at the end: CREATE OR REPLACE keeps grants and comments.
    op.execute(f"CREATE OR REPLACE VIEW document_people_roles AS {_people_roles(True)}")
    op.execute(f"CREATE OR REPLACE VIEW document_places_roles AS {_places_roles(True)}")
    op.execute(f"COMMENT ON VIEW document_places_roles IS {_literal(VIEW_COMMENT)}")
    for view, columns in COMMENTS.items():
        for column, text in columns.items():
            op.execute(f"COMMENT ON COLUMN {view}.{column} IS {_literal(text)}")


def downgrade() -> None:
    provenance = _provenance_revision()
    for view, columns in COMMENTS.items():
        if view == "document_places_roles":
            continue
        for column in columns:
            if column == "name_kind":
                continue
            old = OLD_DOCUMENTS_COMMENT if (view, column) == ("archival_files", "documents") else None
            op.execute(f"COMMENT ON COLUMN {view}.{column} IS "
                       f"{_literal(old) if old else 'NULL'}")  # fmt: skip
    # A column cannot be dropped by CREATE OR REPLACE: 8e74a0c6cfa7's views again, with
    # the comments they had.
    op.execute("DROP VIEW document_places_roles")
    op.execute(f"CREATE VIEW document_places_roles AS {_places_roles(False)}")
    op.execute(f"COMMENT ON VIEW document_places_roles IS {_literal(provenance.PLACES_VIEW_COMMENT)}")
    for column, text in provenance.PLACES_COMMENTS.items():
        op.execute(f"COMMENT ON COLUMN document_places_roles.{column} IS {_literal(text)}")
    op.execute("DROP VIEW document_people_roles")
    op.execute(f"CREATE VIEW document_people_roles AS {_people_roles(False)}")
    comment, columns = _views_revision().COMMENTS["document_people_roles"]
    op.execute(f"COMMENT ON VIEW document_people_roles IS {_literal(comment)}")
    for column, text in {**columns, **provenance.PROVENANCE_COMMENTS}.items():
        op.execute(f"COMMENT ON COLUMN document_people_roles.{column} IS {_literal(text)}")
