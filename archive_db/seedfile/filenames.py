"""What a seed file's path says: its key, its position in the volume, its volume.

One rule for the parser and the importer, which looks a file up by its key before
deciding whether to parse it at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_FILE_NAME = re.compile(r"^(\d+)_([0-9a-f]{16})\.txt$")
_LEADING_NUMBER = re.compile(r"^(\d+)_")
VOLUME_DIR = re.compile(r"^tom(\d+\w*)$", re.I)


@dataclass(frozen=True, slots=True)
class SeedName:
    key: str  # the 16 hex digits, else the file's stem
    position: int | None  # NNN
    regular: bool  # named NNN_<16 hex>.txt
    volume: str | None  # the folder, lowercased, when it is named like a volume (tom18)


def seed_name(path: str | Path) -> SeedName:
    p = Path(path)
    folder = p.parent.name
    volume = folder.lower() if VOLUME_DIR.match(folder) else None
    if m := _FILE_NAME.match(p.name):
        return SeedName(m.group(2), int(m.group(1)), True, volume)
    lead = _LEADING_NUMBER.match(p.name)
    return SeedName(p.stem, int(lead.group(1)) if lead else None, False, volume)
