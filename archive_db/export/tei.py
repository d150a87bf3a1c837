"""TEI P5: one file a document (being written)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection


@dataclass(frozen=True, slots=True)
class TeiReport:
    written: int
    missing: tuple[str, ...] = ()


def iter_tei(
    conn: Connection, keys: Sequence[str] | None = None, volume: str | None = None
) -> Iterator[tuple[str, bytes]]:
    raise NotImplementedError


def tei_document(conn: Connection, key: str) -> bytes:
    raise NotImplementedError


def export_tei(
    conn: Connection, out_dir: Path, keys: Sequence[str] | None = None, volume: str | None = None
) -> TeiReport:
    raise NotImplementedError
