"""halves that are two documents: documents.halves_disagree, view mismatched_versions

Revision ID: 5c7e2a91d4b3
Revises: ba935dd27547
Create Date: 2026-12-02

In a third of the exporter's pages the English and the Russian half of one file are two
different documents (another item of the same date, another addressee, neighbours'
halves swapped). The parser says why (ParsedDocument.halves_disagree); the column keeps
those reasons, and such a translation is stored without translation_of_id, so neither
a reader nor an app takes one text for the other's translation. mismatched_versions
lists every current text of every such file for the curators. Rows imported before keep
NULL until their file is imported again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "5c7e2a91d4b3"
down_revision: str | None = "ba935dd27547"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMN_COMMENT = (
    "Why the file's translation and its Russian text look like two different documents "
    "(dates, addressees, kind, people, length), as the parser found them; NULL when nothing "
    "says so. A flagged translation has no translation_of_id: neither text is the other's "
    "translation. The view mismatched_versions lists them."
)
VIEW = """
SELECT
    d.id AS document_id,
    d.key,
    d.volume,
    d.position,
    d.source_path,
    d.halves_disagree AS reasons,
    v.id AS version_id,
    v.language,
    v.origin,
    v.origin_kind,
    v.title,
    v.translation_of_id,
    length(v.body) AS body_length
FROM documents d
JOIN document_versions v ON v.document_id = d.id AND v.is_current
WHERE d.halves_disagree IS NOT NULL"""
VIEW_COMMENT = (
    "Files whose texts are not one document in several languages: one row per current text "
    "of every document with halves_disagree. For curators: re-pair or split these files; "
    "until then no text of them is stored as a translation of another."
)
VIEW_COLUMNS = {
    "document_id": "Surrogate key of the document (documents.id); joins the other views.",
    "key": "Stable key of the document (the hex part of its seed file name).",
    "volume": "The collected-works volume the seed file came from (tom17).",
    "position": "Position in the volume's index (the NNN of NNN_key.txt).",
    "source_path": "The seed file it was imported from: the file to re-pair or split.",
    "version_id": "Surrogate key of this text (document_versions.id).",
    "language": "Language of this text: ru, en, es.",
    "origin": "Where this text comes from, as the metadata line says (tom17, AI, SCW).",
    "origin_kind": "volume (printed), machine_translation, human_translation or other.",
    "title": "This text's own title, as printed above it.",
    "reasons": "documents.halves_disagree: what disagrees (dates, addressees, kind, people, "
    "length), as the parser found it.",
    "translation_of_id": "NULL for a flagged translation (a link made by an older import is "
    "removed when the file is imported again).",
    "body_length": "Characters of the text: a translation runs about 1.0-1.3x the Russian.",
}


def _literal(text: str) -> str:
    # Constants of this file only; COMMENT ON takes no bind parameters.
    return "'" + text.replace("'", "''") + "'"


def upgrade() -> None:
    op.add_column(
        "documents",
        sa.Column("halves_disagree", postgresql.ARRAY(sa.Text()), nullable=True,
                  comment=COLUMN_COMMENT),
    )
    op.execute(f"CREATE VIEW mismatched_versions AS {VIEW}")
    op.execute(f"COMMENT ON VIEW mismatched_versions IS {_literal(VIEW_COMMENT)}")
    for column, text in VIEW_COLUMNS.items():
        op.execute(f"COMMENT ON COLUMN mismatched_versions.{column} IS {_literal(text)}")


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS mismatched_versions")
    op.drop_column("documents", "halves_disagree")
