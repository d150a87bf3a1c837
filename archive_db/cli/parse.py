"""``archive-db parse FILE...``: show what the seed-file parser recognizes in each file."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from archive_db.cli import output
from archive_db.cli.app import main

if TYPE_CHECKING:
    from archive_db.seedfile.model import ParsedDocument


def _rows(doc: ParsedDocument) -> list[tuple[str, str]]:
    d = doc.date
    rows: list[tuple[str, str]] = [
        ("key", doc.key),
        ("position", str(doc.position)),
        ("volume", str(doc.volume)),
        ("title", doc.title),
        ("index title", str(doc.index_title)),
        ("kind", doc.kind),
        ("classification", str(doc.classification)),
        ("date", f"{d.text!r} header={d.header} {d.start}..{d.end} {d.precision} "
                 f"edtf={d.edtf} {d.certainty}"),
        ("provenance", f"{doc.provenance} ({doc.badge})"),
        ("file", f"crlf={doc.crlf} bom={doc.bom} final newline={doc.trailing_newline}"),
    ]
    for v in doc.versions:
        o = v.origin
        rows += [
            (f"[{v.language}] title", f"{v.title}  (line {v.heading_line})"),
            (f"[{v.language}] origin",
             f"{o.kind} {o.token} vol={o.volume} from={o.translated_from}"),
            (f"[{v.language}] body", f"line {v.body_line}, {len(v.body)} chars, sha256 {v.sha256}"),
            (f"[{v.language}] heading", f"source={v.source_line!r} date={v.printed_date!r}"),
            (f"[{v.language}] addressee", " / ".join(v.addressee_block)),
            (f"[{v.language}] classification", str(v.classification)),
            (f"[{v.language}] salutation", str(v.salutation)),
            (f"[{v.language}] closing", f"{v.closing_date!r} signed {v.signatures}"),
            (f"[{v.language}] postscript", str(v.postscript)),
            (f"[{v.language}] notes", " | ".join(v.notes)),
        ]
    for r in doc.archival_references:
        rows.append(("reference", f"{r.archive} ({r.archive_latin}) ф.{r.fond} оп.{r.opis} "
                                  f"{f'п.{r.papka} ' if r.papka else ''}"
                                  f"д.{r.delo} л.{r.folios} [{r.folio_start}-{r.folio_end}]"
                                  f"{' verso' if r.verso else ''}{' ibid' if r.ibid else ''} "
                                  f"{r.printed}"))
    for c in doc.citations:
        rows.append((f"citation ({c.role})",
                     f"{c.source_kind} {c.source} vol={c.volume} no={c.issue} year={c.year} "
                     f"pp={c.pages} {c.printed}"))
    for n in doc.names:
        if n.role != "mentioned":
            rows.append(("name", f"{n.text} — {n.role} {n.kind} [{n.language}] line {n.line}"))
    mentioned = sorted({n.text for n in doc.names if n.role == "mentioned"})
    rows.append(("mentioned", ", ".join(mentioned)))
    return rows


def _show(doc: ParsedDocument) -> None:
    """A box table on a terminal; piped, ``path``, then ``field<TAB>value`` lines as
    the other commands print, and a ``warning`` line for each warning."""
    rows = _rows(doc)
    if not output.on_terminal():
        click.echo(f"path\t{output.cell(doc.path)}")
        for key, value in rows:
            click.echo(f"{key}\t{output.cell(value)}")
        for w in doc.warnings:
            click.echo(f"warning\t{doc.path}:{w.line or '-'}: {w.code}: {w.message}")
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(highlight=False)
    table = Table(title=escape(doc.path), show_header=False, title_justify="left")
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for key, value in rows:
        table.add_row(escape(key), escape(value))  # "[ru]" is text, not markup
    console.print(table)
    for w in doc.warnings:
        where = escape(f"{doc.path}:{w.line or '-'}: {w.code}: {w.message}")
        console.print(f"[yellow]warning[/yellow] {where}")


@main.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line per file.")
def parse_command(files: tuple[str, ...], as_json: bool) -> None:
    """Parse seed FILES and show what was recognized, with every warning.

    Exits 1 when any file is rejected (its `path:line: reason` goes to stderr).
    """
    from archive_db.importer.recognize import not_a_seed_file
    from archive_db.seedfile import SeedFileError, parse_file, to_json_dict

    rejected = 0
    for path in files:
        try:
            doc = parse_file(path)
        except SeedFileError as e:
            click.echo(str(e), err=True)
            rejected += 1
            continue
        if (reason := not_a_seed_file(doc)) is not None:  # as the importer rejects it
            click.echo(f"{path}: error: {reason}", err=True)
            rejected += 1
            continue
        if as_json:
            sys.stdout.write(json.dumps(to_json_dict(doc), ensure_ascii=False) + "\n")
        else:
            _show(doc)
    if rejected:
        sys.exit(1)
