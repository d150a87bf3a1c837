"""The seeding importer: discover → read and skip unchanged → parse → write in batches.

``run_import`` is the entry point; the CLI's ``archive-db import`` is a thin layer over it.
"""

from archive_db.importer.lock import ImportLocked
from archive_db.importer.pipeline import ImportFailed, ImportOptions, ImportReport, run_import

__all__ = ["ImportFailed", "ImportLocked", "ImportOptions", "ImportReport", "run_import"]
