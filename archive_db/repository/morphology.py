"""Russian query expansion: the snowball stemmer gives ``Корея`` → ``коре`` but
``Кореи``/``Корее``/``Корею`` → ``кор``, so a plain stemmed query misses the oblique
cases. Each Cyrillic query word is replaced, inside the parsed tsquery, by the OR of
the stems of its likely inflected forms (noun and adjective endings swapped).
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.orm import Session

# Noun and adjective endings, for swapping on a stem.
ENDINGS = (
    "", "а", "я", "о", "е", "ё", "ы", "и", "у", "ю", "ь", "й",
    "ой", "ей", "ою", "ею", "ом", "ем", "ам", "ям", "ами", "ями", "ах", "ях", "ов", "ев",
    "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им",
    "ых", "их", "ую", "юю", "ия", "ию", "ии", "ией", "ием", "иям", "иями", "иях",
)  # fmt: skip
MIN_STEM = 3
MAX_WORDS = 12
_WORD = re.compile(r"[а-яё]+")


def inflected_forms(word: str) -> list[str]:
    """Likely forms of a Russian noun or adjective: every stem left by cutting a known
    ending, with every ending put back."""
    word = word.lower()
    stems = {word[: len(word) - len(e)] for e in ENDINGS if e and word.endswith(e)}
    stems = {s for s in stems if len(s) >= MIN_STEM} or {word}
    return sorted({word} | {s + e for s in stems for e in ENDINGS})


def russian_tsquery(session: Session, query: str) -> str:
    """The text of ``websearch_to_tsquery('russian', query)`` with each Cyrillic word's
    lexeme widened to the stems of its inflected forms."""
    current: str = session.execute(
        text("SELECT websearch_to_tsquery('russian', :q)::text"), {"q": query}
    ).scalar_one()
    words = list(dict.fromkeys(_WORD.findall(query.lower())))[:MAX_WORDS]
    for word in words:
        current = session.execute(
            text(
                "SELECT (CASE WHEN numnode(t) = 1 THEN ts_rewrite(c, t, "
                "websearch_to_tsquery('simple', (SELECT string_agg(lexeme, ' or ') "
                "FROM unnest(to_tsvector('russian', :forms))))) ELSE c END)::text "
                "FROM plainto_tsquery('russian', :word) AS t, CAST(:cur AS tsquery) AS c"
            ),
            {"cur": current, "word": word, "forms": " ".join(inflected_forms(word))},
        ).scalar_one()
    return current
