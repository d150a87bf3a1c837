"""How an error is shown in one line, whoever raised it.

Its own module, free of SQLAlchemy, so that the import's worker processes can use it
without importing the ORM (see ``importer/processes.py``).
"""

from __future__ import annotations


def first_line(error: BaseException) -> str:
    """The first line of an error's message (the driver's, under SQLAlchemy's wrapper):
    what a one-line report shows."""
    error = getattr(error, "orig", None) or error
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
