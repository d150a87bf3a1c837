"""An imported volume whose addressees no authority entry knows, for a curator to review.

An unknown person is one provisional entry, filed under the nominative of the Russian
name without initials (``importer/resolve.py``), and the translation's name of the
same role links to it too ("P. I. Zabrodin" → "Забродин Пётр Ильич"): one entry per
person, linked in both languages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from tests.conftest import SPECIMEN
from tests.importer.conftest import Run, run_cli, volume  # noqa: F401 — fixtures used here

KEY = SPECIMEN.stem.split("_")[1]
# provisional_slug() folds ё to е: "Забродин Пётр Ильич" → ...-петр-...
ZABRODIN = "provisional-забродин-петр-ильич"
PETROV = "provisional-петров-иван"
PETROV_KEYS = ["00000000000000a1", "00000000000000a2"]


def addressed_to(body: str, ru: str, en: str) -> str:
    """The specimen with the addressee block naming someone else."""
    return body.replace("Пхеньян Штыкову\nдля\nКим Ир Сена", f"Пхеньян\n{ru}").replace(
        "Pyongyang, Shtykov\nfor\nKim Il Sung", f"Pyongyang\n{en}"
    )


@pytest.fixture
def unknowns(volume: Path, run_cli: Run) -> Path:  # noqa: F811 — the fixtures above
    """The specimen to Забродин (one document), two copies to Петров (two); imported."""
    body = SPECIMEN.read_text(encoding="utf-8")
    folder = volume / "tom18"
    (folder / SPECIMEN.name).write_text(
        addressed_to(body, "Забродину Петру Ильичу", "P. I. Zabrodin"), encoding="utf-8"
    )
    for i, key in enumerate(PETROV_KEYS, 1):
        copy = addressed_to(body, "Петрову Ивану", "I. Petrov").replace("неможет", f"w{i}")
        (folder / f"{i:03d}_{key}.txt").write_text(copy, encoding="utf-8")
    result = run_cli("import", volume)
    assert result.exit_code == 0, result.output
    return volume


def import_rederiving(run_cli: Run, volume: Path, engine: Engine, documents: int = 3) -> str:  # noqa: F811
    """An import after a parser upgrade: every document derived again from its file."""
    with engine.begin() as conn:
        conn.execute(text("UPDATE documents SET derivation_version = 0"))
    result = run_cli("import", volume)
    assert result.exit_code == 0, result.output
    assert f"{documents} re-derived" in result.output, result.output
    return result.output
