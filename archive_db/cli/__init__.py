"""The ``archive-db`` command line: a thin layer over the library.

Each module of this package holds one family of commands and registers them on
``main``; the imports at the bottom are what makes them appear.
"""

from archive_db.cli.app import main

# Command modules register themselves on ``main`` when imported.
from archive_db.cli import parse as _parse  # noqa: E402, F401, I001

__all__ = ["main"]
