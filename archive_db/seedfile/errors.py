"""Why a seed file was rejected: one exception type per reason, each with path and line."""

from __future__ import annotations


class SeedFileError(Exception):
    """A file that cannot be turned into a document at all.

    ``str()`` reads ``path:line: reason`` so editors and grep can jump to the spot.
    """

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


class UnreadableFileError(SeedFileError):
    """The file could not be opened or read (missing, permissions, a directory)."""


class NotUtf8Error(SeedFileError):
    """The bytes are not valid UTF-8; ``line`` is where the first bad byte sits."""


class EmptyFileError(SeedFileError):
    """Nothing but whitespace (or a byte-order mark)."""


class BinaryFileError(SeedFileError):
    """NUL bytes: not a text file."""


class NoTitleError(SeedFileError):
    """Neither the header nor any version carries a title."""


class NoTextError(SeedFileError):
    """No version has any body text."""
