"""Recognition of names in running text: proposals of people and places a body mentions,
with their spans and nominative forms. Resolving a proposal to an authority entry, a
provisional entry or nothing is the linker's (``archive_db.importer.links``)."""

from archive_db.recognition.russian import Proposal, recognize

__all__ = ["Proposal", "recognize"]
