"""Russian query expansion: the snowball stemmer gives ``Корея`` → ``коре`` but
``Кореи``/``Корее``/``Корею`` → ``кор``, so a plain stemmed query misses the oblique
cases; and ``Молотов`` → ``молот`` but ``Молотова``/``Молотову`` → ``молотов``, so a
surname misses every case but the nominative.

The widening lives in the database, as ``archive_search_query(language, query)``
(migration 4b3a648dfa62): each Cyrillic query word is replaced, inside the parsed
tsquery, by the OR of the stems of its likely inflected forms. The CLI and the API
call it, and so can researchers' SQL, so the two searches cannot disagree.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def russian_tsquery(session: Session, query: str) -> str:
    """The text of ``archive_search_query('ru', query)``: computed once, then bound as a
    constant, so that ranking does not run the function again for every row."""
    return session.execute(
        text("SELECT archive_search_query('ru', :q)::text"), {"q": query}
    ).scalar_one()
