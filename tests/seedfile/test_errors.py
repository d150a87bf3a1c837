"""Every rejection reason: its exception type, path, line and ``path:line: reason``."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_db.seedfile import SeedFileError, parse_bytes, parse_file, parse_text
from archive_db.seedfile.errors import (
    BinaryFileError,
    EmptyFileError,
    NoTextError,
    NoTitleError,
    NotUtf8Error,
    UnreadableFileError,
)

P = "seeds/tom1/000_0000000000000000.txt"


@pytest.mark.parametrize(
    ("data", "error", "line"),
    [
        (b"", EmptyFileError, 1),
        (b"  \n\n\t\n", EmptyFileError, 1),
        (b"\xef\xbb\xbf\r\n", EmptyFileError, 1),
        (b"Title\n\nru:tom1\n\x00\x01", BinaryFileError, 4),
        (b"Title\n\nru:tom1\n\n\xd0\xa2\xce\xbb\xff", NotUtf8Error, 5),
        ("Title\n\nru:tom1\n".encode("cp1251"), None, None),  # ASCII-only cp1251 is UTF-8
        ("Титул\n\nru:tom1\n".encode("cp1251"), NotUtf8Error, 1),
        (b"Title\n\n1950 ru:tom1\n\n", NoTextError, 3),
        (b"1950 ru:tom1\n\n\xd0\xa2\xd0\xbe\xd0\xbc 1\n", NoTitleError, 1),
        (b"\n\n1950 ru:tom1\n", NoTitleError, 3),
        ("T\n\nru:tom1\n\nТом 1\nПисьмо\nАП РФ. Ф. 1. Оп. 1. Д. 1.\n".encode(), NoTextError, 6),
    ],
)
def test_rejections(data: bytes, error: type[SeedFileError] | None, line: int | None) -> None:
    if error is None:
        with pytest.raises(NoTextError):
            parse_bytes(data, P)
        return
    with pytest.raises(error) as info:
        parse_bytes(data, P)
    e = info.value
    assert isinstance(e, SeedFileError)
    assert (e.path, e.line) == (P, line)
    assert str(e) == f"{P}:{line}: {e.reason}"
    assert e.reason


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError) as info:
        parse_file(tmp_path / "nope.txt")
    assert str(info.value).startswith(f"{tmp_path / 'nope.txt'}:1: cannot read file")


def test_nul_in_decoded_text() -> None:
    with pytest.raises(BinaryFileError):
        parse_text("T\n\nru:tom1\n\nТом 1\nА\x00Б\n", P)


def test_bad_byte_reason_names_the_byte() -> None:
    with pytest.raises(NotUtf8Error) as info:
        parse_bytes(b"abc\n\xff", P)
    assert info.value.reason == "not UTF-8: byte 0xff at offset 4"
