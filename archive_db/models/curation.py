"""Curators' decisions about provisional people and places, which imports obey."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Text, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from archive_db.db import Base, intpk
from archive_db.vocab import CURATION_ACTIONS, ENTRY_KINDS, check_in


class CurationDecision(Base):
    __tablename__ = "curation_decisions"
    __table_args__ = (
        CheckConstraint(check_in("kind", ENTRY_KINDS), name="kind"),
        CheckConstraint(check_in("action", CURATION_ACTIONS), name="action"),
        CheckConstraint("(action = 'reject') = (target IS NULL)", name="target_unless_reject"),
        {"comment": "What a curator decided about a provisional person or place (archive-db "
         "curate): promoted into the authority files, merged into another entry, or rejected "
         "as no one. Imports resolve the entry's name forms by these decisions, so a rejected "
         "name is not linked again and a merged one links to its target."},
    )  # fmt: skip

    id: Mapped[intpk]
    kind: Mapped[str] = mapped_column(Text, comment="person or place.")
    action: Mapped[str] = mapped_column(
        Text,
        comment="promote (made a curated entry under a new slug), merge (folded into "
        "another entry) or reject (not a person or place: links removed).",
    )
    slug: Mapped[str] = mapped_column(
        Text, comment="Slug of the entry decided on, as it was (provisional-забродин)."
    )
    target: Mapped[str | None] = mapped_column(
        Text, comment="Slug of the entry it became (promote) or was merged into (merge)."
    )
    names_normalized: Mapped[list[str]] = mapped_column(
        ARRAY(Text),
        comment="The entry's name forms at the time, normalized as person_names."
        "name_normalized: an import meeting one of them follows the decision.",
    )
    decided_at: Mapped[dt.datetime] = mapped_column(
        server_default=text("now()"), comment="When the curator decided."
    )
    decided_by: Mapped[str | None] = mapped_column(
        Text, comment="Who decided (archive-db curate --by, else the login name)."
    )
    note: Mapped[str | None] = mapped_column(Text, comment="The curator's reason, if given.")
