"""Results as JSON: the query layer's dataclasses, and any SQL value, as data
``json.dumps`` takes. Standard library only (the CLI's output uses it too).

``dataclasses.asdict()`` is not enough: it leaves dates, intervals and bytes, which
``json.dumps`` refuses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from decimal import Decimal
from typing import Any


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
    """``value`` (a result dataclass, a row, nested lists and dicts) as JSON-ready data:
    dates as ISO 8601 text, intervals as ISO 8601 durations, bytes as ``\\x`` hex."""
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


def to_json(value: object, **dumps: Any) -> str:
    """``value`` as JSON text: ``to_json(repo.document(key))``; keyword arguments go to
    :func:`json.dumps` (``indent=2``). Non-ASCII text stays as it is."""
    return json.dumps(jsonable(value), ensure_ascii=False, **dumps)
