"""Which database: ``--database-url`` > ``$ARCHIVE_DB_URL`` > the embedded PostgreSQL.

One rule, used by the CLI, Alembic's ``env.py``, the library and the tests.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

URL_ENV = "ARCHIVE_DB_URL"


@dataclass(frozen=True, slots=True)
class ResolvedDatabase:
    url: URL
    origin: str  # "option", "environment" or "embedded"


def sqlalchemy_url(raw: str | URL) -> URL:
    """Parse a PostgreSQL URL and pin the psycopg 3 driver.

    Users write ``postgresql://...`` as libpq does; SQLAlchemy would pick psycopg2
    for that, which we do not depend on.
    """
    try:
        url = make_url(raw) if isinstance(raw, str) else raw
    except ArgumentError:
        raise ValueError(f"not a database URL: {raw!r}") from None
    if url.get_backend_name() != "postgresql":
        raise ValueError(f"not a PostgreSQL URL: {url.render_as_string(hide_password=True)}")
    if url.drivername != "postgresql+psycopg":
        url = url.set(drivername="postgresql+psycopg")
    return url


def libpq_url(url: URL) -> str:
    """The same URL as libpq (psql, psycopg.connect) spells it.

    Written out here because SQLAlchemy's rendering suits SQLAlchemy: it leaves a
    space or "+" of a password bare and writes a space of the query as "+", both of
    which libpq reads differently (options=-c lock_timeout=100 would break).
    """
    auth = ""
    if url.username is not None:
        auth = quote(url.username, safe="")
        if url.password is not None:
            auth += ":" + quote(str(url.password), safe="")
        auth += "@"
    host = url.host or ""
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    port = f":{url.port}" if url.port is not None else ""
    # Several hosts (?host=a&host=b) are one comma-separated value to libpq.
    pairs = {k: v if isinstance(v, str) else ",".join(v) for k, v in url.query.items()}
    query = f"?{urlencode(pairs, safe='/', quote_via=quote)}" if pairs else ""
    return f"postgresql://{auth}{host}{port}/{quote(url.database or '', safe='')}{query}"


def resolve(option: str | None = None) -> ResolvedDatabase:
    """Apply the rule. Starting the embedded server is the only side effect."""
    if option:
        return ResolvedDatabase(sqlalchemy_url(option), "option")
    if env := os.environ.get(URL_ENV):
        return ResolvedDatabase(sqlalchemy_url(env), "environment")
    from archive_db import embedded  # imported lazily: it loads the server wheel

    return ResolvedDatabase(sqlalchemy_url(embedded.ensure_running()), "embedded")


def describe(url: URL) -> str:
    """Where a URL points, for one-line messages: host:port/db or socket dir/db."""
    host = url.host or url.query.get("host") or "localhost"
    if isinstance(host, tuple):
        host = host[0]
    port = f":{url.port}" if url.port else ""
    return f"{host}{port}/{url.database or ''}"
