"""The root ``archive-db`` group, database resolution for commands, and exit codes."""

from __future__ import annotations

import sys
from typing import Any, NoReturn

import click
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from archive_db import config
from archive_db.db import DatabaseUnavailable, check_connection, make_engine
from archive_db.errors import first_line

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
    """Turns a database that cannot be reached into one line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DatabaseUnavailable as exc:
            fail(str(exc))
        except OperationalError as exc:
            fail(f"database error: {first_line(exc.orig) if exc.orig else str(exc)}")


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
    root = ctx.find_root()
    root.ensure_object(dict)
    if "resolved" not in root.obj:
        try:
            root.obj["resolved"] = config.resolve(root.obj.get("database_url"))
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
    return root.obj["resolved"]


def engine(ctx: click.Context) -> Engine:
    """An engine on the resolved database, checked to answer; disposed with the context."""
    root = ctx.find_root()
    if "engine" not in root.obj:
        eng = make_engine(resolved(ctx).url)
        root.call_on_close(eng.dispose)
        check_connection(eng)
        root.obj["engine"] = eng
    return root.obj["engine"]
