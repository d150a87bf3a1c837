"""``archive-db import``: the nightly job."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from archive_db.cli.app import EXIT_LOCKED, EXIT_PARTIAL, engine, fail, main

if TYPE_CHECKING:
    from archive_db.importer import ImportOptions, ImportReport


def _ensure_schema(ctx: click.Context, allow_migrate: bool, quiet: bool) -> None:
    from archive_db import migrate

    db_engine = engine(ctx)
    state, revision = migrate.schema_state(db_engine)
    if state is migrate.SchemaState.CURRENT:
        return
    if state is migrate.SchemaState.EMPTY or (
        state is migrate.SchemaState.BEHIND and allow_migrate
    ):
        if not quiet:
            click.echo(f"migrating the database to {migrate.head_revision()}", err=True)
        migrate.upgrade(db_engine)
        return
    if state is migrate.SchemaState.BEHIND:
        message = (
            f"the database schema is at {revision}, this archive-db needs "
            f"{migrate.head_revision()}: run `archive-db db upgrade` or pass --migrate"
        )
    else:
        message = f"the database schema revision {revision} is newer than this archive-db knows"
    fail(message)


def _summary(report: ImportReport) -> str:
    verb = "would import" if report.dry_run else "imported"
    return (
        f"{verb} {report.files_seen} files in {report.seconds:.1f}s "
        f"({report.documents_per_second:.0f} documents/s): {report.added} added, "
        f"{report.updated} updated ({report.revisions} new revisions), {report.rederived} "
        f"re-derived, {report.unchanged} unchanged, {report.rejected} rejected, "
        f"{report.warnings} warnings"
        + (
            f"; {len(report.missing)} stored documents missing from their volume"
            if report.missing
            else ""
        )
        + (f"; {report.withdrawn} withdrawn documents skipped" if report.withdrawn else "")
        + f" [run {report.run_id}]"
    )


@main.command("import")
# A path that does not exist is a usage error (exit 2, no run logged), not a rejected file.
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=str))
@click.option("--dry-run", is_flag=True, help="Parse and compare with the database; write no data.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=min(2, os.cpu_count() or 1),
    show_default=True,
    help="Worker processes (each with its own connection).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 10_000),
    default=100,
    show_default=True,
    help="Documents per transaction.",
)
@click.option("--wait", is_flag=True, help="Wait for a running import instead of exiting 3.")
@click.option(
    "--migrate",
    "allow_migrate",
    is_flag=True,
    help="Migrate a database whose schema is behind before importing.",
)
@click.option(
    "--authorities",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Authority files (default: an 'authorities' folder under PATH).",
)
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the run's summary as JSON to this file.",
)
@click.option(
    "--readd-withdrawn", is_flag=True,
    help="Import the files of withdrawn documents too (archive-db withdraw), adding them again.",
)  # fmt: skip
@click.option(
    "--recognition/--no-recognition", default=True, show_default=True,
    envvar="ARCHIVE_DB_RECOGNITION",
    help="Find the people and places a Russian text names by entity recognition (about "
    "ten times the rest of a new document's cost; layout and authority links either way). "
    "Default from ARCHIVE_DB_RECOGNITION (1 or 0).",
)  # fmt: skip
@click.option("--quiet", "-q", is_flag=True, help="Print only rejections and errors (for cron).")
@click.pass_context
def import_(
    ctx: click.Context,
    paths: tuple[str, ...],
    dry_run: bool,
    jobs: int,
    batch_size: int,
    wait: bool,
    allow_migrate: bool,
    authorities: Path | None,
    report_file: Path | None,
    readd_withdrawn: bool,
    recognition: bool,
    quiet: bool,
) -> None:
    """Import seed files, volume folders or whole trees of them.

    Exit codes: 0 all imported, 1 some files rejected (the rest landed),
    2 usage or connection error, 3 another import holds the lock.
    """
    from archive_db.authorities import AuthorityFileError
    from archive_db.importer import ImportFailed, ImportLocked, ImportOptions
    from archive_db.importer.discover import count_seed_files

    if report_file:
        _report_folder(report_file)
    # A nightly job pointed at the wrong folder must notice: no seed file is an error.
    files = count_seed_files(paths)
    if files == 0:
        fail(f"no seed files in {', '.join(paths)}: nothing to import (a volume folder "
             "holds NNN_<key>.txt files)")  # fmt: skip
    _ensure_schema(ctx, allow_migrate, quiet)
    options = ImportOptions(
        list(paths),
        dry_run=dry_run,
        jobs=jobs,
        batch_size=batch_size,
        wait=wait,
        authorities=authorities,
        recognition=recognition,
        readd_withdrawn=readd_withdrawn,
    )
    try:
        report = _run_with_progress(
            ctx, options, files, show=not quiet and sys.stderr.isatty()
        )
    except ImportLocked as exc:
        fail(str(exc), EXIT_LOCKED)
    except ImportFailed as exc:
        fail(f"import failed: {exc}")
    except AuthorityFileError as exc:
        fail(f"bad authority file, nothing imported: {exc}")
    for line in report.rejections:
        click.echo(line, err=True)
    if not quiet:
        for line in report.shown_warnings:
            click.echo(line, err=True)
        if (more := report.warnings - len(report.shown_warnings)) > 0:
            click.echo(
                f"… and {more} more warnings: SELECT * FROM import_messages WHERE run_id ="
                f" {report.run_id}",
                err=True,
            )
        click.echo(_summary(report))
    if report_file:
        _write_report(report_file, report)
    sys.exit(EXIT_PARTIAL if report.rejected else 0)


def _report_folder(path: Path) -> None:
    """The report's folder, made before the run: a report that cannot be written is a
    usage error found before anything is imported, not after."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot write the report to {path}: {exc.strerror}")


def _write_report(path: Path, report: ImportReport) -> None:
    """Whole or not at all (a monitor never reads half a report)."""
    text = json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        fail(
            f"import run {report.run_id} {report.status}, but its report could not be written"
            f" to {path}: {exc.strerror}"
        )


def _run_with_progress(
    ctx: click.Context, options: ImportOptions, files: int, show: bool
) -> ImportReport:
    from archive_db.importer import run_import

    url = engine(ctx).url
    if not show:
        return run_import(url, options)
    from rich.console import Console
    from rich.progress import Progress

    columns = progress_columns()
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("importing", total=files)
        return run_import(url, options, progress=lambda files: bar.advance(task, files))


def progress_columns() -> tuple[object, ...]:
    """The bar's columns: done/total, percentage, rate and time left (a bare count of
    files done reads as a total)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    class FilesPerSecond(TransferSpeedColumn):
        def render(self, task):  # type: ignore[no-untyped-def]
            from rich.text import Text

            speed = task.finished_speed or task.speed
            shown = "" if speed is None else f"{speed:.0f} files/s"
            return Text(shown, style="progress.data.speed")

    return (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        FilesPerSecond(),
        TimeRemainingColumn(),
    )
