"""The ``archive-db`` command line: a thin layer over the library.

Each module of this package holds one family of commands and registers them on
``main`` (defined in ``app``) when imported; importing them here is what makes
them appear.
"""

from archive_db.cli import (  # noqa: F401
    authorities,
    curate,
    database,
    export,
    importing,
    parse,
    research,
    withdraw,
)
from archive_db.cli.app import main

__all__ = ["main"]
