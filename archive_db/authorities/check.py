"""Checks on the authority files: names two entries share, and names in seed files
(addressees, signatories, destinations) that no entry matches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from archive_db.authorities.files import Authorities
from archive_db.authorities.matching import NameMatcher

# Roles the layout gives a name; mentions in running text are the matcher's own job.
CHECKED_ROLES = {"author", "signatory", "addressee", "intermediary", "recipient",
                 "origin", "destination"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class SharedName:
    normalized: str
    entries: tuple[tuple[str, str, str], ...]  # (kind, slug, name as written), two or more

    def __str__(self) -> str:
        listed = ", ".join(f"{kind} {slug} ({name})" for kind, slug, name in self.entries)
        return f"name {self.normalized!r} is in {len(self.entries)} entries: {listed}"


@dataclass(frozen=True, slots=True)
class UnmatchedName:
    path: str
    line: int | None
    text: str
    role: str
    language: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.role} {self.text!r} ({self.language}) matches no entry"


@dataclass(frozen=True, slots=True)
class UnreadableSeed:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: not checked: {self.reason}"


def shared_names(authorities: Authorities) -> list[SharedName]:
    """Normalized name forms that belong to more than one person or place entry."""
    owners: dict[str, dict[tuple[str, str], str]] = {}
    for kind, entries in (("person", authorities.people), ("place", authorities.places)):
        for entry in entries:
            for form in entry.names:
                owners.setdefault(form.normalized, {}).setdefault((kind, entry.slug), form.name)
    return [
        SharedName(normalized, tuple((k, s, n) for (k, s), n in sorted(found.items())))
        for normalized, found in sorted(owners.items())
        if len(found) > 1
    ]


def seed_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Seed files named or found under directories (``authorities/`` skipped), in order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.txt") if "authorities" not in p.parts)
        else:
            yield path


def unmatched_names(
    authorities: Authorities, paths: Iterable[Path], matcher: NameMatcher | None = None
) -> list[UnmatchedName | UnreadableSeed]:
    """Addressees, signatories and destinations of the seed files that match no entry."""
    from archive_db.seedfile import SeedFileError, parse_file  # the parser is optional here

    matcher = matcher or NameMatcher.from_authorities(authorities)
    problems: list[UnmatchedName | UnreadableSeed] = []
    for path in seed_files(paths):
        try:
            doc = parse_file(path)
        except (SeedFileError, OSError) as exc:
            problems.append(UnreadableSeed(str(path), str(exc)))
            continue
        for name in doc.names:
            role = str(name.role.value)
            if role not in CHECKED_ROLES:
                continue
            kind = "place" if role in {"origin", "destination"} else "person"
            if matcher.match(name.text, name.language, kind) is None:
                problems.append(UnmatchedName(str(path), name.line, name.text, role, name.language))
    return problems
