"""Russian morphology for the parser's layout roles: the case of a name and its nominative.

``pymorphy3`` with its Russian dictionary (``pymorphy3-dicts-ru``) reads a word's
grammatical case (``Кагановичу`` is a dative surname) and guesses unknown surnames
from their endings; loaded once per process, on first use (about 0.3 s).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

PERSON_TAGS = frozenset({"Surn", "Name", "Patr"})


@cache
def _analyzer() -> Any:
    import pymorphy3  # heavy: loaded only when a Russian name is looked at

    return pymorphy3.MorphAnalyzer()


@dataclass(frozen=True, slots=True)
class WordForm:
    cases: frozenset[str]  # cases a person-name reading allows: "datv", "gent", "nomn"…
    person: bool  # a reading as a surname, first name or patronymic exists
    common: bool  # the word is a dictionary word that is not a name (президенту, штаба)
    place: bool  # a reading as a geographical name (Geox)
    nominative: str  # the person-name reading's nominative, same gender ("Аллилуевой" → …ева)
    adjective: bool = False  # declined like an adjective only (Двинскому, Белорусского)
    tagged: bool = False  # the dictionary knows it as a surname, first name or patronymic
    abbreviation: bool = False  # СССР, ЦКК


@lru_cache(maxsize=65536)
def word(text: str) -> WordForm:
    """How ``text`` (one word, any capitalization) can be read."""
    parses = _analyzer().parse(text.lower())
    known = any(p.is_known for p in parses)
    # A rare name reading of a common word ("Из" as a form of Иза) does not make a name.
    likely = sum(p.score for p in parses if PERSON_TAGS & p.tag.grammemes) >= 0.1
    person = sorted(
        (p for p in parses if PERSON_TAGS & p.tag.grammemes and likely),
        key=lambda p: ("Surn" not in p.tag.grammemes, "plur" in p.tag.grammemes, -p.score),
    )
    # No name reading: a foreign surname may be read as a place (трумэну) or be unknown.
    nouns = sorted((p for p in parses if "NOUN" in p.tag.grammemes
                    and ("Geox" in p.tag.grammemes or not p.is_known)),
                   key=lambda p: ("plur" in p.tag.grammemes, -p.score))
    readings = person or nouns
    adjective = not readings and any("ADJF" in p.tag.grammemes for p in parses)
    if adjective:  # Двинскому: a surname declined like an adjective, masculine
        readings = [p for p in parses if "ADJF" in p.tag.grammemes]
    cases = frozenset(str(p.tag.case) for p in readings if p.tag.case)
    nominative = text
    if readings:
        # A masculine reading where there is one: "Беруту" is Берут, not Берута.
        best = next((p for p in readings if "masc" in p.tag.grammemes
                     and "plur" not in p.tag.grammemes), readings[0])
        inflected = best.inflect({"nomn"})
        nominative = inflected.word if inflected is not None else best.normal_form
    place = any("Geox" in p.tag.grammemes for p in parses)
    common = known and not person and not place
    abbreviation = any("Abbr" in p.tag.grammemes for p in parses)
    return WordForm(cases, bool(person) or not known, common, place, nominative, adjective,
                    bool(person) and known, abbreviation)


@lru_cache(maxsize=65536)
def cases(text: str) -> frozenset[str]:
    """Every grammatical case any reading of the word allows (``Начальнику``: datv)."""
    return frozenset(str(p.tag.case) for p in _analyzer().parse(text.lower()) if p.tag.case)


def nominative(words: list[str]) -> str:
    """A name's nominative, each word in the capitalization it was written in."""
    out = []
    for w in words:
        if len(w) <= 2 or w.endswith("."):  # initials
            out.append(w)
            continue
        nom = word(w).nominative
        if w.isupper():
            out.append(nom.upper())
        elif w[:1].isupper():
            out.append(nom[:1].upper() + nom[1:])
        else:
            out.append(nom)
    return " ".join(out)


def place_nominative(words: list[str]) -> str:
    """A place name's nominative (``Нижнем Новгороде`` → ``Нижний Новгород``), each word
    read as a place first, in the capitalization it was written in."""
    out = []
    for w in words:
        parses = _analyzer().parse(w.lower())
        best = next((p for p in parses if "Geox" in p.tag.grammemes), None) or next(
            (p for p in parses if {"NOUN", "ADJF"} & p.tag.grammemes), None)
        inflected = best.inflect({"nomn"}) if best is not None else None
        nom = inflected.word if inflected is not None else w.lower()
        if w.isupper() and len(w) <= 4:
            out.append(nom.upper())
        else:  # each part of a hyphenated name keeps its capital: Санкт-Петербург
            out.append("-".join(p[:1].upper() + p[1:] if orig[:1].isupper() else p
                                for p, orig in zip(nom.split("-"), w.split("-"), strict=False)))
    return " ".join(out)
