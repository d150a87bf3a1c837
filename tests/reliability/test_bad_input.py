"""Bad input beside good input: each kind is rejected or imported with a warning as
FORMAT.md says, the message names the path (and the line where there is one), every
good file lands, and the row counts afterwards are exactly what they should be.

One parametrized test per kind, then all kinds in one run (in-process and with two
worker processes), then a re-run of that tree that must change nothing.

Unreadable files: the tests run as root, for whom ``chmod 000`` changes nothing. Two
stand-ins are used instead: a FIFO named like a seed file (a real file-system object
that no ``open``/``read`` can treat as a seed file; before the fix it hung the import
for ever) and a file whose ``open`` raises ``PermissionError`` (the importer's ``open``
is replaced for that one path, in-process runs only). A dangling symbolic link stands
for a file that vanishes between the folder walk and the read.
"""

from __future__ import annotations

import builtins
import errno
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from archive_db.importer import pipeline, triage
from archive_db.importer.discover import PathProblem, SeedPath, printable
from tests.conftest import create_database, drop_database
from tests.reliability.conftest import (
    SPECIMEN_TEXT,
    Run,
    canonical_dump,
    query,
    seed_name,
    seeds_tree,
    table_counts,
)

GOOD = 3  # good files beside each bad one
LINES = SPECIMEN_TEXT.split("\n")
REF_EN = "AP RF. F. 45. Op. 1. D. 347. L. 65-67."
REF_RU = "АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67."


@dataclass(frozen=True, slots=True)
class Bad:
    """What a case made: the path its message names, and extra paths to pass to import."""

    path: Path
    args: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class Case:
    kind: str
    make: Callable[[Path, Path], Bad]  # (seeds root, volume folder) -> Bad
    severity: str  # of the message naming the bad path: error (rejected), warning, info
    code: str
    line: int | None  # the line the message names; None: the whole file or path
    lands: bool = False  # the bad file still becomes a document
    patch: str | None = None  # in-process only: replaces the importer's open()
    also: tuple[str, ...] = field(default=())  # further warning codes on the same path


def _file(name: str, data: bytes | str) -> Callable[[Path, Path], Bad]:
    def make(root: Path, tom: Path) -> Bad:
        path = tom / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return Bad(path)

    return make


BLOCKED_READERS: list[str] = []  # FIFOs some importer opened for reading (and hung on)


