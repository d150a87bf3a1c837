"""People and places named in Russian text, by ``natasha``'s named-entity recognizer.

natasha (its news-domain embeddings and NER model ship inside the wheels, so it works
offline) proposes PER and LOC spans; ``pymorphy3`` (``seedfile.morph``) gives each name
its nominative, under which an unknown person is filed (``Товстухи`` → ``Товстуха``).
Two things make the recognizer's proposals fit this corpus:

- words printed in capitals (``генерал-лейтенанта ГРИШИНА``, orders of the day) are
  shown to it capitalized (same length, so spans are unchanged); abbreviations stay;
- a proposal is kept only if every word is capitalized and a one-word person is a
  name the dictionary knows or does not know at all (``Подчеркивание``, ``Сломлен``
  are common words a sentence happens to start with).

Loading the models takes about 1–2 s and is done once per process, on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from archive_db.seedfile import morph

_CAPS_WORD = re.compile(r"\b[А-ЯЁ][А-ЯЁ-]{3,}\b")
_VOWELS = re.compile(r"[АЕЁИОУЫЭЮЯ]")
_NAME_WORD = re.compile(r"^(?:[А-ЯЁA-Z]\.)+$|^[А-ЯЁA-Z][^\W\d_]*(?:-[А-ЯЁA-Zа-яёa-z][^\W\d_]*)*$")


@dataclass(frozen=True, slots=True)
class Proposal:
    kind: str  # "person" or "place"
    text: str  # as written in the body
    lemma: str  # the nominative
    start: int  # offsets into the body
    end: int


@cache
def _models() -> tuple[Any, Any]:
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def _shown(text: str) -> str:
    """Capitals turned into capitalized words, except abbreviations (СССР, ЦКК)."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if len(_VOWELS.findall(word)) < 2 or morph.word(word).abbreviation:
            return word  # НКПС, ЧЕРСК, СССР: abbreviations (and a few short names) stay
        return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))

    return _CAPS_WORD.sub(fix, text)


def _keep(kind: str, words: list[str]) -> bool:
    if not words or not all(_NAME_WORD.match(w) for w in words):
        return False
    if kind == "person" and len([w for w in words if not w.endswith(".")]) == 1:
        form = morph.word(next(w for w in words if not w.endswith(".")))
        return form.person and not form.common
    if kind == "place":
        # A place, or an unknown word — not a common word ("Коммуникаций") nor a person.
        form = morph.word(words[-1])
        return form.place or not (form.common or form.tagged or form.adjective)
    return True


# Kinds of settlement and region: the capitalized word after one is its name, whatever
# the dictionary makes of it ("село Монастырское").
_SETTLEMENT = frozenset("""
село селе села деревня деревне деревни город городе города посёлок поселок посёлке
поселке станица станице станция станции аул ауле слобода слободе хутор хуторе
""".split())  # noqa: SIM905


def recognize(text: str) -> list[Proposal]:
    """The people and places ``text`` names, in text order."""
    if not text.strip():
        return []
    from natasha import Doc

    segmenter, ner = _models()
    doc = Doc(_shown(text))
    doc.segment(segmenter)
    doc.tag_ner(ner)
    out: list[Proposal] = []
    # A name the recognizer also reads as a person is not a place ("Татька!").
    people = {text[s.start : s.stop] for s in doc.spans if s.type == "PER"}
    for span in doc.spans:
        if span.type == "LOC" and text[span.start : span.stop] in people:
            continue
        if span.type not in ("PER", "LOC"):
            continue
        kind = "person" if span.type == "PER" else "place"
        # A span never crosses a line: "Ваш Коба" / "Тимофейю" are two names.
        at = span.start
        for part in text[span.start : span.stop].split("\n"):
            start, at = at, at + len(part) + 1
            words = _shown(part).split()
            # Ranks and offices before a name are not part of it ("Генерал-полковнику …").
            while len(words) > 1 and morph.word(words[0]).common:
                start += part.index(words[0]) + len(words[0])
                part = part[part.index(words[0]) + len(words[0]):]
                words = words[1:]
            written = part.strip()
            start += len(part) - len(part.lstrip())
            before = text[max(0, start - 12) : start].split()
            named_place = kind == "place" and len(words) == 1 and bool(before) and (
                before[-1].casefold() in _SETTLEMENT)
            if not written or not (named_place or _keep(kind, words)):
                continue
            after = text[start + len(written) : start + len(written) + 2]
            if after[:1].isalpha() or (after[:1] == "[" and after[1:].isalpha()):
                continue  # a cut or bracketed word: "Енисейск[ая] губ[ерния]"
            lemma = (morph.nominative if kind == "person" else morph.place_nominative)(words)
            out.append(Proposal(kind, written, lemma, start, start + len(written)))
    return out
