"""Name matching: the same normalization the importer stores in ``name_normalized``."""

from __future__ import annotations

from archive_db.authorities.normalize import normalize_name as _stored_form


def normalize_name(name: str) -> str:
    """The comparison form of a name, as ``person_names.name_normalized`` and
    ``place_names.name_normalized`` hold it (``Maо Цзэдуну`` → ``мао цзэдуну``)."""
    return _stored_form(name)


def name_forms(name: str) -> list[str]:
    """The normalized forms to look ``name`` up by."""
    return [normalize_name(name)]
