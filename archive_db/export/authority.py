"""Authority URIs and XML identifiers for the archive's people and places."""

from __future__ import annotations

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

# What stays as it is in an id: letters (Cyrillic too) that XML 1.0 allows to start a
# name, ASCII digits, dot and hyphen. Everything else, the underscore included so that
# no two names meet, is escaped as _xHHHH_: XML names refuse characters Python counts
# as word characters (², ٣, ª).
_NAME_START = ((0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2FF), (0x370, 0x37D), (0x37F, 0x1FFF),
               (0x2070, 0x218F), (0x2C00, 0x2FEF), (0x3001, 0xD7FF), (0xF900, 0xFDCF),
               (0xFDF0, 0xFFFD), (0x10000, 0xEFFFF))  # fmt: skip


def _kept(c: str) -> bool:
    if c.isascii():
        return c.isalnum() or c in ".-"
    code = ord(c)
    return c.isalpha() and any(low <= code <= high for low, high in _NAME_START)


def authority_uri(entity: Entity) -> str | None:
    """The entity's URI in its authority, or None when it has none (or the scheme is
    not one with a known URI form)."""
    if entity.authority_scheme is None or entity.authority_id is None:
        return None
    pattern = AUTHORITY_URIS.get(entity.authority_scheme.lower())
    return pattern.format(entity.authority_id) if pattern else None


def xml_id(prefix: str, name: str) -> str:
    """An xml:id (an NCName) for ``name``: slugs may start with a digit (38th-parallel)."""
    return f"{prefix}-" + "".join(c if _kept(c) else f"_x{ord(c):04X}_" for c in name)


def entity_id(entity: Entity) -> str:
    return xml_id(entity.kind, entity.slug)


def entity_ref(entity: Entity) -> str:
    """What ``ref`` points to: the authority where the archive knows it, else the entry
    in the file's own list of people and places (which carries the archive's slug)."""
    return authority_uri(entity) or f"#{entity_id(entity)}"
