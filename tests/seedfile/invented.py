"""Invented seed files in the exporter's layout, for the tests of real layouts: the two
texts of a document wrapped as the exporter writes them, then parsed."""

from __future__ import annotations

from archive_db.seedfile import parse_text
from archive_db.seedfile.model import NameRole, ParsedDocument


def seed_file(
    english: str, russian: str, *, title: str, index: str, meta: str, volume: int, key: str
) -> ParsedDocument:
    """A file of volume ``volume`` (``tomNN/001_KEY.txt``): index page, metadata line,
    the English text under its source line, then the Russian under «Том NN»."""
    text = (
        f"← Back to index\n\n{title}\n\n{index}\n\n{meta} ru:tom{volume};en:AI AI translated\n\n"
        f"{title}\nSource: Tom {volume}\n\n{english}\n\nТом {volume}\n{index}\n{russian}"
    )
    return parse_text(text, f"seeds/tom{volume}/001_{key}.txt")


def names(d: ParsedDocument, role: NameRole, language: str) -> list[str]:
    """The names (nominative where known) the document gives ``role`` in ``language``."""
    return [n.lemma or n.text for n in d.names if n.role is role and n.language == language]
