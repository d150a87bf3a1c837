"""documents.derivation_version and import_runs.documents_rederived

Revision ID: 0c938bc5e3df
Revises: 8e74a0c6cfa7
Create Date: 2026-12-02

Each document records the parser/linker version (archive_db.derivation) that derived
its rows; an import re-derives the documents of an older version from their unchanged
files and counts them in import_runs.documents_rederived. Documents stored before are
version 0: the next import re-derives them once (their links then get real provenance).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0c938bc5e3df"
down_revision: str | None = "8e74a0c6cfa7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "documents",
        sa.Column(
            "derivation_version",
            sa.BigInteger(),
            server_default="0",
            nullable=False,
            comment="archive_db.derivation.DERIVATION_VERSION of the import that derived this "
            "document's rows from its file (0: before versions were recorded). An import "
            "re-derives documents of an older version even when their file is unchanged.",
        ),
    )
    op.add_column(
        "import_runs",
        sa.Column(
            "documents_rederived",
            sa.BigInteger(),
            server_default="0",
            nullable=False,
            comment="Documents whose file was unchanged but whose rows an older parser or "
            "linker had derived: derived again (documents.derivation_version).",
        ),
    )


def downgrade() -> None:
    op.drop_column("import_runs", "documents_rederived")
    op.drop_column("documents", "derivation_version")
