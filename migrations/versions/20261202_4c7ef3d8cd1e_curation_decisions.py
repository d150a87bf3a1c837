"""curation_decisions: curators' promote, merge and reject decisions

Revision ID: 4c7ef3d8cd1e
Revises: 0c938bc5e3df
Create Date: 2026-12-02

archive-db curate records here what it decided about a provisional person or place;
an import resolves the entry's name forms by these rows, so a rejected name is not
linked or created again and a merged one links to its target. No index: a few
hundred rows at most, read whole by each import.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "4c7ef3d8cd1e"
down_revision: str | None = "0c938bc5e3df"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "curation_decisions",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key; stable within this database only.",
        ),
        sa.Column("kind", sa.Text(), nullable=False, comment="person or place."),
        sa.Column(
            "action",
            sa.Text(),
            nullable=False,
            comment="promote (made a curated entry under a new slug), merge (folded into "
            "another entry) or reject (not a person or place: links removed).",
        ),
        sa.Column(
            "slug",
            sa.Text(),
            nullable=False,
            comment="Slug of the entry decided on, as it was (provisional-забродин).",
        ),
        sa.Column(
            "target",
            sa.Text(),
            nullable=True,
            comment="Slug of the entry it became (promote) or was merged into (merge).",
        ),
        sa.Column(
            "names_normalized",
            postgresql.ARRAY(sa.Text()),
            nullable=False,
            comment="The entry's name forms at the time, normalized as person_names."
            "name_normalized: an import meeting one of them follows the decision.",
        ),
        sa.Column(
            "decided_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When the curator decided.",
        ),
        sa.Column(
            "decided_by",
            sa.Text(),
            nullable=True,
            comment="Who decided (archive-db curate --by, else the login name).",
        ),
        sa.Column("note", sa.Text(), nullable=True, comment="The curator's reason, if given."),
        sa.CheckConstraint("kind IN ('person', 'place')", name=op.f("ck_curation_decisions_kind")),
        sa.CheckConstraint(
            "action IN ('promote', 'merge', 'reject')", name=op.f("ck_curation_decisions_action")
        ),
        sa.CheckConstraint(
            "(action = 'reject') = (target IS NULL)",
            name=op.f("ck_curation_decisions_target_unless_reject"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_curation_decisions")),
        comment="What a curator decided about a provisional person or place (archive-db "
        "curate): promoted into the authority files, merged into another entry, or rejected "
        "as no one. Imports resolve the entry's name forms by these decisions, so a rejected "
        "name is not linked again and a merged one links to its target.",
    )


def downgrade() -> None:
    op.drop_table("curation_decisions")