def _unblock_readers(path: Path) -> None:
    """If a reader ever blocks on the FIFO, feed it junk so the test fails, not hangs."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)  # ENXIO while nobody reads
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                return  # the FIFO is gone: the test is over
            time.sleep(0.2)
            continue
        BLOCKED_READERS.append(str(path))
        os.write(fd, b"junk from the watchdog\n")
        os.close(fd)
        return


def _fifo(root: Path, tom: Path) -> Bad:
    path = tom / "060_00000000000000f1.txt"
    os.mkfifo(path)
    threading.Thread(target=_unblock_readers, args=(path,), daemon=True).start()
    return Bad(path)


def _dangling(root: Path, tom: Path) -> Bad:
    path = tom / "061_00000000000000f2.txt"
    path.symlink_to(tom / "no-such-target.txt")
    return Bad(path)


def _loop(root: Path, tom: Path) -> Bad:
    path = tom / "loop"
    path.symlink_to(tom, target_is_directory=True)
    return Bad(path)


def _secret(root: Path) -> Path:
    """A server file outside the trees given (a stand-in for /etc/shadow)."""
    secret = root.parent / "shadow"
    secret.write_text(SPECIMEN_TEXT.replace("неможет", "SECRET"), encoding="utf-8")
    return secret


def _link_to_server_file(root: Path, tom: Path) -> Bad:
    path = tom / "065_00000000000000f5.txt"
    path.symlink_to(_secret(root))
    return Bad(path)


def _link_to_folder_outside(root: Path, tom: Path) -> Bad:
    outside = root.parent / "outside"
    outside.mkdir()
    (outside / "066_00000000000000f6.txt").write_text(SPECIMEN_TEXT, encoding="utf-8")
    path = tom / "elsewhere"
    path.symlink_to(outside, target_is_directory=True)
    return Bad(path)


def _link_argument(root: Path, tom: Path) -> Bad:
    """A link named on the command line (as a shell glob over a volume names one)."""
    path = root.parent / "067_00000000000000f7.txt"
    path.symlink_to(_secret(root))
    return Bad(path, (path,))


def _named(name: bytes) -> Callable[[Path, Path], Bad]:
    """A good seed file whose name cannot be printed as it is; the message names it escaped."""

    def make(root: Path, tom: Path) -> Bad:
        raw = os.path.join(os.fsencode(tom), name)
        with open(raw, "wb") as fh:
            fh.write(SPECIMEN_TEXT.encode())
        return Bad(Path(printable(os.fsdecode(raw))))

    return make


def _huge(root: Path, tom: Path) -> Bad:
    path = tom / "062_00000000000000f3.txt"
    with path.open("wb") as fh:
        fh.write(SPECIMEN_TEXT.encode())
        fh.truncate(50 * 1024 * 1024)  # 50 MB (sparse: the size is what is checked)
    return Bad(path)


def _duplicate_in_volume(root: Path, tom: Path) -> Bad:
    path = tom / seed_name(0, position=63)  # key of good file 0, another position
    path.write_text(SPECIMEN_TEXT, encoding="utf-8")
    return Bad(path)


def _duplicate_in_other_volume(root: Path, tom: Path) -> Bad:
    other = root / "tom19"
    other.mkdir()
    path = other / seed_name(1)  # key of good file 1 (tom18), again in tom19
    path.write_text(SPECIMEN_TEXT.replace("Том 18", "Том 19"), encoding="utf-8")
    return Bad(path)


def _empty_folder(root: Path, tom: Path) -> Bad:
    path = root.parent / "tom20"
    path.mkdir()
    (path / "README.md").write_text("no seed files here\n")
    return Bad(path, (path,))


def _directory_named_txt(root: Path, tom: Path) -> Bad:
    path = root.parent / "064_00000000000000f4.txt"
    path.mkdir()
    return Bad(path, (path,))


def _plain(name: str) -> Callable[[Path, Path], Bad]:
    def make(root: Path, tom: Path) -> Bad:
        return Bad(tom / name)

    return make


def _nul_at_line_17() -> bytes:
    return SPECIMEN_TEXT.replace("Top Secret.", "Top\x00Secret.").encode()


def _broken_utf8_at_line_21() -> bytes:
    lines = [line.encode() for line in LINES]
    lines[20] = lines[20][:10] + b"\xd0" + lines[20][10:]  # a lone lead byte
    return b"\n".join(lines)


LONG_LINE = " ".join(LINES[20] for _ in range(2000))  # one paragraph, ~1.6 MB, no newline

CASES = [
    Case("empty", _file("010_00000000000000a1.txt", b""), "error", "empty-file", 1),
    Case("whitespace-and-bom", _file("011_00000000000000a2.txt", "\ufeff \r\n\t\n\n"),
         "error", "empty-file", 1),
    Case("binary", _file("012_00000000000000a3.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
         "error", "binary-file", 3),
    Case("nul-byte", _file("013_00000000000000a4.txt", _nul_at_line_17()),
         "error", "binary-file", 17),
    Case("windows-1251", _file("014_00000000000000a5.txt",
                               SPECIMEN_TEXT.encode("cp1251", errors="replace")),
         "error", "not-utf8", 5),
    Case("utf-16", _file("015_00000000000000a6.txt", SPECIMEN_TEXT.encode("utf-16")),
         "error", "not-utf8", 1),
    Case("utf-16-be-no-bom", _file("016_00000000000000a7.txt", SPECIMEN_TEXT.encode("utf-16-be")),
         "error", "binary-file", 1),
    Case("broken-utf8-sequence", _file("017_00000000000000a8.txt", _broken_utf8_at_line_21()),
         "error", "not-utf8", 21),
    Case("truncated-header", _file("018_00000000000000a9.txt", "\n".join(LINES[:7])[:-12]),
         "error", "no-text", 7),
    Case("no-title", _file("019_00000000000000b1.txt", "\n\n1950-10-08 ru:tom18;en:AI\n\n\n"),
         "error", "no-title", 3),
    Case("header-only-no-body", _file("020_00000000000000b2.txt", "\n".join(LINES[:12]) + "\n"),
         "error", "no-text", 9),
    Case("body-without-letters", _file(
        "021_00000000000000b3.txt",
        "← Back to index\n\nA title\n\n1950-10-08 en:AI\n\nA title\nSource: Tom 18\n\n"
        "... --- ... 1, 2, 3 — §§ ***\n"), "error", "no-text", 10),
    Case("impossible-date", _file("022_00000000000000b4.txt", SPECIMEN_TEXT.replace(
        "1950-10-08 ru:tom18", "1950-13-45 ru:tom18")), "warning", "header-date-invalid", 7,
         lands=True),
    Case("no-date-at-all", _file("023_00000000000000b5.txt", SPECIMEN_TEXT
                                 .replace("8 октября 1950 г.\n", "")
                                 .replace("October 8, 1950\n", "")
                                 .replace(" 8 октября 1950 года", "")
                                 .replace("1950-10-08 ru:tom18", "ru:tom18")),
         "warning", "date-unknown", 7, lands=True),
    Case("unparseable-archival-reference", _file("024_00000000000000b6.txt", SPECIMEN_TEXT
                                                 .replace(REF_EN, "AP RF, no shelfmark")
                                                 .replace(REF_RU, "АП РФ, без шифра")),
         "warning", "reference-unparsed", 54, lands=True),
    Case("file-of-50-mb", _huge, "error", "too-large", None),
    Case("very-long-line", _file("025_00000000000000b7.txt", SPECIMEN_TEXT.replace(
        LINES[20], LONG_LINE)), "none", "", None, lands=True),
    Case("irregular-file-name", _file("Telegram to Shtykov.txt", SPECIMEN_TEXT),
         "warning", "file-name", None, lands=True),
    Case("duplicate-key-in-one-run", _duplicate_in_volume, "error", "duplicate-key", None),
    Case("same-key-in-two-volumes", _duplicate_in_other_volume, "error", "duplicate-key", None),
    Case("symlink-loop", _loop, "warning", "symlink", None),
    Case("symlink-to-a-server-file", _link_to_server_file, "error", "symlink", None),
    Case("symlink-to-a-folder-outside", _link_to_folder_outside, "warning", "symlink", None),
    Case("symlink-argument", _link_argument, "error", "symlink", None),
    Case("name-not-utf8", _named(b"068_\xff\xfe.txt"), "error", "bad-file-name", None),
    Case("name-with-newline-cr-esc", _named(b"069_a\nb\rc\x1b[31md.txt"), "error",
         "bad-file-name", None),
    Case("fifo-named-like-a-seed", _fifo, "error", "unreadable", None),
    Case("dangling-symlink-in-volume", _dangling, "error", "symlink", None),
    Case("read-raises-permission-error", _file("026_00000000000000b8.txt", SPECIMEN_TEXT),
         "error", "unreadable", None, patch="denied"),
    Case("changes-while-read", _file("027_00000000000000b9.txt", SPECIMEN_TEXT),
         "error", "changed-while-read", None, patch="grows"),
    Case("folder-without-seed-files", _empty_folder, "warning", "no-seed-files", None),
    Case("directory-named-like-a-seed", _directory_named_txt, "warning", "no-seed-files", None),
    # A path that does not exist is a usage error before any run: tests/importer/test_paths.py.
]  # fmt: skip
assert len({c.kind for c in CASES}) == len(CASES) >= 20


def _patched_open(monkeypatch: pytest.MonkeyPatch, denied: set[str], grows: set[str]) -> None:
    """The importer's ``open``: raises EACCES for ``denied``; appends to ``grows`` first."""

    def opener(path: object, *args: object, **kwargs: object) -> object:
        if str(path) in denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        if str(path) in grows:
            with builtins.open(str(path), "ab") as fh:  # another writer, mid-read
                fh.write(b"\nappended while the importer read the file\n")
        return builtins.open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(triage, "open", opener, raising=False)


