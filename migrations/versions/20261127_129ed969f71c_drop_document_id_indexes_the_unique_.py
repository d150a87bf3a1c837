"""drop document_id indexes the unique constraints already cover

Revision ID: 129ed969f71c
Revises: 3a160888c1da
Create Date: 2026-11-27

document_versions, document_people, document_places, archival_references and
citations each had an index on document_id beside a unique constraint that starts
with document_id, which serves the same lookups (a document's rows, the cascade from
documents). Each import wrote both: two index entries per link row, some fifty link
rows per document.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "129ed969f71c"
down_revision: str | None = "3a160888c1da"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "archival_references",
    "citations",
    "document_people",
    "document_places",
    "document_versions",
)


def upgrade() -> None:
    # CONCURRENTLY: readers and an import may be at work; it cannot run in a transaction.
    # IF EXISTS: a rerun after a failure part way picks up where it stopped.
    with op.get_context().autocommit_block():
        for table in TABLES:
            op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS ix_{table}_document_id")


def downgrade() -> None:
    with op.get_context().autocommit_block():
        for table in TABLES:
            op.execute(
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_{table}_document_id"
                f" ON {table} (document_id)"
            )
