"""``archive-db authorities``: check the curated authority files (and load them)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from archive_db.cli.app import EXIT_OK, EXIT_PARTIAL, engine, fail, main

if TYPE_CHECKING:
    from archive_db.authorities.files import Authorities

DEFAULT_DIR = Path("seeds") / "authorities"


def _load(directory: Path) -> Authorities:
    from archive_db.authorities.files import AuthorityFileError, load_authorities

    try:
        return load_authorities(directory)
    except AuthorityFileError as exc:
        fail(str(exc), EXIT_PARTIAL)


@main.group("authorities")
def authorities() -> None:
    """Curated people, places, archives and sources (seeds/authorities/*.toml)."""


@authorities.command("check")
@click.argument("directory", required=False, type=click.Path(path_type=Path), default=DEFAULT_DIR)
@click.option(
    "--seeds",
    "seeds",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Seed file or folder whose addressees and signatories must match an entry (repeatable).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print problems only, no summary.")
def check(directory: Path, seeds: tuple[Path, ...], quiet: bool) -> None:
    """Report names two entries share and seed names no entry matches.

    Exit 0 when clean, 1 when there are problems (or a file cannot be read).
    """
    from archive_db.authorities.check import shared_names, unmatched_names

    auth = _load(directory)
    problems: list[object] = list(shared_names(auth))
    if seeds:
        try:
            problems.extend(unmatched_names(auth, seeds))
        except ImportError as exc:
            raise click.ClickException(f"the seed-file parser is not available: {exc}") from None
    for problem in problems:
        click.echo(str(problem))
    if not quiet:
        click.echo(
            f"{len(auth.people)} people, {len(auth.places)} places, {len(auth.archives)} "
            f"archives, {len(auth.sources)} sources; {len(problems)} problem(s)",
            err=True,
        )
    sys.exit(EXIT_PARTIAL if problems else EXIT_OK)


@authorities.command("sync")
@click.argument("directory", required=False, type=click.Path(path_type=Path), default=DEFAULT_DIR)
@click.pass_context
def sync(ctx: click.Context, directory: Path) -> None:
    """Write the entries to the database (idempotent; removed entries are kept)."""
    from archive_db.authorities.sync import sync_authorities
    from archive_db.db import session_scope

    auth = _load(directory)
    with session_scope(engine(ctx)) as session:
        ids = sync_authorities(session, auth)
    click.echo(
        f"{len(ids.people)} people, {len(ids.places)} places, {len(ids.archives)} archives, "
        f"{len(ids.sources)} sources in the database"
    )
    for label, stale in (("person", ids.stale_people), ("place", ids.stale_places),
                         ("archive", ids.stale_archives)):  # fmt: skip
        for item in stale:
            click.echo(f"kept, no longer in the files: {label} {item}", err=True)
    for kind, provisional, slug in ids.provisional_matches:
        click.echo(f"provisional {kind} {provisional} now matches {slug}", err=True)