def _build(tmp_path: Path, cases: list[Case]) -> tuple[Path, list[Path], dict[str, Bad]]:
    root = seeds_tree(tmp_path / "seeds", GOOD)
    made = {case.kind: case.make(root, root / "tom18") for case in cases}
    args = [root] + [a for bad in made.values() for a in bad.args]
    return root, args, made


@pytest.fixture(scope="module")
def baseline(
    pg_server: URL, template_url: URL, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, list[tuple]], dict[str, int]]:
    """The canonical dump and row counts of the good files imported alone."""
    from click.testing import CliRunner

    from archive_db.cli import main

    url = create_database(pg_server, template=template_url.database)
    try:
        root = seeds_tree(tmp_path_factory.mktemp("baseline") / "seeds", GOOD)
        result = CliRunner().invoke(
            main,
            ["--database-url", url.render_as_string(hide_password=False), "import", str(root)],
        )
        assert result.exit_code == 0, result.output
        return canonical_dump(url), table_counts(url)
    finally:
        drop_database(pg_server, url)


def _good_part(dump: dict[str, list[tuple]], bad_keys: set[str]) -> dict[str, list[tuple]]:
    """The dump without the rows of documents that came from bad files."""
    return {
        name: [r for r in rows if name == "authorities" or r[0] not in bad_keys]
        for name, rows in dump.items()
    }


