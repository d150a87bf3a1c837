from __future__ import annotations

from pathlib import Path

import pytest

SPECIMEN = Path(__file__).resolve().parents[2] / "seeds" / "tom18" / "000_fb0b047ba36df19f.txt"


@pytest.fixture(scope="session")
def specimen_path() -> Path:
    return SPECIMEN
