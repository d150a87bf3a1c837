"""The archive in the forms the field exchanges: TEI P5 (one file a document), CMIF
(the letters and telegrams, for correspSearch) and a Frictionless Data Package (CSV
files described by ``datapackage.json``).

Every export reads one snapshot of the archive (:func:`snapshot`) and streams: a
document at a time for TEI and CMIF, a row at a time for the data package, so memory
stays flat whatever the corpus size.

    from archive_db.db import make_engine
    from archive_db.export import export_tei, snapshot

    with snapshot(make_engine(url)) as conn:
        report = export_tei(conn, Path("tei/"), volume="tom18")
"""

from archive_db.export.cmif import CmifReport, CmifSettings, export_cmif
from archive_db.export.datapackage import DataPackageReport, export_datapackage
from archive_db.export.snapshot import snapshot
from archive_db.export.tei import TeiReport, export_tei, iter_tei, tei_document

__all__ = [
    "CmifReport",
    "CmifSettings",
    "DataPackageReport",
    "TeiReport",
    "export_cmif",
    "export_datapackage",
    "export_tei",
    "iter_tei",
    "snapshot",
    "tei_document",
]
