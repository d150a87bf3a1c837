"""Russian query expansion: the snowball stemmer gives ``Корея`` → ``коре`` but
``Кореи``/``Корее``/``Корею`` → ``кор``, so a plain stemmed query misses the oblique
cases; and ``Молотов`` → ``молот`` but ``Молотова``/``Молотову`` → ``молотов``, so a
surname misses every case but the nominative. Each Cyrillic query word is replaced,
inside the parsed tsquery, by the OR of the stems of its likely inflected forms (noun
and adjective endings swapped, or added to a word ending in a consonant).
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
_VOWELS = set("аеёиоуыэюяйь")


def inflected_forms(word: str) -> list[str]:
    """Likely forms of a Russian noun or adjective: every stem left by cutting a known
    ending, with every ending put back."""
    word = word.lower()
    stems = {word[: len(word) - len(e)] for e in ENDINGS if e and word.endswith(e)}
    if word[-1] not in _VOWELS:
        # A masculine noun takes its endings on the whole word: Молотов → Молотова,
        # which the stemmer cuts to 'молотов' while 'Молотов' is 'молот'.
        stems.add(word)
    stems = {s for s in stems if len(s) >= MIN_STEM} or {word}
    return sorted({word} | {s + e for s in stems for e in ENDINGS})


# One word's rewrite: its lexeme (when it makes a single lexeme) → the OR of the stems
# of its forms. {query} is the tsquery so far; :word_N and :forms_N are bound values.
_REWRITE = (
    "(SELECT CASE WHEN numnode(t) = 1 THEN ts_rewrite(c, t, websearch_to_tsquery('simple', "
    "(SELECT string_agg(lexeme, ' or ') FROM unnest(to_tsvector('russian', :forms_{n}))))) "
    "ELSE c END FROM plainto_tsquery('russian', :word_{n}) AS t, CAST({query} AS tsquery) AS c)"
)


def russian_tsquery(session: Session, query: str) -> str:
    """The text of ``websearch_to_tsquery('russian', query)`` with each Cyrillic word's
    lexeme widened to the stems of its inflected forms: one statement, whatever the
    number of words."""
    words = list(dict.fromkeys(_WORD.findall(query.lower())))[:MAX_WORDS]
    expression = "websearch_to_tsquery('russian', :q)"
    params = {"q": query}
    for n, word in enumerate(words):
        expression = _REWRITE.format(n=n, query=expression)
        params[f"word_{n}"] = word
        params[f"forms_{n}"] = " ".join(inflected_forms(word))
    return session.execute(text(f"SELECT ({expression})::text"), params).scalar_one()
