"""The root ``archive-db`` group, database resolution for commands, and exit codes.

Only click is imported here: ``archive-db --help`` and every command's start load
SQLAlchemy, psycopg, Alembic or the importer when they use them, not before
(tests/repository/test_startup.py holds the commands to it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from archive_db import config

# Exit codes, stable for cron and other callers.
EXIT_OK = 0
EXIT_PARTIAL = 1  # some input rejected; the rest done
EXIT_USAGE = 2  # bad usage or the database cannot be reached
EXIT_LOCKED = 3  # another import holds the lock


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """One line on stderr, as every command reports what stops it, and the exit code."""
    click.echo(f"archive-db: {message}", err=True)
    sys.exit(code)


class ArchiveGroup(click.Group):
    """Turns a database that cannot be reached, or one without the archive's schema,
    into one line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            from archive_db.cli.database_errors import explain

            message = explain(exc, ctx.find_root().obj or {})
            if message is None:
                raise
            fail(message)


@click.group(cls=ArchiveGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--database-url",
    default=None,
    metavar="URL",
    help="PostgreSQL URL. Default: $ARCHIVE_DB_URL, else the embedded PostgreSQL.",
)
@click.version_option(package_name="archive-db")
@click.pass_context
def main(ctx: click.Context, database_url: str | None) -> None:
    """A PostgreSQL archive of historical documents."""
    ctx.ensure_object(dict)
    ctx.obj["database_url"] = database_url


def resolved(ctx: click.Context) -> config.ResolvedDatabase:
    """The database the rule picks for this invocation (resolved once)."""
    from archive_db import config

    root = ctx.find_root()
    root.ensure_object(dict)
    if "resolved" not in root.obj:
        option = root.obj.get("database_url")
        before = None
        if not (option or os.environ.get(config.URL_ENV)):
            from archive_db import embedded

            before = embedded.status()
        try:
            root.obj["resolved"] = config.resolve(option)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        if before is not None and not before.running:
            _embedded_started(before.pgdata, created=not before.initialized)
    return root.obj["resolved"]


def _embedded_started(pgdata: Path, created: bool) -> None:
    """Say where the data lives and that the server outlives the command: a first run
    otherwise leaves a server running that the user never asked for."""
    what = "created an embedded PostgreSQL" if created else "started the embedded PostgreSQL"
    click.echo(
        f"archive-db: {what}; its data is in {pgdata}; it keeps running for the next "
        "commands until `archive-db db stop`",
        err=True,
    )


def engine(ctx: click.Context) -> Engine:
    """An engine on the resolved database, checked to answer; disposed with the context."""
    from archive_db.db import check_connection, make_engine

    root = ctx.find_root()
    if "engine" not in root.obj:
        eng = make_engine(resolved(ctx).url)
        root.call_on_close(eng.dispose)
        check_connection(eng)
        root.obj["engine"] = eng
    return root.obj["engine"]
