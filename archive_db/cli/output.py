"""How command results are written: tables on a terminal, tab-separated lines when
piped, CSV and JSON. Standard library only; rich is loaded when a table is drawn."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence

import click

from archive_db.jsonable import iso_duration, jsonable, scalar

__all__ = ["cell", "iso_duration", "json_line", "on_terminal", "table", "text", "write_csv"]

# Columns that hold identifiers to copy into another command: never cut on a terminal.
WHOLE_COLUMNS = frozenset({"key", "slug", "rank", "date", "lang", "fond", "opis", "delo",
                           "folios", "documents"})  # fmt: skip
# Free text: one line each on a terminal, cut with … (the full text: piped, --json, show).
ONE_LINE_COLUMNS = frozenset({"title", "snippet", "name", "name_ru"})


def on_terminal() -> bool:
    return sys.stdout.isatty()


def json_line(obj: object) -> None:
    click.echo(json.dumps(jsonable(obj), ensure_ascii=False))


def text(value: object) -> str:
    """A value as text, whole (CSV quotes what needs quoting)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(jsonable(value), ensure_ascii=False)
    return str(scalar(value))


def cell(value: object) -> str:
    """A value in a tab-separated line or a table cell: tabs and line breaks would
    break the line, so they become spaces here (CSV and JSON keep them)."""
    return text(value).replace("\t", " ").replace("\r\n", " ").replace("\n", " ")


def write_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """CSV with a header, written as the rows come (a few hundred at a time), so memory
    stays flat with the result's size."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for n, row in enumerate(rows, 1):
        writer.writerow([text(v) for v in row])
        if n % 500 == 0:
            click.echo(buffer.getvalue(), nl=False)
            buffer.seek(0)
            buffer.truncate()
    click.echo(buffer.getvalue(), nl=False)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A rich table on a terminal, tab-separated lines (with a header) when piped.
    A cell may be a ``rich.text.Text`` (highlighted); piped, its plain text is used."""
    if on_terminal():
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        # Free-text columns share what the whole ones leave (expand: rich gives a
        # ratio column its share only then).
        grid = Table(show_lines=False, expand=any(h in ONE_LINE_COLUMNS for h in headers))
        for i, header in enumerate(headers):
            if header in WHOLE_COLUMNS:
                widest = max([len(header)] + [len(getattr(r[i], "plain", None) or cell(r[i]))
                                              for r in rows])  # fmt: skip
                grid.add_column(header, no_wrap=True, min_width=widest)
            elif header in ONE_LINE_COLUMNS:
                share = 2 if header == "snippet" else 1
                grid.add_column(header, no_wrap=True, overflow="ellipsis", ratio=share)
            else:
                grid.add_column(header)
        for row in rows:
            grid.add_row(*(c if isinstance(c, Text) else Text(cell(c)) for c in row))
        Console(highlight=False, soft_wrap=False).print(grid)
        return
    click.echo("\t".join(headers))
    for row in rows:
        click.echo("\t".join(getattr(c, "plain", None) or cell(c) for c in row))
