"""``archive-db curate``: review the provisional people and places imports create, and
promote, merge or reject them (``archive_db.curation``).

Each decision is one transaction, taken under the import lock (exit 3 while an import
runs), and recorded in ``curation_decisions`` for the next imports to follow.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from archive_db.cli.app import EXIT_LOCKED, engine, fail, main
from archive_db.cli.authorities import DEFAULT_DIR
from archive_db.cli.output import json_line, table
from archive_db.vocab import ENTRY_KINDS, PLACE_KINDS

if TYPE_CHECKING:  # the commands import what they use when they run (see cli/__init__)
    from sqlalchemy.orm import Session

    from archive_db import curation

KIND = click.Choice(ENTRY_KINDS)
# Keys shown per entry in the table; --json has them all.
SHOWN_KEYS = 5


def _who() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in this environment
        return None


def _decision_options(command: Callable[..., None]) -> Callable[..., None]:
    for option in reversed((
        click.option("--kind", type=KIND, help="person or place (needed only if both have SLUG)."),
        click.option("--by", metavar="NAME", help="Who decides (default: your login name)."),
        click.option("--note", metavar="TEXT", help="Why, for the record."),
    )):  # fmt: skip
        command = option(command)
    return command


def _decide(ctx: click.Context, decide: Callable[[Session], curation.Decided]) -> curation.Decided:
    from archive_db import curation
    from archive_db.curation.authority_entry import AuthorityEntryError
    from archive_db.curation.decide import CurationLocked
    from archive_db.db import session_scope

    try:
        with session_scope(engine(ctx)) as session:
            return decide(session)
    except CurationLocked as exc:
        fail(str(exc), EXIT_LOCKED)
    except (curation.CurationError, AuthorityEntryError) as exc:
        fail(str(exc))


@main.group("curate")
def curate() -> None:
    """Review provisional people and places: list, promote, merge, reject."""


@curate.command("provisional")
@click.option("--kind", type=KIND, help="Only people or only places.")
@click.option("--limit", type=click.IntRange(1), help="At most this many entries.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per entry.")
@click.pass_context
def provisional(ctx: click.Context, kind: str | None, limit: int | None, as_json: bool) -> None:
    """Provisional entries with their name forms and documents, most-linked first."""
    from sqlalchemy.orm import Session

    from archive_db import curation

    with Session(bind=engine(ctx)) as session:
        entries = curation.provisional_entries(session, kind, limit)
    if as_json:
        for entry in entries:
            json_line(entry)
        return
    table(
        ["documents", "kind", "slug", "names", "keys"],
        [
            (e.documents, e.kind, e.slug, "; ".join(e.names),
             ", ".join(e.keys[:SHOWN_KEYS]) + (" …" if len(e.keys) > SHOWN_KEYS else ""))
            for e in entries
        ],
    )  # fmt: skip


@curate.command("decisions")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per decision.")
@click.pass_context
def decisions(ctx: click.Context, as_json: bool) -> None:
    """The decisions taken so far, oldest first: what imports follow."""
    from sqlalchemy.orm import Session

    from archive_db import curation

    with Session(bind=engine(ctx)) as session:
        rows = curation.decisions(session)
    if as_json:
        for row in rows:
            json_line(row)
        return
    table(
        ["decided_at", "by", "action", "kind", "slug", "target", "note"],
        [(f"{d.decided_at:%Y-%m-%d %H:%M}", d.decided_by, d.action, d.kind, d.slug, d.target,
          d.note) for d in rows],
    )  # fmt: skip


@curate.command("reject")
@click.argument("slug")
@_decision_options
@click.pass_context
def reject(ctx: click.Context, slug: str, kind: str | None, by: str | None,
           note: str | None) -> None:  # fmt: skip
    """Not a person or place: remove SLUG and its links; imports will not link or
    create its name forms again."""
    from archive_db import curation

    d = _decide(ctx, lambda s: curation.reject(s, slug, kind, by or _who(), note))
    click.echo(
        f"rejected {d.kind} {d.slug}: {d.links} links in {d.documents} documents removed;"
        f" {len(d.names)} name forms will not be linked again"
    )


@curate.command("merge")
@click.argument("slug")
@click.argument("into")
@_decision_options
@click.pass_context
def merge(ctx: click.Context, slug: str, into: str, kind: str | None, by: str | None,
          note: str | None) -> None:  # fmt: skip
    """SLUG is INTO: move its links and name forms there; imports meeting its names
    will link them to INTO."""
    from archive_db import curation

    d = _decide(ctx, lambda s: curation.merge(s, slug, into, kind, by or _who(), note))
    already = f" ({d.already} more it had already: dropped)" if d.already else ""
    click.echo(
        f"merged {d.kind} {d.slug} into {d.target}: {d.links} links in {d.documents}"
        f" documents moved{already}; {len(d.names)} name forms now resolve to {d.target}"
    )


@curate.command("promote")
@click.argument("slug")
@click.option("--as", "new_slug", required=True, metavar="NEW_SLUG",
              help="The curated entry's slug (lowercase words joined by hyphens).")
@click.option("--name-en", metavar="NAME",
              help="Preferred English name (default: its first name form in Latin letters).")
@click.option("--name-ru", metavar="NAME", help="Preferred Russian name, in the nominative.")
@click.option("--place-kind", type=click.Choice(PLACE_KINDS), default="other", show_default=True,
              help="For a place: settlement, country, region, feature or other.")
@click.option("--authorities", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=DEFAULT_DIR, show_default=True,
              help="The authority files to write the entry into.")
@_decision_options
@click.pass_context
def promote(ctx: click.Context, slug: str, new_slug: str, name_en: str | None,
            name_ru: str | None, place_kind: str, authorities: Path, kind: str | None,
            by: str | None, note: str | None) -> None:  # fmt: skip
    """A real person or place: make SLUG a curated entry NEW_SLUG, written into the
    authority files, so every later import keeps it."""
    from archive_db import curation

    d = _decide(ctx, lambda s: curation.promote(
        s, slug, new_slug, authorities, kind, name_en, name_ru, place_kind, by or _who(), note
    ))  # fmt: skip
    click.echo(
        f"promoted {d.kind} {d.slug} to {d.target}, written to {d.file}; its {d.links} links"
        f" in {d.documents} documents are now the curator's"
    )
