"""How command results are written: tables on a terminal, tab-separated lines when
piped, CSV and JSON. Standard library only; rich is loaded when a table is drawn."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import sys
import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import click

# Columns that hold identifiers to copy into another command: never cut on a terminal.
WHOLE_COLUMNS = frozenset({"key", "slug", "rank", "date", "lang", "fond", "opis", "delo",
                           "folios", "documents"})  # fmt: skip
# Free text: one line each on a terminal, cut with … (the full text: piped, --json, show).
ONE_LINE_COLUMNS = frozenset({"title", "snippet", "name", "name_ru"})


def on_terminal() -> bool:
    return sys.stdout.isatty()


def iso_duration(value: dt.timedelta) -> str:
    """ISO 8601: ``P1D``, ``PT1H30M``, ``-PT0.5S``, ``PT0S``."""
    sign = "-" if value < dt.timedelta(0) else ""
    value = abs(value)
    days, seconds, micro = value.days, value.seconds, value.microseconds
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    out = f"{sign}P{days}D" if days else f"{sign}P"
    time = ""
    if hours:
        time += f"{hours}H"
    if minutes:
        time += f"{minutes}M"
    if secs or micro:
        time += f"{secs}.{micro:06d}".rstrip("0").rstrip(".") + "S"
    if time:
        out += "T" + time
    return out if out not in ("P", "-P") else "PT0S"


def scalar(value: object) -> object:
    """A value JSON can hold as it is, or its text: ISO 8601 for dates, times and
    intervals, PostgreSQL's hex form (``\\x0aff``) for bytes."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return iso_duration(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return "\\x" + bytes(value).hex()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value


def jsonable(value: object) -> Any:
    """``value`` (a result dataclass, a row, nested lists and dicts) as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    value = scalar(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


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


def write_csv(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[text(v) for v in row] for row in rows])
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
