from __future__ import annotations

from pathlib import Path

import pytest

from archive_db.authorities import Authorities, NameMatcher, load_authorities

ROOT = Path(__file__).resolve().parents[2]
AUTHORITIES = ROOT / "seeds" / "authorities"
SPECIMEN = ROOT / "seeds" / "tom18" / "000_fb0b047ba36df19f.txt"


@pytest.fixture(scope="session")
def authorities() -> Authorities:
    return load_authorities(AUTHORITIES)


@pytest.fixture(scope="session")
def matcher(authorities: Authorities) -> NameMatcher:
    return NameMatcher.from_authorities(authorities)


@pytest.fixture(scope="session")
def specimen_bodies() -> dict[str, str]:
    """The English and Russian bodies of the specimen (lines 19–50 and 62–78)."""
    lines = SPECIMEN.read_text(encoding="utf-8").splitlines()
    return {"en": "\n".join(lines[18:50]), "ru": "\n".join(lines[61:78])}
