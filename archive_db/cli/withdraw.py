"""``archive-db withdraw KEY --reason ...``: take a document out of the archive."""

from __future__ import annotations

import click

from archive_db.cli.app import EXIT_PARTIAL, engine, fail, main


@main.command("withdraw")
@click.argument("key")
@click.option("--reason", required=True, help="Why it is withdrawn (kept on record).")
@click.pass_context
def withdraw_command(ctx: click.Context, key: str, reason: str) -> None:
    """Withdraw the document KEY: it leaves every table, view and search, and is kept
    in withdrawn_documents (as `show --json` gives it, with the reason, time and
    role). The next import of its volume skips it; `import --readd-withdrawn` adds
    it again."""
    from archive_db.db import session_scope
    from archive_db.repository import DocumentNotFound
    from archive_db.withdrawal import WithdrawalRefused, withdraw

    try:
        with session_scope(engine(ctx)) as session:
            done = withdraw(session, key, reason)
    except DocumentNotFound as exc:
        fail(str(exc), EXIT_PARTIAL)
    except WithdrawalRefused as exc:
        fail(f"not withdrawn: {exc}")
    click.echo(
        f"withdrew {done.key} ({done.title}); on record in withdrawn_documents (id {done.id}); "
        "the next import skips it (--readd-withdrawn adds it again)"
    )
