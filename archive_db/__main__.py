"""``archive-db`` and ``python -m archive_db``: the command line, imported when it runs.

The ``archive-db`` script imports this module, and so does every worker process an
import spawns (multiprocessing runs the parent's main script again in each child to
find its functions). Importing the CLI here, at module level, would cost each worker
0.5–1 s of CPU for Click, SQLAlchemy and Alembic it never uses.
"""

from __future__ import annotations


def main() -> None:
    from archive_db.cli import main as command

    command()


if __name__ == "__main__":
    main()
