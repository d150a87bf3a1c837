"""Russian case forms of a name word, generated ahead of time.

Matching then is a set lookup per token. The endings over-generate on purpose
(a union over genders and declensions): a spurious form only matters if it is a
real, capitalized word next to the rest of the name, and that is rare.
"""

from __future__ import annotations

import re

# Endings by the shape of the nominative, each list including the nominative's own.
_CONSONANT = ("", "а", "у", "ом", "ым", "ем", "е", "ы", "и", "ов", "ам", "ами", "ах", "ых")
_A = ("а", "ы", "и", "е", "у", "ой", "ою", "ей", "ею", "ам", "ами", "ах")
_YA = ("я", "и", "е", "ю", "ей", "ею", "ям", "ями", "ях")
_SOFT = ("ь", "я", "ю", "ем", "е", "и", "ью", "ей", "ям", "ями", "ях")
_YOT = ("й", "я", "ю", "ем", "е", "и", "ев", "ям", "ях")  # Китай, Эньлай, Дмитрий
_ADJ = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым",
        "им", "ом", "ем", "ую", "юю", "ей", "ых", "их", "ыми", "ими", "ою", "ею")  # fmt: skip
_PLURAL = ("ы", "и", "ов", "ев", "ей", "ам", "ям", "ами", "ями", "ах", "ях")
_ORDINAL = ("", "я", "ю", "й", "ой", "е", "м", "го", "му", "ая", "ую", "ый", "ий", "ого",
            "ому", "ым", "ом", "х", "ые")  # 38-я, 38-ю параллель, 17-го  # fmt: skip
ORDINAL_SUFFIXES = frozenset(e for e in _ORDINAL if e)  # after a hyphen: 38-я, 38-ю
_ADJECTIVE = re.compile(r"(?:ск|цк|н|ч|ж|ш|щ|к|г|х|ов|ев|ин)(?:ий|ый|ой|ая|яя|ое|ее|ые|ие)$")
_ORDINAL_WORD = re.compile(r"^(\d+)[а-я]*$")
_INDECLINABLE_END = set("оеэиуюыё")
_CYRILLIC = re.compile(r"[а-я]")


def case_forms(word: str, written: str) -> frozenset[str]:
    """Every form of a normalized word: ``штыков`` → штыкова, штыкову, штыковым...

    ``written`` is the word as the authority file writes it; abbreviations in capitals
    (СССР, США) and non-Cyrillic words do not inflect.
    """
    if m := _ORDINAL_WORD.match(word):
        return frozenset(m.group(1) + e for e in _ORDINAL)
    if not _CYRILLIC.search(word) or len(word) < 2:
        return frozenset({word})
    if len(written) > 1 and written.isupper():
        return frozenset({word})
    if len(word) >= 5 and _ADJECTIVE.search(word):
        forms = {word[:-2] + e for e in _ADJ}
        if word.endswith(("ой", "ий")):  # Толстой, Вышинский adjectival; Ханой, Георгий not
            forms |= {word[:-1] + e for e in _YOT}
        return frozenset(forms)
    last = word[-1]
    if last == "ы" and len(word) >= 4:  # Штаты
        return frozenset({word[:-1] + e for e in _PLURAL})
    if last in _INDECLINABLE_END:  # Мао, Тито, Шаоци, Лю
        return frozenset({word})
    if last == "а":
        return frozenset({word[:-1] + e for e in _A})
    if last == "я":
        return frozenset({word[:-1] + e for e in _YA})
    if last == "ь":
        return frozenset({word[:-1] + e for e in _SOFT})
    if last == "й":
        return frozenset({word[:-1] + e for e in _YOT})
    return frozenset(word + e for e in _CONSONANT)
