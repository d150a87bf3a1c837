"""Tables that hold no rows and exist to be locked: the archive's locks.

``LOCK TABLE ... IN EXCLUSIVE MODE`` needs UPDATE, DELETE or TRUNCATE on the table,
which readers never have (they can take at most ACCESS SHARE, which EXCLUSIVE does
not conflict with), so no reader can take or hold these locks, as they could the
advisory locks these replace.
"""

from __future__ import annotations

from sqlalchemy import BigInteger
from sqlalchemy.orm import Mapped, mapped_column

from archive_db.db import Base


class ImportLock(Base):
    __tablename__ = "import_lock"
    __table_args__ = {  # noqa: RUF012 — SQLAlchemy reads it as a class attribute
        "comment": "Holds no rows. A running import holds LOCK TABLE import_lock IN "
        "EXCLUSIVE MODE: one import at a time, and only a role that may write can take it."
    }

    id: Mapped[int] = mapped_column(
        BigInteger,
        primary_key=True,
        autoincrement=False,
        comment="Unused: the table is locked, never filled.",
    )


class GrantLock(Base):
    __tablename__ = "grant_lock"
    __table_args__ = {  # noqa: RUF012 — SQLAlchemy reads it as a class attribute
        "comment": "Holds no rows. archive-db grant-reader holds LOCK TABLE grant_lock IN "
        "EXCLUSIVE MODE for its transaction: grants in one database take turns."
    }

    id: Mapped[int] = mapped_column(
        BigInteger,
        primary_key=True,
        autoincrement=False,
        comment="Unused: the table is locked, never filled.",
    )
