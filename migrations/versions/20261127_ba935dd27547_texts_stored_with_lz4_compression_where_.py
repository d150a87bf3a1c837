"""texts stored with lz4 compression where the server has it

Revision ID: ba935dd27547
Revises: 129ed969f71c
Create Date: 2026-11-27

document_versions.body and search_vector are compressed as they are written. With
the stock pglz most search vectors do not shrink enough to keep, so the work is done
and thrown away, about a fifth of a bulk load's COPY; lz4 is several times faster
both ways, so ranking many texts (which reads every matching vector) is faster too.
Servers built without lz4 (the embedded one) keep pglz. Only values written from now
on are affected; rows already stored keep theirs until rewritten.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "ba935dd27547"
down_revision: str | None = "129ed969f71c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Decided by the server at run time, so the offline SQL (alembic upgrade --sql) is the same.
_SET = """
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_settings
               WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE document_versions
            ALTER COLUMN body SET COMPRESSION {method},
            ALTER COLUMN search_vector SET COMPRESSION {method};
    END IF;
END
$$
"""


def upgrade() -> None:
    op.execute(_SET.format(method="lz4"))


def downgrade() -> None:
    op.execute(_SET.format(method="default"))
