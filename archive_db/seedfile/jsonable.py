"""ParsedDocument → plain JSON-ready dicts (dates as ISO strings, enums as their values)."""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from typing import Any

from archive_db.seedfile.model import ParsedDocument


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_json_dict(doc: ParsedDocument) -> dict[str, Any]:
    """Every field of ``doc``; versions also carry ``sha256``, `archive` is the Cyrillic code."""
    data = _plain(dataclasses.asdict(doc))
    for out, version in zip(data["versions"], doc.versions, strict=True):
        out["sha256"] = version.sha256
    return data
