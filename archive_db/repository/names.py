"""Name matching: the same normalization the importer stores in ``name_normalized``,
and the dictionary forms of inflected Russian names (``Сталина`` → ``Сталин``)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")


def normalize_name(name: str) -> str:
    """The comparison form of a name, as ``person_names.name_normalized`` and
    ``place_names.name_normalized`` hold it (``Maо Цзэдуну`` → ``мао цзэдуну``)."""
    # Imported on use: the authorities package is the importer's, and a search without
    # a name filter, or `show`, has no need of it.
    from archive_db.authorities.normalize import normalize_name as stored_form

    return stored_form(name)


@cache
def _morph() -> Any:
    """pymorphy3's analyzer (a second to load its dictionaries): only when a name is
    not found as written."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def dictionary_forms(name: str) -> list[str]:
    """The name with each Cyrillic word put in the nominative (``Сталина`` →
    ``Сталин``, ``Ким Ир Сена`` → ``Ким Ир Сен``), one string per reading; empty when
    the name has no Cyrillic word or pymorphy3 is not installed."""
    words = _CYRILLIC_WORD.findall(name)
    if not words:
        return []
    try:
        morph = _morph()
    except ImportError:
        return []
    readings: list[str] = [name]
    for word in words:
        parses = morph.parse(word)
        lemmas = list(dict.fromkeys(
            p.inflect({"nomn"}).word if p.inflect({"nomn"}) else p.normal_form
            for p in parses[:4]
        ))  # fmt: skip
        readings = [r.replace(word, lemma, 1) for r in readings for lemma in lemmas]
    return [r for r in dict.fromkeys(readings) if r != name]


def name_forms(name: str) -> list[str]:
    """The normalized forms to look ``name`` up by: as written first."""
    return [normalize_name(name)]


def inflected_name_forms(name: str) -> list[str]:
    """Further forms to try when ``name`` as written matches nothing."""
    return list(dict.fromkeys(normalize_name(form) for form in dictionary_forms(name)))
