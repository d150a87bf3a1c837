"""Name normalization: the one form matching compares.

Lowercase, ё as е, hyphens and apostrophes dropped, other punctuation as a space,
and Latin letters that look Cyrillic folded into Cyrillic inside Cyrillic words
(OCR and typing slips such as ``Maо Цзэдуну`` with a Latin ``M`` and ``a``).
"""

from __future__ import annotations

import re
import unicodedata

# Letters that look alike in the two scripts (lowercase, after lowering).
_LATIN_LOOKALIKES = "aceopxykmhbt"
_CYRILLIC_LOOKALIKES = "асеорхукмнвт"
TO_CYRILLIC = str.maketrans(_LATIN_LOOKALIKES, _CYRILLIC_LOOKALIKES)
TO_LATIN = str.maketrans(_CYRILLIC_LOOKALIKES, _LATIN_LOOKALIKES)
_LOOKALIKE_SET = frozenset(_LATIN_LOOKALIKES + _CYRILLIC_LOOKALIKES)

# Runs of the script a text is not in: the only places a mixed word can hide.
_LATIN_RUN = re.compile(r"[a-z]+")
_CYRILLIC_RUN = re.compile(r"[а-я]+")
_CYRILLIC_LETTER = re.compile(r"[а-я]")
_JOINERS = re.compile(r"[-‐‑'’ʼ`]")  # inside a word: Кай-ши == Кайши, O'Neill == ONeill
_SEPARATORS = re.compile(r"[^\w]+|_+")


def is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def fold_word(word: str, prefer: str = "Cyrl") -> str:
    """A lowercased mixed-script word in one script: the one with more unambiguous letters."""
    cyr = lat = 0
    for ch in word:
        if ch in _LOOKALIKE_SET or not ch.isalpha():
            continue
        if is_cyrillic(ch):
            cyr += 1
        elif ch.isascii():
            lat += 1
    if lat > cyr or (lat == cyr and prefer == "Latn"):
        return word.translate(TO_LATIN)
    return word.translate(TO_CYRILLIC)


def lower_same_length(text: str) -> str:
    """``text.lower()`` with ё as е, keeping every offset (a few letters lower to two chars)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.replace("ё", "е")


def fold_mixed(lowered: str, prefer: str = "Cyrl") -> str:
    """Fold every mixed-script word of a lowercased text; offsets are kept.

    Only runs of the other script are visited (Latin in a Russian text, Cyrillic in an
    English one), so a clean text costs one scan in C.
    """
    runs = _LATIN_RUN if prefer == "Cyrl" else _CYRILLIC_RUN
    chars: list[str] | None = None
    for m in runs.finditer(lowered):
        start, end = m.start(), m.end()
        while start > 0 and lowered[start - 1].isalpha():
            start -= 1
        while end < len(lowered) and lowered[end].isalpha():
            end += 1
        if (start, end) == m.span():
            continue  # a whole word in one script
        word = lowered[start:end]
        if not (_CYRILLIC_LETTER.search(word) and _LATIN_RUN.search(word)):
            continue  # other letters (ü, і) around, not two scripts
        if chars is None:
            chars = list(lowered)
        chars[start:end] = fold_word(word, prefer)
    return lowered if chars is None else "".join(chars)


def normalize_name(text: str) -> str:
    """The comparison form of a name: ``Т.Ф. Штыков`` and ``т. ф. штыков`` are ``т ф штыков``."""
    text = unicodedata.normalize("NFC", text)
    lowered = fold_mixed(lower_same_length(text))
    joined = _JOINERS.sub("", lowered)
    return " ".join(_SEPARATORS.sub(" ", joined).split())


def script_of(text: str) -> str:
    """ISO 15924 code of the letters of ``text``: Cyrl, Latn, Hani, or Other."""
    counts = {"Cyrl": 0, "Latn": 0, "Hani": 0, "Other": 0}
    for ch in text:
        if not ch.isalpha():
            continue
        if is_cyrillic(ch):
            counts["Cyrl"] += 1
        elif ch.isascii() or "\u00c0" <= ch <= "\u024f":
            counts["Latn"] += 1
        elif unicodedata.name(ch, "").startswith("CJK"):
            counts["Hani"] += 1
        else:
            counts["Other"] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "Other"