def _check(
    url: URL,
    output: str,
    cases: list[Case],
    made: dict[str, Bad],
    baseline: tuple[dict[str, list[tuple]], dict[str, int]],
) -> None:
    dump = canonical_dump(url)
    counts = table_counts(url)
    messages = query(url, "SELECT path, line, severity, code, message FROM import_messages")
    landed = {c.kind for c in cases if c.lands}
    good_keys = {key for (key, *_) in baseline[0]["documents"]}
    bad_keys = {key for (key, *_) in dump["documents"]} - good_keys

    assert not {str(b.path) for b in made.values()} & set(BLOCKED_READERS), "read a FIFO"
    # No file outside the trees became a document; no name reached the terminal raw.
    secret = "SELECT 1 FROM document_versions WHERE strpos(body, 'SECRET') > 0"
    assert query(url, secret) == []
    assert "\x1b" not in output and "\r" not in output
    for case in cases:
        bad = made[case.kind]
        about = [m for m in messages if m[0] == str(bad.path)]
        if case.severity == "none":
            assert about == [], (case.kind, about)
        else:
            assert (str(bad.path), case.line, case.severity, case.code) in [m[:4] for m in about], (
                case.kind,
                about,
            )
            assert all(m[4] for m in about)  # every message has a reason
            for also in case.also:
                assert also in {m[3] for m in about}, (case.kind, about)
        if case.severity == "error":
            # Rejected: one line on stderr naming the path (and line), and one error row.
            where = f"{bad.path}:{case.line}" if case.line else str(bad.path)
            assert f"{where}: error: " in output, (case.kind, output)
            assert [m[3] for m in about if m[2] == "error"] == [case.code]

    # Every good file landed whole and exactly as when imported alone.
    assert _good_part(dump, bad_keys) == baseline[0]
    # The bad files that land are whole documents: both versions, a reference, citations.
    assert len(bad_keys) == len(landed), (bad_keys, landed)
    for key in bad_keys:
        assert [r[1:3] for r in dump["versions"] if r[0] == key] == [("en", "AI"), ("ru", "tom18")]
        assert any(r[0] == key for r in dump["references"])
        assert any(r[0] == key for r in dump["citations"])
    # Exact row counts: the baseline's, plus the rows of the landed bad files.
    expected = dict(baseline[1])
    for table, part in (("documents", "documents"), ("document_versions", "versions"),
                        ("archival_references", "references"), ("citations", "citations"),
                        ("document_people", "people"), ("document_places", "places")):  # fmt: skip
        expected[table] += sum(r[0] in bad_keys for r in dump[part])
    for table in ("people", "places", "archives", "sources"):
        expected[table] = counts[table]  # authorities: checked below
    assert counts == expected
    # Bad files add no authority rows, except a landed file's own provisional ones.
    if not landed:
        assert dump["authorities"] == baseline[0]["authorities"]
    assert query(url, "SELECT count(*) FROM import_runs WHERE finished_at IS NULL") == [(0,)]


def _run(run_cli: Run, args: list[Path], jobs: int) -> tuple[int, str]:
    result = run_cli("import", *args, "--jobs", jobs, "--batch-size", 4)
    return result.exit_code, result.output


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_each_kind_of_bad_input(
    case: Case,
    tmp_path: Path,
    database_url: URL,
    run_cli: Run,
    monkeypatch: pytest.MonkeyPatch,
    baseline: tuple[dict[str, list[tuple]], dict[str, int]],
) -> None:
    _, args, made = _build(tmp_path, [case])
    if case.patch:
        path = str(made[case.kind].path)
        _patched_open(monkeypatch, {path} if case.patch == "denied" else set(),
                      {path} if case.patch == "grows" else set())  # fmt: skip
    code, output = _run(run_cli, args, jobs=1)
    assert code == (1 if case.severity == "error" else 0), output
    _check(database_url, output, [case], made, baseline)
    status, rejected, seen = query(
        database_url, "SELECT status, files_rejected, files_seen FROM import_runs"
    )[0]
    assert (status, rejected) == (("partial", 1) if case.severity == "error" else ("succeeded", 0))
    assert seen >= GOOD


