"""A Frictionless Data Package: the researcher views and the tables behind them as CSV,
described by a ``datapackage.json`` built from the database's own catalog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection


@dataclass(frozen=True, slots=True)
class ResourceCount:
    name: str
    path: str
    rows: int


@dataclass(frozen=True, slots=True)
class DataPackageReport:
    descriptor: Path
    resources: tuple[ResourceCount, ...]


def export_datapackage(conn: Connection, out_dir: Path) -> DataPackageReport:
    raise NotImplementedError  # being written
