"""Where a seed file's title lines end and each language's block starts.

The exporter renders files in two ways (``EXPORT.md``): the specimen's, with a navigation
line, blank lines and a metadata line, and a bare one with none of the three — the title
lines run straight into the English block. Its Works pages also put the Russian block right
after the English one (no ``Том NN`` line) and a Spanish block last. These helpers read
only the shape of the lines; ``reader`` builds the versions from what they find.
"""

from __future__ import annotations

import re

TOM = re.compile(r"^\s*Том\s+(?P<volume>\d+\w*)\s*$")
SOURCE = re.compile(r"^\s*Source\s*:", re.I)
SOURCE_TOM = re.compile(r"^\s*Source\s*:\s*Tom\s+(?P<volume>\d+\w*)\s*$", re.I)
_CYR = re.compile(r"[А-Яа-яЁё]")
_LAT = re.compile(r"[A-Za-zÀ-ÿ]")
# Function words that tell a Spanish text from an English one (both are Latin script).
_ES_WORDS = re.compile(r"\b(?:el|la|los|las|del|de|que|y|en|por|con|para|una|es|se|al)\b", re.I)
_EN_WORDS = re.compile(r"\b(?:the|of|and|to|in|is|that|for|with|on|by|was|we|you)\b", re.I)
# How far down the title lines of a bare rendering are looked for.
_HEADER_REACH = 6


def cyrillic(text: str) -> bool:
    return len(_CYR.findall(text)) > len(_LAT.findall(text))


def latin(text: str) -> bool:
    return len(_LAT.findall(text)) > len(_CYR.findall(text))


def latin_language(text: str) -> str:
    """``es`` or ``en`` for a Latin-script text, by its commonest function words."""
    return "es" if len(_ES_WORDS.findall(text)) > len(_EN_WORDS.findall(text)) else "en"


def bare_header(lines: list[str], start: int) -> tuple[list[int], int]:
    """Title lines of a file without a metadata line, and where its first block starts.

    The first block is found by its anchor: the first title printed again (the English
    block repeats its title), a ``Source:`` line (with the Latin line above it, its
    title), or a ``Том NN`` line. Without an anchor
    the file has no title lines of its own and the block starts at ``start``.
    """
    if start >= len(lines):
        return [], start
    reach = min(len(lines), start + _HEADER_REACH)
    first = lines[start].strip()
    for i in range(start, reach):
        text = lines[i].strip()
        if i > start and text == first:
            return _content(lines, start, i), i
        if SOURCE.match(text):
            # A Latin line above "Source:" is the block's own title (the file's only
            # title when it is the first line); a Cyrillic one is the index title.
            block = i - 1 if i > start and latin(lines[i - 1]) else i
            return _content(lines, start, block), block
        if TOM.match(text):
            return _content(lines, start, i), i
    return [], start


def _content(lines: list[str], start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if lines[i].strip()]


def russian_start(lines: list[str], first: int, end: int, index_title: str | None) -> int | None:
    """Where the Russian block starts inside a file whose first block is not Russian.

    In order: a ``Том NN`` line with a line under it; the Russian index title printed
    again; else the first Cyrillic line after the Latin block's title, when the line
    after it is Cyrillic too (one Cyrillic word in an English text is not a block).
    """
    for k in range(first + 1, end - 1):
        if TOM.match(lines[k]) and lines[k + 1].strip():
            return k
    if index_title:
        wanted = index_title.strip()
        hit = next((k for k in range(first + 1, end) if lines[k].strip() == wanted), None)
        if hit is not None:
            return hit
    content = [k for k in range(first + 1, end) if lines[k].strip()]
    for j, k in enumerate(content):
        if cyrillic(lines[k]) and (j + 1 == len(content) or cyrillic(lines[content[j + 1]])):
            return k
    return None


def spanish_start(lines: list[str], ru_at: int, end: int, title: str | None) -> int | None:
    """Where a Spanish block (printed last, after the Russian one) starts, if there is one.

    Its title printed again when the file has a Spanish title line; else the first Latin
    line after the Russian block's title from which no Cyrillic line follows.
    """
    if title:
        wanted = title.strip()
        hit = next((k for k in range(ru_at + 1, end) if lines[k].strip() == wanted), None)
        if hit is not None:
            return hit
    content = [k for k in range(ru_at + 1, end) if lines[k].strip()]
    for j, k in enumerate(content):
        rest = content[j:]
        if latin(lines[k]) and not any(cyrillic(lines[r]) for r in rest):
            if latin_language(" ".join(lines[r] for r in rest)) == "es":
                return k
            return None
    return None
