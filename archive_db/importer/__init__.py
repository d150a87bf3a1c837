"""The seeding importer: discover → read and skip unchanged → parse → write in batches.

``run_import`` is the entry point; the CLI's ``archive-db import`` is a thin layer over it.
Its names are loaded on first use: a worker process imports modules of this package
without the run's machinery (SQLAlchemy among it), see ``processes.py``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__all__ = ["ImportFailed", "ImportLocked", "ImportOptions", "ImportReport", "run_import"]
_HOME = dict.fromkeys(__all__, "pipeline") | {"ImportLocked": "lock"}  # the defining module

if TYPE_CHECKING:
    from archive_db.importer.lock import ImportLocked
    from archive_db.importer.pipeline import ImportFailed, ImportOptions, ImportReport, run_import
else:

    def __getattr__(name: str) -> object:
        home = _HOME.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
        globals()[name] = value  # once loaded, an attribute like any other
        return value
