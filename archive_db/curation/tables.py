"""The tables behind each kind of entry a curator decides on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EntryTables:
    entries: str  # people
    names: str  # person_names
    links: str  # document_people
    fk: str  # person_id


TABLES = {
    "person": EntryTables("people", "person_names", "document_people", "person_id"),
    "place": EntryTables("places", "place_names", "document_places", "place_id"),
}
