"""CMIF: the letters and telegrams for correspSearch (being written)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection


@dataclass(frozen=True, slots=True)
class CmifSettings:
    file_url: str | None = None
    edition_url: str | None = None
    editor: str | None = None
    email: str | None = None
    publisher: str | None = None
    licence: str = "CC-BY-4.0"


@dataclass(frozen=True, slots=True)
class CmifReport:
    letters: int
    defaults_used: tuple[str, ...] = field(default=())

    def gaps(self) -> list[str]:
        return []


def export_cmif(conn: Connection, out: Path, settings: CmifSettings) -> CmifReport:
    raise NotImplementedError
