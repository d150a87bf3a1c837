"""The root ``archive-db`` group and the options every command shares."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--database-url",
    envvar="ARCHIVE_DB_URL",
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
