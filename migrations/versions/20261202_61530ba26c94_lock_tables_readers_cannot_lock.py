"""lock tables readers cannot lock

Revision ID: 61530ba26c94
Revises: 7d1e5b0c9a24
Create Date: 2026-12-02

The import and grant locks were advisory locks with fixed ids, which any role that
can connect may take (and a reader did, stopping the nightly import for as long as
it liked). They become LOCK TABLE ... IN EXCLUSIVE MODE on these two empty tables,
which needs a write privilege readers do not have.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "61530ba26c94"
down_revision: str | None = "7d1e5b0c9a24"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UNUSED = "Unused: the table is locked, never filled."


def upgrade() -> None:
    op.create_table(
        "import_lock",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False, comment=_UNUSED),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_lock")),
        comment="Holds no rows. A running import holds LOCK TABLE import_lock IN "
        "EXCLUSIVE MODE: one import at a time, and only a role that may write can take it.",
    )
    op.create_table(
        "grant_lock",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False, comment=_UNUSED),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grant_lock")),
        comment="Holds no rows. archive-db grant-reader holds LOCK TABLE grant_lock IN "
        "EXCLUSIVE MODE for its transaction: grants in one database take turns.",
    )


def downgrade() -> None:
    op.drop_table("grant_lock")
    op.drop_table("import_lock")
