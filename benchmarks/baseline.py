"""The COPY limit: the corpus's version texts COPYed over one connection into a
table with the same generated tsvector column, GIN index and compression as
document_versions.

Nothing else is written and nothing is parsed while the clock runs (the texts are
read beforehand), so this is what the server can take in per connection; an import
cannot beat it with one connection, since computing ``to_tsvector`` dominates.
"""

from __future__ import annotations

import time
from pathlib import Path

import psycopg
from sqlalchemy.engine import URL

from archive_db.config import libpq_url
from archive_db.importer.discover import SeedPath, discover
from archive_db.models.documents import SEARCH_VECTOR_SQL
from archive_db.seedfile import parse_bytes

TABLE = "bench_copy_limit"
_DDL = f"""
CREATE TABLE {TABLE} (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_key text NOT NULL,
    language varchar(8) NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS ({SEARCH_VECTOR_SQL}) STORED
);
CREATE INDEX ix_{TABLE}_search_vector ON {TABLE} USING gin (search_vector);
"""
# The same columns store the same way: document_versions' compression (lz4 where the
# server has it, revision ba935dd27547) is copied, so it does not count for the import.
_SAME_COMPRESSION = f"""
DO $$
DECLARE c record;
BEGIN
    FOR c IN SELECT attname, attcompression FROM pg_attribute
             WHERE attrelid = 'document_versions'::regclass AND attcompression <> ''
               AND attname IN ('title', 'body', 'search_vector') LOOP
        EXECUTE format('ALTER TABLE {TABLE} ALTER COLUMN %I SET COMPRESSION %s', c.attname,
                       CASE c.attcompression WHEN 'l' THEN 'lz4' ELSE 'pglz' END);
    END LOOP;
END
$$
"""

Texts = list[list[tuple[str, str, str, str]]]  # batches of (key, language, title, body)


def read_texts(corpus: Path, batch_size: int = 100) -> Texts:
    """The version texts of every file, parsed before the clock starts."""
    batches: Texts = []
    docs = 0
    for item in discover([corpus]):
        if not isinstance(item, SeedPath):
            continue
        doc = parse_bytes(item.path.read_bytes(), str(item.path))
        if docs % batch_size == 0:
            batches.append([])
        docs += 1
        batches[-1] += [(doc.key, v.language, v.title, v.body) for v in doc.versions]
    return batches


def copy_limit(url: URL, texts: Texts) -> float:
    """Seconds to COPY ``texts`` into a fresh limit table, one transaction per batch."""
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {TABLE}")
        conn.execute(_DDL)
        conn.execute(_SAME_COMPRESSION)
        started = time.perf_counter()
        for batch in texts:
            with (
                conn.transaction(),
                conn.cursor().copy(
                    f"COPY {TABLE} (document_key, language, title, body) FROM STDIN"
                ) as copy,
            ):
                for row in batch:
                    copy.write_row(row)
        seconds = time.perf_counter() - started
        conn.execute(f"DROP TABLE {TABLE}")
    return seconds
