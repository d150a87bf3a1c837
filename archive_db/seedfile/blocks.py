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


def cyrillic(text: str) -> bool:
    return len(_CYR.findall(text)) > len(_LAT.findall(text))


def latin(text: str) -> bool:
    return len(_LAT.findall(text)) > len(_CYR.findall(text))


def latin_language(text: str) -> str:
    """``es`` or ``en`` for a Latin-script text, by its commonest function words."""
    return "es" if len(_ES_WORDS.findall(text)) > len(_EN_WORDS.findall(text)) else "en"


def bare_header(lines: list[str], start: int) -> tuple[list[int], int]:
    """Title lines of a file without a metadata line, and where its first block starts.

    The titles are the first line (English, or the only one), then a Cyrillic index
    title, then a Spanish one; the block starts at the next line — its title printed
    again, its ``Source:`` line or straight its body. A file opening at ``Source:`` or
    ``Том NN`` has no title lines; one opening with a Cyrillic line has one only when
    the Russian block (``Том NN``) or the same title follows.
    """
    content = [i for i in range(start, len(lines)) if lines[i].strip()]
    if not content:
        return [], start
    text = [lines[i].strip() for i in content]
    if SOURCE.match(text[0]) or TOM.match(text[0]):
        return [], content[0]
    if cyrillic(text[0]):
        if len(content) > 1 and (TOM.match(text[1]) or text[1] == text[0]):
            return content[:1], content[1]
        return [], content[0]
    titles = content[:1]
    k = 1
    if k < len(content) and cyrillic(text[k]) and not TOM.match(text[k]) and _title_like(text[k]):
        titles.append(content[k])
        k += 1
        if (k + 1 < len(content) and latin(text[k]) and text[k] != text[0]
                and _title_like(text[k]) and latin_language(text[k]) == "es"
                and not SOURCE.match(text[k + 1])):
            titles.append(content[k])
            k += 1
    return titles, content[k] if k < len(content) else len(lines)


def _title_like(text: str) -> bool:
    """Short, and not closed like a sentence."""
    return len(text) <= 150 and not text.endswith((".", "!", "?", ":", ";", ","))


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
