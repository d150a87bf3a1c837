"""Hard-wrapped bodies: the Works' Russian pages break every line near 80 columns.

There a line is not a paragraph, and ``structure.analyse`` — which reads one unit as
one paragraph — would take a wrapped line without a full stop for an addressee line or
a signature. The body itself stays as printed; only the units given to the analysis
are paragraphs joined from their wrapped lines.
"""

from __future__ import annotations

import re

Unit = tuple[int, str]  # (line number, text)

# Sentence ends; a wrapped line mostly ends elsewhere (a word, a comma, a dash).
_FINAL = (".", "!", "?", "…", ":", ";", ".»", ".”", "!»", "?»", '."')
# A line broken inside a sentence ends in a word (or a hyphen or dash), not at a comma:
# one-paragraph-a-line texts end their lines with punctuation.
_MID_WORD = re.compile(r"[\w\-–—]$")
# A note starts its own paragraph, whatever the line before it.
_NOTE = re.compile(r"^\s*(?:Примечани|Прим\.|Notes?\b|NOTE)", re.I)
_MIN_LINES = 4
_MIN_WIDTH, _MAX_WIDTH = 50, 100  # the wrap widths seen are ~70-80 columns
_NEAR = 0.8  # a line at least this share of the width was wrapped, not ended


def _width(texts: list[str]) -> int:
    """The wrap width: the length most long lines reach (the 90th percentile)."""
    lengths = sorted(len(t) for t in texts)
    return lengths[min(len(lengths) - 1, (len(lengths) * 9) // 10)]


def is_hard_wrapped(units: list[Unit]) -> bool:
    """Many lines of similar length near one width, most of those ending mid-sentence."""
    texts = [t.rstrip() for _, t in units if t.strip()]
    if len(texts) < _MIN_LINES:
        return False
    width = _width(texts)
    if not _MIN_WIDTH <= width <= _MAX_WIDTH:
        return False
    near = [t for t in texts if _NEAR * width <= len(t) <= width + 2]
    # A third, not a half: a short letter's heading, signature and paragraph ends count too.
    if len(near) < 3 or len(near) * 3 < len(texts):
        return False
    mid_word = [t for t in near if _MID_WORD.search(t)]
    return len(mid_word) * 5 >= len(near) * 3


def paragraph_units(units: list[Unit]) -> tuple[list[Unit], dict[int, int]]:
    """Paragraphs joined from wrapped lines, and each paragraph's last line by its first.

    A line that reaches the wrap width without ending a sentence continues on the next;
    a shorter one (or one ending a sentence) closes its paragraph.
    """
    texts = [t.rstrip() for _, t in units if t.strip()]
    width = _width(texts)
    joined: list[Unit] = []
    last: dict[int, int] = {}
    current: list[Unit] = []
    for unit in units:
        if current and _NOTE.match(unit[1]):
            joined.append((current[0][0], " ".join(t.strip() for _, t in current)))
            last[current[0][0]] = current[-1][0]
            current = []
        current.append(unit)
        text = unit[1].rstrip()
        if len(text) >= _NEAR * width and not text.endswith(_FINAL):
            continue
        joined.append((current[0][0], " ".join(t.strip() for _, t in current)))
        last[current[0][0]] = current[-1][0]
        current = []
    if current:
        joined.append((current[0][0], " ".join(t.strip() for _, t in current)))
        last[current[0][0]] = current[-1][0]
    return joined, last
