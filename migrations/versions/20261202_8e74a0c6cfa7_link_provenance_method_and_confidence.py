"""link provenance: document_people/document_places.method and .confidence, in the views

Revision ID: 8e74a0c6cfa7
Revises: 5c7e2a91d4b3
Create Date: 2026-12-02

Every link records how it was made (layout, title, salutation, collection, authority,
ner, curator: archive_db.vocab.LINK_METHODS as of this revision) and how sure that is,
0..1. Links already stored were made by one of two methods: a role read from the
layout, or a mention found by the authority matcher in running text; they get those
methods and the importer's confidences of the time (1 and 0.9). The documents holding
them are re-derived by the next import anyway (documents.derivation_version, next
revision). document_people_roles gains method, confidence and provisional at its end
(CREATE OR REPLACE keeps grants and comments); document_places_roles is new. The
new CHECK constraints are added NOT VALID and validated after the ALTERs commit.
"""

from collections.abc import Sequence
from types import ModuleType

import sqlalchemy as sa
from alembic import context, op

revision: str = "8e74a0c6cfa7"
down_revision: str | None = "5c7e2a91d4b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

METHODS = ("layout", "title", "salutation", "collection", "authority", "ner", "curator")
# The confidence the importer gave a mention found by the authority matcher.
AUTHORITY_CONFIDENCE = 0.9
METHOD_COMMENT = (
    "How the link was made: layout (addressee block, signature, place line), title, "
    "salutation, collection (the collected works' author), authority (an authority name "
    "form found in running text), ner (entity recognition) or curator (a curator's "
    "decision: curate merge or promote). See docs/linking.md."
)
CONFIDENCE_COMMENT = (
    "How sure the method is of this link, 0 to 1 (1: read from the layout or decided by "
    "a curator). Whether the entry itself is curated is people.provisional / "
    "places.provisional."
)
TABLES = ("document_people", "document_places")

PEOPLE_ROLES_EXTRA = """,
    dp.method,
    dp.confidence,
    p.provisional"""
PLACES_ROLES = """
SELECT
    d.id AS document_id,
    p.id AS place_id,
    d.key,
    d.date_text,
    d.date_start,
    p.slug AS place,
    p.preferred_name,
    p.preferred_name_ru,
    dp.role,
    dp.name_as_written,
    dp.language,
    dp.method,
    dp.confidence,
    p.provisional
FROM document_places dp
JOIN documents d ON d.id = dp.document_id
JOIN places p ON p.id = dp.place_id"""
PLACES_VIEW_COMMENT = (
    "Which places each document names and how, with the name as the text writes it and "
    "how the link was made."
)
PROVENANCE_COMMENTS = {
    "method": "How the link was made: layout, title, salutation, collection, authority, "
    "ner or curator (docs/linking.md). WHERE method = 'curator' keeps what a curator "
    "decided; WHERE NOT provisional what the authority files know.",
    "confidence": "How sure the method is of the link, 0 to 1.",
    "provisional": "True when the entry is a stand-in an import made for a name no "
    "authority entry knows, not yet reviewed (archive-db curate provisional).",
}
PLACES_COMMENTS = {
    "place": "Slug of the place (pyongyang, korea).",
    "role": "origin, destination or mentioned.",
    "name_as_written": "The name exactly as the text writes it (Пхеньян, Кореи).",
    "language": "Language of the text the name was found in.",
    **PROVENANCE_COMMENTS,
}


def _views_revision() -> ModuleType:
    return context.script.get_revision("95d0c0d6ce99").module


def _literal(text: str) -> str:
    # Constants of this file only; COMMENT ON takes no bind parameters.
    return "'" + text.replace("'", "''") + "'"


def _comment(view: str, comments: dict[str, str]) -> None:
    for column, text in comments.items():
        op.execute(f"COMMENT ON COLUMN {view}.{column} IS {_literal(text)}")


def upgrade() -> None:
    listed = ", ".join(f"'{m}'" for m in METHODS)
    for table in TABLES:
        # A constant default fills the existing rows without rewriting the table.
        op.add_column(table, sa.Column("method", sa.Text(), nullable=False,
                                       server_default="layout", comment=METHOD_COMMENT),
                      if_not_exists=True)  # fmt: skip
        op.add_column(table, sa.Column("confidence", sa.REAL(), nullable=False,
                                       server_default="1", comment=CONFIDENCE_COMMENT),
                      if_not_exists=True)  # fmt: skip
        op.execute(
            f"UPDATE {table} SET method = 'authority', confidence = {AUTHORITY_CONFIDENCE}"
            " WHERE role = 'mentioned'"
        )
        op.alter_column(table, "method", server_default=None)
        op.alter_column(table, "confidence", server_default=None)
        # NOT VALID: added without a scan under the ALTERs' lock; validated at the end.
        for name, check in _checks(table, listed):
            op.execute(
                f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name},"
                f" ADD CONSTRAINT {name} CHECK ({check}) NOT VALID"
            )
    people_roles = _views_revision().VIEWS["document_people_roles"]
    select, _, rest = people_roles.partition("\nFROM document_people dp")
    assert rest, "the view's FROM moved"
    op.execute(
        "CREATE OR REPLACE VIEW document_people_roles AS"
        f" {select}{PEOPLE_ROLES_EXTRA}\nFROM document_people dp{rest}"
    )
    _comment("document_people_roles", PROVENANCE_COMMENTS)
    op.execute(f"CREATE OR REPLACE VIEW document_places_roles AS {PLACES_ROLES}")
    op.execute(f"COMMENT ON VIEW document_places_roles IS {_literal(PLACES_VIEW_COMMENT)}")
    _comment("document_places_roles", PLACES_COMMENTS)
    # Validating scans a table but lets reads and writes go on; outside the transaction
    # above, so its lock is no longer held. Should it fail, the upgrade can be run again:
    # everything above is written to be repeated (IF NOT EXISTS, DROP ... IF EXISTS,
    # CREATE OR REPLACE), and validating a valid constraint does nothing.
    with op.get_context().autocommit_block():
        for table in TABLES:
            for name, _ in _checks(table, listed):
                op.execute(f"ALTER TABLE {table} VALIDATE CONSTRAINT {name}")


def _checks(table: str, listed: str) -> list[tuple[str, str]]:
    return [
        (f"ck_{table}_method", f"method IN ({listed})"),
        (f"ck_{table}_confidence_range", "confidence BETWEEN 0 AND 1"),
    ]


def downgrade() -> None:
    op.execute("DROP VIEW document_places_roles")
    # CREATE OR REPLACE cannot drop columns: the view of 95d0c0d6ce99 again, comments too.
    views = _views_revision()
    op.execute("DROP VIEW document_people_roles")
    op.execute(f"CREATE VIEW document_people_roles AS {views.VIEWS['document_people_roles']}")
    comment, columns = views.COMMENTS["document_people_roles"]
    op.execute(f"COMMENT ON VIEW document_people_roles IS {_literal(comment)}")
    _comment("document_people_roles", columns)
    for table in TABLES:
        op.drop_constraint(op.f(f"ck_{table}_confidence_range"), table, type_="check")
        op.drop_constraint(op.f(f"ck_{table}_method"), table, type_="check")
        op.drop_column(table, "confidence")
        op.drop_column(table, "method")
