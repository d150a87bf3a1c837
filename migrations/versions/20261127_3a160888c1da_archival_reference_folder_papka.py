"""archival reference folder (papka): archival_references.papka, shown in document_overview

Revision ID: 3a160888c1da
Revises: 95d0c0d6ce99
Create Date: 2026-11-27 03:27:24.935999

Foreign Policy Archive references print a folder between opis and delo
(АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123. Л. 4). The column is nullable: every
other archive has no folders, and rows imported before keep NULL (re-importing
their files fills it). document_overview's readable reference gains the folder;
its definition is otherwise revision 95d0c0d6ce99's, taken from that revision
so the two cannot drift.
"""

from collections.abc import Sequence
from types import ModuleType

import sqlalchemy as sa
from alembic import context, op

revision: str = "3a160888c1da"
down_revision: str | None = "95d0c0d6ce99"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_REFERENCE = "'Оп. ' || r.opis, 'Д. ' || r.delo,"
NEW_REFERENCE = "'Оп. ' || r.opis, 'П. ' || r.papka, 'Д. ' || r.delo,"


def _views_revision() -> ModuleType:
    return context.script.get_revision("95d0c0d6ce99").module


def _overview(reference_old: str, reference_new: str) -> str:
    query = _views_revision().VIEWS["document_overview"]
    assert query.count(reference_old) == 1, "the view's reference expression moved"
    return query.replace(reference_old, reference_new)


def upgrade() -> None:
    op.add_column(
        "archival_references",
        sa.Column(
            "papka",
            sa.Text(),
            nullable=True,
            comment="Folder (П., папка) between opis and delo, as printed: Foreign Policy "
            "Archive (АВП) references, Ф. 059. Оп. 1. П. 18. Д. 123.",
        ),
    )
    # Same columns in the same order: CREATE OR REPLACE keeps grants and comments.
    overview = _overview(OLD_REFERENCE, NEW_REFERENCE)
    op.execute(f"CREATE OR REPLACE VIEW document_overview AS {overview}")


def downgrade() -> None:
    overview = _overview(OLD_REFERENCE, OLD_REFERENCE)
    op.execute(f"CREATE OR REPLACE VIEW document_overview AS {overview}")
    op.drop_column("archival_references", "papka")
