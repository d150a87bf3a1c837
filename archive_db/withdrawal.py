"""Withdrawing a document: it leaves the archive, and stays on record.

The document is deleted (its texts, people, places, references and citations with it)
and kept in ``withdrawn_documents`` as ``archive-db show --json`` gives it, with the
reason, the time and the database role. The importer skips its key from then on,
unless told to add it again (``archive-db import --readd-withdrawn``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.orm import Session

from archive_db.importer import lock
from archive_db.jsonable import jsonable
from archive_db.models import Document, WithdrawnDocument
from archive_db.repository.documents import get_document


class WithdrawalRefused(Exception):
    """The withdrawal cannot be made now, or without a reason; the message says why."""


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """A withdrawal made: ``id`` is its row in ``withdrawn_documents``."""

    id: int
    key: str
    title: str
    withdrawn_at: dt.datetime


def withdraw(session: Session, key: str, reason: str) -> Withdrawal:
    """Withdraw the document ``key`` in the session's transaction (the caller commits).

    Raises :class:`~archive_db.repository.DocumentNotFound` for an unknown key and
    :class:`WithdrawalRefused` without a reason or while an import runs (which could
    be writing the same document).
    """
    if not reason.strip():
        raise WithdrawalRefused("say why the document is withdrawn (--reason)")
    # Held to the end of this transaction; a running import holds it for its run.
    if not lock.take_for_transaction(session):
        raise WithdrawalRefused("an import is running; withdraw the document when it is done")
    doc = get_document(session, key)
    row = WithdrawnDocument(key=doc.key, title=doc.title, reason=reason.strip(),
                            document=jsonable(doc))  # fmt: skip
    session.add(row)
    session.flush()
    session.execute(delete(Document).where(Document.key == doc.key))
    session.refresh(row)
    return Withdrawal(row.id, row.key, row.title, row.withdrawn_at)
