"""researcher views: document_overview, document_texts, document_people_roles, archival_files

Revision ID: 95d0c0d6ce99
Revises: 8efc242ad271
Create Date: 2026-11-26 23:55:00.000000

Hand-written: views are not in the models' metadata, so autogenerate neither makes
nor checks them. Each view and its less obvious columns carry a COMMENT, shown by
``psql \\d+``.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "95d0c0d6ce99"
down_revision: str | None = "8efc242ad271"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# 'АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67'; a reference whose archive was not
# recognized falls back to its print.
REFERENCE_SQL = """CASE WHEN a.id IS NULL
        THEN rtrim(coalesce(r.printed_ru, r.printed_en), '.')
        ELSE concat_ws('. ', a.code, 'Ф. ' || r.fond, 'Оп. ' || r.opis, 'Д. ' || r.delo,
                       'Л. ' || r.folios) END"""

VIEWS = {
    "document_overview": f"""
SELECT
    d.id AS document_id,
    d.key,
    d.volume,
    d.position,
    d.kind,
    d.date_text,
    d.date_start,
    d.date_end,
    d.date_precision,
    d.classification,
    (SELECT v.title FROM document_versions v
      WHERE v.document_id = d.id AND v.is_current AND v.language = 'ru'
      ORDER BY v.origin_kind <> 'volume', v.origin LIMIT 1) AS title_ru,
    (SELECT v.title FROM document_versions v
      WHERE v.document_id = d.id AND v.is_current AND v.language = 'en'
      ORDER BY v.origin_kind <> 'volume', v.origin LIMIT 1) AS title_en,
    (SELECT string_agg(v.language || ':' || v.origin || ' (' || v.origin_kind || ')', ', '
                       ORDER BY v.language DESC, v.origin)
       FROM document_versions v
      WHERE v.document_id = d.id AND v.is_current) AS texts,
    (SELECT string_agg(DISTINCT p.preferred_name, '; ')
       FROM document_people dp JOIN people p ON p.id = dp.person_id
      WHERE dp.document_id = d.id AND dp.role = 'author') AS author,
    (SELECT string_agg(DISTINCT p.preferred_name, '; ')
       FROM document_people dp JOIN people p ON p.id = dp.person_id
      WHERE dp.document_id = d.id AND dp.role = 'addressee') AS addressees,
    (SELECT string_agg({REFERENCE_SQL}, '; ' ORDER BY r.position)
       FROM archival_references r LEFT JOIN archives a ON a.id = r.archive_id
      WHERE r.document_id = d.id) AS archival_references,
    (SELECT string_agg(coalesce(rtrim(c.printed_ru, '.'),
                                concat_ws('. ', s.title, 'Т. ' || s.volume, s.year::text,
                                          '№ ' || s.issue, 'С. ' || c.pages)),
                       '; ' ORDER BY c.position)
       FROM citations c JOIN sources s ON s.id = c.source_id
      WHERE c.document_id = d.id) AS citations
FROM documents d""",
    "document_texts": """
SELECT
    d.id AS document_id,
    v.id AS version_id,
    d.key,
    d.date_start,
    v.language,
    v.origin,
    v.origin_kind,
    v.title,
    v.body,
    v.sha256,
    v.revision,
    v.search_vector
FROM document_versions v
JOIN documents d ON d.id = v.document_id
WHERE v.is_current""",
    "document_people_roles": """
SELECT
    d.id AS document_id,
    p.id AS person_id,
    d.key,
    d.date_text,
    d.date_start,
    p.slug AS person,
    p.preferred_name,
    p.preferred_name_ru,
    dp.role,
    dp.name_as_written,
    dp.language
FROM document_people dp
JOIN documents d ON d.id = dp.document_id
JOIN people p ON p.id = dp.person_id""",
    "archival_files": """
SELECT
    a.code AS archive,
    a.code_latin AS archive_latin,
    r.fond,
    r.opis,
    r.delo,
    concat_ws('. ', a.code, 'Ф. ' || r.fond, 'Оп. ' || r.opis, 'Д. ' || r.delo) AS reference,
    count(DISTINCT r.document_id) AS documents,
    array_agg(d.key ORDER BY r.folio_start NULLS LAST, d.key) AS keys,
    min(d.date_start) AS date_from,
    max(d.date_end) AS date_to
FROM archival_references r
JOIN archives a ON a.id = r.archive_id
JOIN documents d ON d.id = r.document_id
GROUP BY a.id, a.code, a.code_latin, r.fond, r.opis, r.delo""",
}

COMMENTS = {
    "document_overview": (
        "One row per document: its date, kind, titles in both languages, author, "
        "addressees, archival references and citations as readable strings.",
        {
            "key": "Stable key of the document (the hex part of its seed file name).",
            "title_ru": "Title of the current Russian text (printed before translated).",
            "title_en": "Title of the current English text (printed before translated).",
            "texts": "The current texts as language:origin (origin kind), e.g. "
            "ru:tom18 (volume), en:AI (machine_translation).",
            "author": "Preferred names of the authors, ; separated.",
            "addressees": "Preferred names of the addressees, ; separated.",
            "archival_references": "Where the originals are kept, in the Russian style: "
            "АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67; several are ; separated.",
            "citations": "Where the document is published, as printed in Russian "
            "(Вестник. 1996. № 1. С. 132–133), ; separated.",
        },
    ),
    "document_texts": (
        "The current text of each document in each language and origin "
        "(older revisions are in document_versions).",
        {
            "origin": "Provenance: tom18 (printed in volume 18), AI (machine translation).",
            "revision": "1 for the first import; higher when the text changed since.",
            "search_vector": "Stemmed full-text index: search with "
            "search_vector @@ websearch_to_tsquery('russian', '...') and language = 'ru'.",
        },
    ),
    "document_people_roles": (
        "Who takes part in which document and how, with the name as the text writes it.",
        {
            "person": "Slug of the person (stalin, kim-il-sung).",
            "role": "author, signatory, addressee, intermediary, recipient or mentioned.",
            "name_as_written": "The name exactly as the text writes it (Фын Си, Ким Ир Сена).",
            "language": "Language of the text the name was found in.",
        },
    ),
    "archival_files": (
        "One row per archival file (archive, fond, opis, delo): how many documents "
        "it holds, their keys in folio order and their date range.",
        {
            "reference": "The file in the Russian style: АП РФ. Ф. 45. Оп. 1. Д. 347.",
            "documents": "Number of documents with a reference into this file.",
            "keys": "Document keys in folio order.",
            "date_from": "Earliest date_start of its documents.",
            "date_to": "Latest date_end of its documents.",
        },
    ),
}


def _literal(text: str) -> str:
    # Constants of this file only; COMMENT ON takes no bind parameters.
    return "'" + text.replace("'", "''") + "'"


def upgrade() -> None:
    for name, query in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {query}")
        comment, columns = COMMENTS[name]
        op.execute(f"COMMENT ON VIEW {name} IS {_literal(comment)}")
        for column, text in columns.items():
            op.execute(f"COMMENT ON COLUMN {name}.{column} IS {_literal(text)}")


def downgrade() -> None:
    for name in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {name}")
