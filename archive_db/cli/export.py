"""``archive-db export tei|cmif|datapackage``: the archive in the field's exchange formats.

Each command reads one snapshot of the archive and streams it out; the library's
functions (archive_db.export) are imported when a command runs.
"""

from __future__ import annotations

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
@click.pass_context
def tei_command(
    ctx: click.Context, keys: tuple[str, ...], out: Path, volume: str | None, everything: bool
) -> None:
    """One TEI P5 file per document, OUT/KEY.xml: the documents KEY..., or those of
    --volume, or --all."""
    from archive_db.export import export_tei, snapshot

    if sum(map(bool, (keys, volume, everything))) != 1:
        fail("say which documents: KEY ..., --volume V or --all (one of them)")
    with snapshot(engine(ctx)) as conn:
        report = export_tei(conn, out, keys=keys or None, volume=volume)
    click.echo(f"wrote {report.written} TEI file(s) to {out}")
    if report.missing:
        fail(f"no document with key {', '.join(report.missing)}", EXIT_PARTIAL)
    if not report.written:
        fail(
            f"no document in volume {volume}" if volume else "the archive holds no document",
            EXIT_PARTIAL,
        )


@export_group.command("cmif")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--url", "file_url", help="Where the CMIF file will be published.")
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
def cmif_command(ctx: click.Context, out: Path, **settings: str | None) -> None:
    """The letters and telegrams as one CMIF file, for correspSearch."""
    from archive_db.export import CmifSettings, export_cmif, snapshot

    given = {k: v for k, v in settings.items() if v is not None}
    with snapshot(engine(ctx)) as conn:
        report = export_cmif(conn, out, CmifSettings(**given))
    click.echo(f"wrote {report.letters} letter(s) and telegram(s) to {out}")
    for line in report.gaps():
        click.echo(line)
    for name in report.defaults_used:
        flag = {"file_url": "url"}.get(name, name).replace("_", "-")
        click.echo(
            f"archive-db: --{flag} not given: set it before "
            "registering the file with correspSearch",
            err=True,
        )


@export_group.command("datapackage")
@click.argument("out", type=OUT_DIR)
@click.pass_context
def datapackage_command(ctx: click.Context, out: Path) -> None:
    """The researcher views and the tables behind them as CSV, with OUT/datapackage.json
    (types, keys and every column's comment)."""
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
