"""Database URLs as the user writes them, as SQLAlchemy keeps them, as libpq reads them."""

from __future__ import annotations

import pytest
from psycopg.conninfo import conninfo_to_dict

from archive_db.config import libpq_url, sqlalchemy_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@db.example/archive", {"user": "u", "host": "db.example"}),
        (
            "postgresql://u:p%2Bq%40r%20s@h:5433/archive",
            {"user": "u", "password": "p+q@r s", "host": "h", "port": "5433"},
        ),
        (
            "postgresql://postgres@/archive?host=/var/run/postgresql",
            {"user": "postgres", "host": "/var/run/postgresql"},
        ),
        (
            "postgresql://u@h/archive?options=-c%20lock_timeout%3D100&sslmode=prefer",
            {"options": "-c lock_timeout=100", "sslmode": "prefer"},
        ),
        ("postgresql://u@h/archive?application_name=a%2Bb", {"application_name": "a+b"}),
    ],
)
def test_libpq_reads_what_the_user_wrote(given: str, expected: dict[str, str]) -> None:
    parsed = conninfo_to_dict(libpq_url(sqlalchemy_url(given)))
    assert parsed["dbname"] == "archive"
    assert {k: parsed.get(k) for k in expected} == expected


def test_ipv6_and_several_hosts() -> None:
    parsed = conninfo_to_dict(libpq_url(sqlalchemy_url("postgresql://u@[::1]:5433/archive")))
    assert (parsed["host"], parsed["port"]) == ("::1", "5433")
    several = sqlalchemy_url("postgresql://u@/archive?host=a&host=b&port=1&port=2")
    parsed = conninfo_to_dict(libpq_url(several))
    assert (parsed["host"], parsed["port"]) == ("a,b", "1,2")
