"""Authority URIs and XML identifiers for the archive's people and places."""

from __future__ import annotations

import re

from archive_db.export.records import Entity

# The URI each authority scheme of the authority files resolves to.
AUTHORITY_URIS = {
    "wikidata": "http://www.wikidata.org/entity/{}",
    "viaf": "http://viaf.org/viaf/{}",
    "gnd": "http://d-nb.info/gnd/{}",
    "geonames": "http://www.geonames.org/{}",
    "lc": "http://id.loc.gov/authorities/names/{}",
    "isni": "http://www.isni.org/isni/{}",
}

_NOT_NCNAME = re.compile(r"[^\w.-]")


def authority_uri(entity: Entity) -> str | None:
    """The entity's URI in its authority, or None when it has none (or the scheme is
    not one with a known URI form)."""
    if entity.authority_scheme is None or entity.authority_id is None:
        return None
    pattern = AUTHORITY_URIS.get(entity.authority_scheme.lower())
    return pattern.format(entity.authority_id) if pattern else None


def xml_id(prefix: str, name: str) -> str:
    """An xml:id (an NCName) for ``name``: slugs may start with a digit (38th-parallel)."""
    return f"{prefix}-{_NOT_NCNAME.sub('_', name)}"


def entity_id(entity: Entity) -> str:
    return xml_id(entity.kind, entity.slug)


def entity_ref(entity: Entity) -> str:
    """What ``ref`` points to: the authority where the archive knows it, else the entry
    in the file's own list of people and places (which carries the archive's slug)."""
    return authority_uri(entity) or f"#{entity_id(entity)}"
