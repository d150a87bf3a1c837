"""Writing a promoted entry into the authority files (``seeds/authorities/*.toml``).

The entry is appended as a ``[[person]]`` or ``[[place]]`` table in the files' own
format (README.md there). The files are loaded again with the entry before anything
is written, so a promotion never leaves a file ``archive-db import`` would refuse, nor
a name two entries share (which would then match neither).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from archive_db.authorities.check import shared_names
from archive_db.authorities.files import FILES, AuthorityFileError, load_authorities


class AuthorityEntryError(Exception):
    """The entry cannot go into the files as they are; nothing was written."""


@dataclass(frozen=True, slots=True)
class PendingFile:
    """An authority file's new text, checked, not yet written."""

    path: Path
    text: str

    def write(self) -> None:
        """Whole or not at all: a reader never sees half an entry."""
        partial = self.path.with_name(self.path.name + ".partial")
        try:
            partial.write_text(self.text, encoding="utf-8")
            partial.replace(self.path)
        except OSError as exc:
            raise AuthorityEntryError(f"cannot write {self.path}: {exc.strerror}") from None


def _string(value: str) -> str:
    # A JSON string is a TOML basic string: the same quotes and escapes.
    return json.dumps(value, ensure_ascii=False)


def entry_toml(
    kind: str,
    slug: str,
    name_en: str,
    name_ru: str | None,
    variants: list[tuple[str, str]],
    place_kind: str = "other",
    note: str | None = None,
) -> str:
    """The ``[[person]]``/``[[place]]`` table; ``variants`` are (name, language)."""
    lines = [f"[[{kind}]]", f"slug = {_string(slug)}", f"name_en = {_string(name_en)}"]
    if name_ru:
        lines.append(f"name_ru = {_string(name_ru)}")
    if kind == "place":
        lines.append(f"kind = {_string(place_kind)}")
    by_language: dict[str, list[str]] = defaultdict(list)
    for name, language in variants:
        if name not in by_language[language]:
            by_language[language].append(name)
    for language, names in sorted(by_language.items()):
        lines.append(f"variants_{language} = [{', '.join(_string(n) for n in names)}]")
    if note:
        lines.append(f"note = {_string(note)}")
    return "\n".join(lines) + "\n"


def append_entry(
    directory: Path,
    kind: str,
    slug: str,
    name_en: str,
    name_ru: str | None,
    variants: list[tuple[str, str]],
    place_kind: str = "other",
    note: str | None = None,
    write: bool = True,
) -> PendingFile:
    """Append the entry to ``directory``'s people.toml or places.toml (made if missing),
    once the files with it load cleanly; ``write=False`` only checks."""
    directory = Path(directory)
    if not directory.is_dir():
        raise AuthorityEntryError(f"{directory}: no such authority folder")
    path = directory / FILES[kind]
    try:
        old = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise AuthorityEntryError(f"cannot read {path}: {exc}") from None
    separator = "" if not old else ("\n" if old.endswith("\n") else "\n\n")
    new = old + separator + entry_toml(kind, slug, name_en, name_ru, variants, place_kind, note)
    _check(directory, path.name, new, kind, slug)
    pending = PendingFile(path, new)
    if write:
        pending.write()
    return pending


def _check(directory: Path, filename: str, text: str, kind: str, slug: str) -> None:
    with tempfile.TemporaryDirectory(prefix="archive-db-authorities-") as tmp:
        for name in FILES.values():
            if (directory / name).exists():
                shutil.copyfile(directory / name, Path(tmp) / name)
        (Path(tmp) / filename).write_text(text, encoding="utf-8")
        try:
            loaded = load_authorities(Path(tmp))
        except AuthorityFileError as exc:
            raise AuthorityEntryError(str(exc).replace(tmp, str(directory))) from None
    for shared in shared_names(loaded):
        if any(k == kind and s == slug for k, s, _ in shared.entries):
            raise AuthorityEntryError(
                f"{shared}: the promoted entry would make it match neither; "
                "merge into the other entry instead"
            )