def test_every_kind_in_one_run_then_again(
    tmp_path: Path,
    database_url: URL,
    run_cli: Run,
    monkeypatch: pytest.MonkeyPatch,
    baseline: tuple[dict[str, list[tuple]], dict[str, int]],
) -> None:
    _, args, made = _build(tmp_path, CASES)
    _patched_open(
        monkeypatch,
        {str(made[c.kind].path) for c in CASES if c.patch == "denied"},
        {str(made[c.kind].path) for c in CASES if c.patch == "grows"},
    )
    code, output = _run(run_cli, args, jobs=1)
    assert code == 1, output
    _check(database_url, output, CASES, made, baseline)
    errors = sum(c.severity == "error" for c in CASES)
    assert query(database_url, "SELECT status, files_rejected FROM import_runs") == [
        ("partial", errors)
    ]
    first = canonical_dump(database_url)

    # Again, with the same bad files: nothing changes, the same files are rejected.
    code, again = _run(run_cli, args, jobs=1)
    assert code == 1, again
    assert canonical_dump(database_url) == first
    assert query(
        database_url, "SELECT files_rejected, documents_added FROM import_runs ORDER BY id"
    ) == [(errors, GOOD + sum(c.lands for c in CASES)), (errors, 0)]


def test_every_kind_in_one_run_with_two_workers(
    tmp_path: Path,
    database_url: URL,
    run_cli: Run,
    baseline: tuple[dict[str, list[tuple]], dict[str, int]],
) -> None:
    """The same tree through worker processes (the cases that patch open() left out)."""
    cases = [c for c in CASES if not c.patch]
    _, args, made = _build(tmp_path, cases)
    code, output = _run(run_cli, args, jobs=2)
    assert code == 1, output
    _check(database_url, output, cases, made, baseline)


@pytest.mark.parametrize(
    ("kind", "first"),
    [("duplicate-key-in-one-run", 0), ("same-key-in-two-volumes", 1)],
)
def test_a_repeated_key_names_the_file_that_had_it_first(
    kind: str, first: int, tmp_path: Path, database_url: URL, run_cli: Run
) -> None:
    """The run remembers keys and places, not paths: the first file is found again."""
    root, args, made = _build(tmp_path, [c for c in CASES if c.kind == kind])
    third = made[kind].path.with_name(seed_name(first, position=99))  # the key once more
    third.write_text(SPECIMEN_TEXT, encoding="utf-8")
    code, output = _run(run_cli, args, jobs=1)
    assert code == 1, output
    earlier = root / "tom18" / seed_name(first)
    message = f"key {0xA000 + first:016x} already imported in this run from {earlier}"
    assert sorted(query(database_url, "SELECT path, message FROM import_messages"
                                      " WHERE code = 'duplicate-key'")) == [
        (str(made[kind].path), message),
        (str(third), message),
    ]  # fmt: skip


def test_a_first_file_gone_by_the_second_walk_is_not_named(
    tmp_path: Path, database_url: URL, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files that change between the walk and the end of the run: "an earlier file",
    never the repeated file itself nor one the run did not import."""
    root, args, made = _build(tmp_path, [c for c in CASES if c.kind == "duplicate-key-in-one-run"])
    walks: list[int] = []
    real = pipeline.discover

    def discover(paths: list[str]) -> Iterator[SeedPath | PathProblem]:
        walks.append(1)
        if len(walks) > 1:  # the first file is gone: its place holds the next one
            (root / "tom18" / seed_name(0)).unlink(missing_ok=True)
        return real(paths)

    monkeypatch.setattr(pipeline, "discover", discover)
    code, output = _run(run_cli, args, jobs=1)
    assert code == 1, output
    assert len(walks) == 2
    assert query(database_url, "SELECT path, message FROM import_messages"
                               " WHERE code = 'duplicate-key'") == [
        (str(made["duplicate-key-in-one-run"].path),
         f"key {0xA000:016x} already imported in this run from an earlier file"),
    ]  # fmt: skip
