"""``archive-db db ...`` and ``archive-db psql``: the database itself."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import click

from archive_db.cli.app import engine, fail, main, resolved


@main.group("db")
def db() -> None:
    """Manage the database: the embedded server and the schema."""


@db.command()
def start() -> None:
    """Create (first time) and start the embedded PostgreSQL."""
    from archive_db import embedded

    url = embedded.ensure_running()
    click.echo(f"embedded PostgreSQL running: {embedded.pgdata()}")
    click.echo(url)


@db.command()
def stop() -> None:
    """Stop the embedded PostgreSQL."""
    from archive_db import embedded

    was_running = embedded.stop()
    click.echo("stopped" if was_running else "not running")


@db.command()
@click.pass_context
def status(ctx: click.Context) -> None:
    """Which database the rule picks, whether it answers, and its schema revision."""
    from archive_db import config, embedded, migrate

    root = ctx.find_root().obj
    if not (root.get("database_url") or os.environ.get(config.URL_ENV)):
        state = embedded.status()
        click.echo(f"embedded data directory: {state.pgdata}")
        click.echo(
            f"embedded server: {f'running, pid {state.pid}' if state.running else 'stopped'}"
        )
        if not state.running:
            click.echo("database: embedded (starts on first use)")
            return
    db_engine = engine(ctx)
    schema, revision = migrate.schema_state(db_engine)
    click.echo(f"database: {config.describe(db_engine.url)} ({resolved(ctx).origin})")
    click.echo(f"schema: {schema.value}" + (f" at {revision}" if revision else ""))
    click.echo(f"head: {migrate.head_revision()}")


@db.command()
@click.pass_context
def url(ctx: click.Context) -> None:
    """Print the URL of the database the rule picks (starting the embedded one)."""
    from archive_db import config

    click.echo(config.libpq_url(resolved(ctx).url))


@db.command()
@click.argument("revision", default="head")
@click.pass_context
def upgrade(ctx: click.Context, revision: str) -> None:
    """Migrate the schema up to REVISION (default: head)."""
    from archive_db import migrate

    db_engine = engine(ctx)
    _migrating(lambda: migrate.upgrade(db_engine, revision), revision)
    click.echo(f"schema at {migrate.current_revision(db_engine)}")


@db.command()
@click.argument("revision")
@click.pass_context
def downgrade(ctx: click.Context, revision: str) -> None:
    """Migrate the schema down to REVISION ('base' drops everything)."""
    from archive_db import migrate

    db_engine = engine(ctx)
    _migrating(lambda: migrate.downgrade(db_engine, revision), revision)
    click.echo(f"schema at {migrate.current_revision(db_engine) or 'base'}")


def _migrating(step: Callable[[], None], revision: str) -> None:
    """Run an upgrade or downgrade; a revision Alembic cannot find is one line naming
    the ones it knows."""
    from alembic.util import CommandError

    from archive_db import migrate

    try:
        step()
    except CommandError as exc:
        known = ", ".join(["head", "base", *migrate.known_revisions()])
        fail(f"cannot migrate to {revision!r}: {exc}; known revisions: {known}")


@db.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def dump(ctx: click.Context, file: Path) -> None:
    """Back the database up to FILE (pg_dump's custom format, replaced whole)."""
    from archive_db import backup
    from archive_db.backup import BackupFailed

    try:
        backup.dump(engine(ctx).url, file)
    except BackupFailed as exc:
        fail(f"dump failed, {file} left as it was: {exc}")
    click.echo(f"dumped to {file}")


@db.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Replace the archive in a database that has one.")
@click.pass_context
def restore(ctx: click.Context, file: Path, replace: bool) -> None:
    """Restore a dump made by `db dump` into the database, whole or not at all. Then
    run grant-reader again for the readers (grants are not restored)."""
    from archive_db import backup
    from archive_db.backup import BackupFailed

    try:
        backup.restore(engine(ctx).url, file, replace=replace)
    except BackupFailed as exc:
        fail(f"restore failed, nothing restored: {exc}")
    click.echo(f"restored {file}")


# psql's own -h (host) must reach psql, so only --help is ours here.
@main.command(context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]})
@click.argument("psql_args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def psql(ctx: click.Context, psql_args: tuple[str, ...]) -> None:
    """Open psql on the database the rule picks; extra arguments go to psql."""
    from archive_db import config, embedded

    target = config.libpq_url(resolved(ctx).url)
    wheel_psql = embedded.bin_dir() / "psql"
    program = str(wheel_psql) if wheel_psql.exists() else shutil.which("psql")
    if program is None:
        raise click.ClickException("no psql found")
    sys.stdout.flush()
    os.execv(program, [program, "--dbname", target, *psql_args])
