"""Researcher commands: ``search``, ``show``, ``people``, ``places``, ``refs``, ``sql``
and ``grant-reader`` — a thin layer over :mod:`archive_db.repository`.

Tables are drawn with rich on a terminal; piped output is plain tab-separated text.
The repository, SQLAlchemy, psycopg and rich are imported by the commands that use
them, so that ``--help`` and each command load only what they need.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

import click

from archive_db.cli import output
from archive_db.cli.app import EXIT_PARTIAL, engine, main
from archive_db.vocab import DOCUMENT_KINDS, PERSON_ROLES, SEARCH_ORDERS

if TYPE_CHECKING:
    from rich.text import Text
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session

    from archive_db.repository import DocumentDetail, NameCount

LANG = click.Choice(["ru", "en"])
# The statement timeout of `sql`, in seconds (repository.readonly.DEFAULT_TIMEOUT_MS).
DEFAULT_TIMEOUT_S = 60.0
# Hits per page: a page of one-line hits fits a terminal.
DEFAULT_LIMIT = 20


# ---------------------------------------------------------------- output helpers


def _on_terminal() -> bool:
    return output.on_terminal()


def _json_line(obj: object) -> None:
    output.json_line(obj)


def _cell(value: object) -> str:
    return output.cell(value)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    output.table(headers, rows)


def _highlighted(snippet: str) -> Text:
    """A snippet with its ``[[hits]]`` in bold yellow, markers removed."""
    from rich.text import Text

    from archive_db.repository import HIGHLIGHT_START, HIGHLIGHT_STOP

    out = Text()
    rest = snippet
    while HIGHLIGHT_START in rest:
        before, _, after = rest.partition(HIGHLIGHT_START)
        hit, _, rest = after.partition(HIGHLIGHT_STOP)
        out.append(before)
        out.append(hit, style="bold yellow")
    out.append(rest)
    return out


@contextmanager
def _reading(ctx: click.Context) -> Iterator[Session]:
    """A session for reads, rolled back at the end; bad input becomes a usage error."""
    from sqlalchemy.orm import Session

    from archive_db.repository import InvalidQuery

    with Session(bind=engine(ctx)) as session:
        try:
            yield session
        except InvalidQuery as exc:
            raise click.UsageError(str(exc)) from None
        finally:
            session.rollback()


# ---------------------------------------------------------------- search


@main.command()
@click.argument("query")
@click.option("--lang", type=LANG, help="Search this language only (default: both).")
@click.option("--from", "date_from", metavar="DATE", help="From YYYY[-MM[-DD]] (overlap).")
@click.option("--to", "date_to", metavar="DATE", help="Up to YYYY[-MM[-DD]] (overlap).")
@click.option("--kind", type=click.Choice(DOCUMENT_KINDS), help="Kind of document.")
@click.option("--person", metavar="NAME", help="A person's slug or any form of the name.")
@click.option("--role", type=click.Choice(PERSON_ROLES), help="The person's role.")
@click.option("--place", metavar="NAME", help="A place's slug or any form of the name.")
@click.option("--archive", metavar="CODE", help="Archive code, Cyrillic or Latin (АП РФ, AP RF).")
@click.option("--fond", metavar="N")
@click.option("--opis", metavar="N")
@click.option("--delo", metavar="N")
@click.option("--source", metavar="S", help="Part of a source title (Вестник, Vestnik).")
@click.option(
    "--order",
    type=click.Choice(SEARCH_ORDERS),
    default="rank",
    show_default=True,
    help="rank: best first; date: oldest first, undated last (fast for common words).",
)
@click.option("--limit", type=click.IntRange(1, 200), default=DEFAULT_LIMIT, show_default=True)
@click.option("--cursor", metavar="C", help="Next page: the cursor printed by the last page.")
@click.option(
    "--json", "as_json", is_flag=True,
    help='The page as one JSON object: {"hits": [...], "next_cursor": ...}.',
)  # fmt: skip
@click.pass_context
def search(
    ctx: click.Context,
    query: str,
    lang: str | None,
    date_from: str | None,
    date_to: str | None,
    kind: str | None,
    person: str | None,
    role: str | None,
    place: str | None,
    archive: str | None,
    fond: str | None,
    opis: str | None,
    delo: str | None,
    source: str | None,
    order: str,
    limit: int,
    cursor: str | None,
    as_json: bool,
) -> None:
    """Full-text search of the current texts, best first (or in date order), with snippets.

    QUERY takes words (stemmed: Корея finds Кореи), "quoted phrases", `or` and
    -excluded words.
    """
    from archive_db import repository

    filters = repository.SearchFilters(
        language=lang, date_from=date_from, date_to=date_to, kind=kind, person=person,
        role=role, place=place, archive=archive, fond=fond, opis=opis, delo=delo,
        source=source,
    )  # fmt: skip
    with _reading(ctx) as session:
        page = repository.search(session, query, filters, limit=limit, cursor=cursor, order=order)
    if as_json:
        _json_line(page)  # the cursor is in it, so nothing goes to stderr
        return
    _table(
        ["rank", "key", "date", "lang", "title", "snippet"],
        [
            (f"{h.rank:.3f}", h.key, h.date_text or _cell(h.date_start), h.language,
             h.title, _highlighted(h.snippet) if _on_terminal() else h.snippet)
            for h in page.hits
        ],
    )  # fmt: skip
    if page.next_cursor:
        click.echo(f"more: --cursor {page.next_cursor}", err=True)


# ---------------------------------------------------------------- show


def _print_document(doc: DocumentDetail) -> None:
    click.echo(f"{doc.title}  [{doc.key}]")
    if doc.index_title:
        click.echo(doc.index_title)
    date = doc.date_text or "undated"
    if doc.date_start:
        span = doc.date_start.isoformat()
        if doc.date_end and doc.date_end != doc.date_start:
            span += f"..{doc.date_end.isoformat()}"
        date += f" ({span}, {doc.date_precision})"
    click.echo(f"date: {date}")
    click.echo(f"kind: {doc.kind}")
    if doc.classification:
        click.echo(f"classification: {doc.classification} ({doc.classification_text})")
    # role -> name -> forms as written, in order of appearance
    people: dict[str, dict[str, list[str]]] = {}
    for p in sorted(doc.people, key=lambda p: p.language != "ru"):
        forms = people.setdefault(p.role, {}).setdefault(p.preferred_name, [])
        if p.name_as_written not in forms:
            forms.append(p.name_as_written)
    places: dict[str, dict[str, list[str]]] = {}
    for pl in sorted(doc.places, key=lambda p: p.language != "ru"):
        forms = places.setdefault(pl.role, {}).setdefault(pl.preferred_name, [])
        if pl.name_as_written not in forms:
            forms.append(pl.name_as_written)
    for label, groups in (("", people), ("places, ", places)):
        for role, names in groups.items():
            listed = "; ".join(f"{name} ({', '.join(forms)})" for name, forms in names.items())
            click.echo(f"{label}{role}: {listed}")
    for ref in doc.references:
        click.echo(f"archive: {ref.readable}")
    for c in doc.citations:
        click.echo(f"published ({c.role}): {c.printed_ru or c.printed_en or c.source_title}")
    for v in doc.versions:
        click.echo()
        click.echo(f"--- {v.language} · {v.origin} ({v.origin_kind}) · revision {v.revision}")
        click.echo(v.title)
        click.echo()
        click.echo(v.body)


@main.command()
@click.argument("key")
@click.option("--lang", type=LANG, help="Show the text in this language only.")
@click.option("--json", "as_json", is_flag=True, help="The document as one JSON object.")
@click.pass_context
def show(ctx: click.Context, key: str, lang: str | None, as_json: bool) -> None:
    """A document with its metadata and its current texts."""
    from archive_db import repository
    from archive_db.repository import DocumentNotFound

    with _reading(ctx) as session:
        try:
            doc = repository.get_document(session, key, language=lang)
        except DocumentNotFound as exc:
            raise click.ClickException(str(exc)) from None
    if as_json:
        _json_line(doc)
    else:
        _print_document(doc)


# ---------------------------------------------------------------- people, places, refs


@main.command()
@click.option("--role", type=click.Choice(PERSON_ROLES), help="Count documents in this role.")
@click.option("--limit", type=click.IntRange(1), help="At most this many people.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per person.")
@click.pass_context
def people(ctx: click.Context, role: str | None, limit: int | None, as_json: bool) -> None:
    """People with the number of documents they take part in, most first."""
    from archive_db import repository

    with _reading(ctx) as session:
        rows = repository.people(session, role=role, limit=limit)
    _name_counts(rows, as_json)


@main.command()
@click.option("--limit", type=click.IntRange(1), help="At most this many places.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per place.")
@click.pass_context
def places(ctx: click.Context, limit: int | None, as_json: bool) -> None:
    """Places with the number of documents naming them, most first."""
    from archive_db import repository

    with _reading(ctx) as session:
        rows = repository.places(session, limit=limit)
    _name_counts(rows, as_json)


def _name_counts(rows: Sequence[NameCount], as_json: bool) -> None:
    if as_json:
        for row in rows:
            _json_line(row)
        return
    _table(
        ["documents", "slug", "name", "name_ru"],
        [(r.documents, r.slug, r.preferred_name, r.preferred_name_ru) for r in rows],
    )


@main.command()
@click.argument("archive")
@click.argument("fond", required=False)
@click.argument("opis", required=False)
@click.argument("delo", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per reference.")
@click.pass_context
def refs(
    ctx: click.Context,
    archive: str,
    fond: str | None,
    opis: str | None,
    delo: str | None,
    as_json: bool,
) -> None:
    """Documents kept in ARCHIVE (Cyrillic or Latin code), narrowed to a fond, opis
    and delo, in folio order."""
    from archive_db import repository

    with _reading(ctx) as session:
        if repository.find_archive(session, archive) is None:
            raise click.ClickException(f"no archive with code {archive!r}")
        rows = repository.references(session, archive, fond, opis, delo)
    if as_json:
        for row in rows:
            _json_line(row)
        return
    _table(
        ["fond", "opis", "delo", "folios", "key", "date", "title"],
        [(r.fond, r.opis, r.delo, r.folios, r.key, r.date_text or r.date_start, r.title)
         for r in rows],
    )  # fmt: skip


# ---------------------------------------------------------------- sql


# A table drawn on a terminal is cut after this many rows (a pipe gets every row).
TERMINAL_ROWS = 1000
# statement_timeout is a 32-bit count of milliseconds.
MAX_TIMEOUT = (2**31 - 1) / 1000


def _sql_output(columns: Sequence[str], rows: Iterator[Sequence[Any]], fmt: str) -> None:
    """Each row printed as it comes, so memory stays flat with the result's size. The
    first row is fetched before anything is printed: a statement that fails at once
    prints its one line only."""
    import itertools

    first = next(rows, None)
    rows = rows if first is None else itertools.chain([first], rows)
    if fmt == "json":
        for row in rows:
            _json_line(dict(zip(columns, row, strict=True)))
    elif fmt == "csv":
        output.write_csv(columns, rows)  # values whole: CSV quotes line breaks and tabs
    elif _on_terminal():
        shown = list(itertools.islice(rows, TERMINAL_ROWS + 1))
        _table(columns, shown[:TERMINAL_ROWS])
        if len(shown) > TERMINAL_ROWS:
            click.echo(
                f"… only the first {TERMINAL_ROWS} rows are drawn on a terminal; "
                "pipe the output (or --format csv > FILE) for all of them",
                err=True,
            )
    else:
        _table(columns, rows)  # piped: tab-separated lines, one a row as it comes


def _timeout(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not 0.001 <= value <= MAX_TIMEOUT:  # also false for nan
        raise click.BadParameter(f"{value:g} is not a number of seconds from 0.001 to "
                                 f"{MAX_TIMEOUT:.0f}")  # fmt: skip
    return value


def _sql_error(exc: BaseException) -> str:
    """PostgreSQL's message with its HINT (``Perhaps you meant …``); several statements
    in one string said plainly."""
    from archive_db.errors import first_line

    orig = getattr(exc, "orig", None) or exc
    message = first_line(orig)
    if "cannot insert multiple commands into a prepared statement" in message:
        return "one statement at a time: archive-db sql runs a single SQL statement"
    hint = getattr(getattr(orig, "diag", None), "message_hint", None)
    return f"SQL error: {message}" + (f" (HINT: {hint})" if hint else "")


@main.command("sql")
@click.argument("statement")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
    show_default=True, help="json: one object per row.",
)  # fmt: skip
@click.option(
    "--timeout", type=float, callback=_timeout, default=DEFAULT_TIMEOUT_S,
    show_default=True, help="Cancel the statement (each batch of rows) after this many seconds.",
)  # fmt: skip
@click.pass_context
def sql_command(ctx: click.Context, statement: str, fmt: str, timeout: float) -> None:
    """Run one SQL statement in a READ ONLY transaction: it can read every table and
    view but change nothing. A superuser's URL is not used for the statement itself:
    archive-db logs in as a member of the reader group archive_db_sql made for this
    run, and drops it afterwards. Rows are printed as they come."""
    import psycopg
    from sqlalchemy.exc import DBAPIError

    from archive_db import repository
    from archive_db.errors import first_line
    from archive_db.repository.readonly import SuperuserRefused

    with _reader_engine(engine(ctx)) as db_engine, db_engine.connect() as conn:
        try:
            result = repository.stream_read_only(
                conn, statement, timeout_ms=round(timeout * 1000)
            )
            if result.columns:
                _sql_output(result.columns, result.rows, fmt)
            else:
                click.echo(result.status or "")
        except SuperuserRefused as exc:
            _fail(f"refused: {exc}")
        except psycopg.errors.ReadOnlySqlTransaction:
            _fail("refused: archive-db sql is read-only; it runs in a READ ONLY transaction, "
                  "so INSERT, UPDATE, DELETE and DDL are not allowed")  # fmt: skip
        except psycopg.errors.InsufficientPrivilege as exc:
            _fail(f"refused: {first_line(exc)} (archive-db sql reads only)")
        except psycopg.errors.QueryCanceled as exc:
            if "statement timeout" in str(exc):
                _fail(f"cancelled: the statement ran longer than {timeout:g} s (--timeout)")
            _fail(f"cancelled: {first_line(exc)}")
        except (psycopg.Error, DBAPIError) as exc:
            _fail(_sql_error(exc))
        finally:
            _end(conn)


def _end(conn: Connection) -> None:
    """Roll back; a connection left mid-COPY or broken is closed instead."""
    import psycopg
    from sqlalchemy.exc import DBAPIError

    try:
        conn.rollback()
    except (psycopg.Error, DBAPIError):
        conn.invalidate()


@contextmanager
def _reader_engine(db_engine: Engine) -> Iterator[Engine]:
    """The engine to run researchers' SQL on: this one, unless its login has a
    superuser's powers; then one logging in as a member of the reader group made for
    this run (see reader_login), disposed and dropped on exit. A login with an owner's
    or writer's powers but no superuser's is refused: it could end a running import."""
    import psycopg
    from sqlalchemy.exc import DBAPIError

    from archive_db.db import DatabaseUnavailable, check_connection, make_engine
    from archive_db.errors import first_line
    from archive_db.repository.readonly import (
        SQL_READER,
        extra_powers,
        has_server_powers,
        reader_login,
    )

    with db_engine.connect() as conn:
        powerful = has_server_powers(conn)
        extra = None if powerful else extra_powers(conn)
    if extra is not None:
        # Only a superuser can make a login of the run's own; an owner's URL never
        # runs the statement (it could end a running import, or write).
        _fail(
            f"refused: the URL's role {extra}, and archive-db sql runs only as a reader; use "
            "the URL of a role made with `archive-db grant-reader ROLE --password ...` (or a "
            "superuser's, from which each run makes a reader login of its own)"
        )
    if not powerful:
        yield db_engine
        return
    with ExitStack() as stack:
        try:
            url = stack.enter_context(reader_login(db_engine))
        # ValueError: the group itself is refused as a reader (grant_reader's refusal).
        except (psycopg.Error, DBAPIError, ValueError) as exc:
            reason = first_line(exc)
            _fail(f"refused: the URL's role has a superuser's powers and cannot make a login "
                  f"in the reader group {SQL_READER} ({reason}); use the URL of a role made "
                  "with `archive-db grant-reader ROLE --password ...`")  # fmt: skip
        reader = make_engine(url)
        stack.callback(reader.dispose)  # before reader_login drops the login
        try:
            check_connection(reader)
        except DatabaseUnavailable as exc:
            _fail(f"refused: the URL logs in as a superuser, and this run's login in the "
                  f"reader group {SQL_READER} cannot connect ({exc.reason}); use the URL of "
                  "a role made with `archive-db grant-reader ROLE --password ...`")  # fmt: skip
        yield reader


def _fail(message: str) -> NoReturn:
    click.echo(f"archive-db sql: {message}", err=True)
    sys.exit(EXIT_PARTIAL)


# ---------------------------------------------------------------- grant-reader


@main.command("grant-reader")
@click.argument("role")
@click.option(
    "--password", envvar="ARCHIVE_DB_READER_PASSWORD", default=None,
    help="Let the role log in with this password (or $ARCHIVE_DB_READER_PASSWORD). "
    "Without it a new role is NOLOGIN, to be granted to people.",
)  # fmt: skip
@click.pass_context
def grant_reader(ctx: click.Context, role: str, password: str | None) -> None:
    """Create or update ROLE so that it can read every table and view, now and
    later, and change nothing."""
    import psycopg
    from sqlalchemy.exc import DBAPIError

    from archive_db import repository
    from archive_db.errors import first_line

    try:
        with engine(ctx).begin() as conn:
            created, missing = repository.grant_reader(conn, role, password)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    except (psycopg.Error, DBAPIError) as exc:
        raise click.ClickException(first_line(exc)) from None
    login = "LOGIN" if password is not None else ("NOLOGIN" if created else "login unchanged")
    click.echo(f"{'created' if created else 'updated'} read-only role {role} ({login})")
    for line in missing:
        click.echo(f"archive-db grant-reader: warning: {line}", err=True)
