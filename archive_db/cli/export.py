"""``archive-db export tei|cmif|datapackage``: the archive in the field's exchange formats.

Each command reads one snapshot of the archive and streams it out; the library's
functions (archive_db.export) are imported when a command runs.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import click

from archive_db.cli.app import EXIT_PARTIAL, engine, fail, main

OUT_DIR = click.Path(file_okay=False, path_type=Path)


@main.group("export")
def export_group() -> None:
    """Write the archive as TEI P5, CMIF or a Frictionless Data Package."""


@export_group.command("tei")
@click.argument("keys", nargs=-1)
@click.argument("out", type=OUT_DIR)
@click.option("--volume", help="Every document of this volume folder (tom18).")
@click.option("--all", "everything", is_flag=True, help="Every document of the archive.")
@click.option(
    "--prune",
    is_flag=True,
    help="With --all: remove the files of documents no longer in the archive (withdrawn).",
)
@click.pass_context
def tei_command(
    ctx: click.Context,
    keys: tuple[str, ...],
    out: Path,
    volume: str | None,
    everything: bool,
    prune: bool,
) -> None:
    """One TEI P5 file per document, OUT/KEY.xml: the documents KEY..., or those of
    --volume, or --all. OUT is a folder; a file of the same key there is replaced,
    other files are left alone."""
    from archive_db.export import export_tei, snapshot

    chosen = sum(map(bool, (keys, volume, everything)))
    if chosen > 1:
        fail("KEY ..., --volume and --all exclude each other: give one of them")
    if not chosen:
        fail(f"say which documents go to {out}/: KEY ..., --volume V or --all "
             "(the last argument is always OUT, the folder to write to)")  # fmt: skip
    if prune and not everything:
        fail("--prune goes with --all: it removes what the archive no longer holds")
    if out.suffix.lower() == ".xml":
        fail(f"OUT is a folder, one file a document; {out} looks like a file name")
    with snapshot(engine(ctx)) as conn:
        report = export_tei(conn, out, keys=keys or None, volume=volume, prune=prune)
    click.echo(f"wrote {report.written} TEI file(s) to {out}")
    if report.pruned:
        click.echo(f"removed {report.pruned} file(s) of documents no longer in the archive")
    if report.missing:
        fail(f"no document with key {', '.join(report.missing)}", EXIT_PARTIAL)
    if not report.written:
        fail(
            f"no document in volume {volume}" if volume else "the archive holds no document",
            EXIT_PARTIAL,
        )


@export_group.command("cmif")
@click.argument("out", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--url", help="Where the CMIF file will be published (https://...).")
@click.option("--edition-url", help="Base URL of the edition; a letter's page is URL/KEY.")
@click.option("--editor", help="Who answers for the file (name).")
@click.option("--email", help="The editor's e-mail address.")
@click.option("--publisher", help="Publisher of the file (an institution or a person).")
@click.option(
    "--licence",
    type=click.Choice(["CC-BY-4.0", "CC0-1.0"]),
    default="CC-BY-4.0",
    show_default=True,
    help="The file's licence (correspSearch takes these two).",
)
@click.pass_context
def cmif_command(ctx: click.Context, out: str, **settings: str | None) -> None:
    """The letters and telegrams as one CMIF file OUT (- for standard output), for
    correspSearch, which needs --url, --editor, --email and --publisher."""
    import sys

    from archive_db.export import CmifSettings, export_cmif, snapshot
    from archive_db.export.cmif import NothingToExport

    if out.endswith(("/", os.sep)):
        fail(f"OUT is the CMIF file to write, not a folder: {out}")
    try:
        given = CmifSettings(**{k: v for k, v in settings.items() if v is not None})
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        with snapshot(engine(ctx)) as conn:
            report = export_cmif(conn, sys.stdout.buffer if out == "-" else Path(out), given)
    except NothingToExport as exc:
        fail(str(exc), EXIT_PARTIAL)
    # With the file on standard output, the report goes to standard error.
    say = functools.partial(click.echo, err=out == "-")
    say(f"wrote {report.letters} letter(s) and telegram(s) to {out}")
    for line in report.gaps():
        say(line)
    if report.defaults_used:
        flags = ", ".join(f"--{name.replace('_', '-')}" for name in report.defaults_used)
        click.echo(f"archive-db: not given: {flags}; correspSearch needs them: placeholders "
                   "stand in the file", err=True)  # fmt: skip


@export_group.command("datapackage")
@click.argument("out", type=OUT_DIR)
@click.pass_context
def datapackage_command(ctx: click.Context, out: Path) -> None:
    """The researcher views and the tables behind them as CSV, with OUT/datapackage.json
    (types, keys and every column's comment). OUT must be new, empty, or an earlier
    data package export, which is replaced whole."""
    from archive_db.export import export_datapackage, snapshot
    from archive_db.export.datapackage import OutputRefused

    try:
        with snapshot(engine(ctx)) as conn:
            report = export_datapackage(conn, out)
    except OutputRefused as exc:
        fail(f"nothing exported: {exc}")
    rows = sum(r.rows for r in report.resources)
    click.echo(f"wrote {len(report.resources)} resources ({rows} rows) and {report.descriptor}")
    width = max((len(r.path) for r in report.resources), default=0)
    for resource in report.resources:
        rows_word = "row" if resource.rows == 1 else "rows"
        click.echo(f"  {resource.path:<{width}}  {resource.rows:>9,} {rows_word}")
