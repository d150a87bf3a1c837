"""archive schema

Revision ID: 8efc242ad271
Revises:
Create Date: 2026-11-26 23:34:42.341923
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "8efc242ad271"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "archives",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key; stable within this database only.",
        ),
        sa.Column(
            "code",
            sa.Text(),
            nullable=False,
            comment="Code in Cyrillic as printed in Russian references (АП РФ).",
        ),
        sa.Column(
            "code_latin", sa.Text(), nullable=True, comment="Code in Latin transliteration (AP RF)."
        ),
        sa.Column(
            "name_ru",
            sa.Text(),
            nullable=True,
            comment="Full name in Russian (Архив Президента Российской Федерации).",
        ),
        sa.Column(
            "name_en",
            sa.Text(),
            nullable=True,
            comment="Full name in English (Archive of the President of the Russian Federation).",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was written.",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_archives")),
        sa.UniqueConstraint("code", name=op.f("uq_archives_code")),
        sa.UniqueConstraint("code_latin", name=op.f("uq_archives_code_latin")),
        comment="Archives that hold the originals, with their codes in both scripts.",
    )
    op.create_table(
        "import_runs",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key; stable within this database only.",
        ),
        sa.Column(
            "started_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When the run began.",
        ),
        sa.Column(
            "finished_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="When the run ended; NULL while running or if it was killed.",
        ),
        sa.Column(
            "status",
            sa.Text(),
            server_default="running",
            nullable=False,
            comment="running, succeeded, partial (some files rejected) or failed.",
        ),
        sa.Column(
            "paths",
            postgresql.ARRAY(sa.Text()),
            nullable=False,
            comment="Paths given to the import.",
        ),
        sa.Column(
            "dry_run",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
            comment="True for --dry-run: nothing else was written.",
        ),
        sa.Column("hostname", sa.Text(), nullable=True, comment="Machine the run ran on."),
        sa.Column("pid", sa.BigInteger(), nullable=True, comment="Process id of the run."),
        sa.Column("tool_version", sa.Text(), nullable=True, comment="archive-db version."),
        sa.Column(
            "files_seen",
            sa.BigInteger(),
            server_default="0",
            nullable=False,
            comment="Seed files found.",
        ),
        sa.Column(
            "documents_added",
            sa.BigInteger(),
            server_default="0",
            nullable=False,
            comment="New documents.",
        ),
        sa.Column(
            "documents_updated",
            sa.BigInteger(),
            server_default="0",
            nullable=False,
            comment="Documents with a new revision of some text.",
        ),
        sa.Column(
            "documents_unchanged",
            sa.BigInteger(),
            server_default="0",
            nullable=False,
            comment="Documents whose texts were already current.",
        ),
        sa.Column(
            "files_rejected",
            sa.BigInteger(),
            server_default="0",
            nullable=False,
            comment="Files that could not be imported (see import_messages).",
        ),
        sa.Column(
            "warnings",
            sa.BigInteger(),
            server_default="0",
            nullable=False,
            comment="Warnings reported.",
        ),
        sa.CheckConstraint(
            "status IN ('running', 'succeeded', 'partial', 'failed')",
            name=op.f("ck_import_runs_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_runs")),
        comment="Every run of archive-db import: when, what, and how it ended. A run left 'running' with no finished_at was interrupted.",
    )
    op.create_table(
        "people",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key; stable within this database only.",
        ),
        sa.Column(
            "slug",
            sa.Text(),
            nullable=False,
            comment="Stable handle of the authority entry (stalin, kim-il-sung).",
        ),
        sa.Column(
            "preferred_name",
            sa.Text(),
            nullable=False,
            comment="Display name, English form (Joseph Stalin).",
        ),
        sa.Column(
            "preferred_name_ru",
            sa.Text(),
            nullable=True,
            comment="Display name, Russian form (Иосиф Виссарионович Сталин).",
        ),
        sa.Column(
            "authority_scheme",
            sa.Text(),
            nullable=True,
            comment="Authority the id belongs to, e.g. wikidata.",
        ),
        sa.Column(
            "authority_id",
            sa.Text(),
            nullable=True,
            comment="Identifier in that authority, e.g. the Wikidata QID Q855.",
        ),
        sa.Column(
            "provisional",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
            comment="True when created by an import for a name no authority entry knows.",
        ),
        sa.Column("note", sa.Text(), nullable=True, comment="Curator's note."),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was written.",
        ),
        sa.CheckConstraint(
            "(authority_scheme IS NULL) = (authority_id IS NULL)",
            name=op.f("ck_people_authority_pair"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint(
            "authority_scheme", "authority_id", name=op.f("uq_people_authority_scheme_authority_id")
        ),
        sa.UniqueConstraint("slug", name=op.f("uq_people_slug")),
        comment="People: from the curated authority files, or provisional when first met as an unknown addressee or signatory.",
    )
    op.create_table(
        "places",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key; stable within this database only.",
        ),
        sa.Column(
            "slug",
            sa.Text(),
            nullable=False,
            comment="Stable handle of the authority entry (pyongyang).",
        ),
        sa.Column(
            "preferred_name", sa.Text(), nullable=False, comment="Display name, English form."
        ),
        sa.Column(
            "preferred_name_ru", sa.Text(), nullable=True, comment="Display name, Russian form."
        ),
        sa.Column(
            "kind",
            sa.Text(),
            server_default="other",
            nullable=False,
            comment="settlement, country, region, feature or other.",
        ),
        sa.Column(
            "authority_scheme",
            sa.Text(),
            nullable=True,
            comment="Authority the id belongs to, e.g. wikidata.",
        ),
        sa.Column(
            "authority_id",
            sa.Text(),
            nullable=True,
            comment="Identifier in that authority, e.g. Q18808 for Pyongyang.",
        ),
        sa.Column(
            "provisional",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
            comment="True when created by an import for a name no authority entry knows.",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was written.",
        ),
        sa.CheckConstraint(
            "kind IN ('settlement', 'country', 'region', 'feature', 'other')",
            name=op.f("ck_places_kind"),
        ),
        sa.CheckConstraint(
            "(authority_scheme IS NULL) = (authority_id IS NULL)",
            name=op.f("ck_places_authority_pair"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
        sa.UniqueConstraint(
            "authority_scheme", "authority_id", name=op.f("uq_places_authority_scheme_authority_id")
        ),
        sa.UniqueConstraint("slug", name=op.f("uq_places_slug")),
        comment="Places: cities, countries, regions and features such as the 38th parallel.",
    )
    op.create_table(
        "sources",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key; stable within this database only.",
        ),
        sa.Column(
            "kind",
            sa.Text(),
            nullable=False,
            comment="collected_works, journal, newspaper, book or other.",
        ),
        sa.Column(
            "title",
            sa.Text(),
            nullable=False,
            comment="Title in Russian as cited (Вестник Архива Президента Российской Федерации).",
        ),
        sa.Column(
            "title_latin",
            sa.Text(),
            nullable=True,
            comment="Title as the English version cites it (Vestnik).",
        ),
        sa.Column("authors", sa.Text(), nullable=True, comment="Authors of a book, as printed."),
        sa.Column("volume", sa.Text(), nullable=True, comment="Volume (Т. 18)."),
        sa.Column("issue", sa.Text(), nullable=True, comment="Issue number (№ 1)."),
        sa.Column("year", sa.SmallInteger(), nullable=True, comment="Year of publication."),
        sa.Column("issue_date", sa.Date(), nullable=True, comment="Day of a newspaper issue."),
        sa.Column("publisher", sa.Text(), nullable=True, comment="Publisher, as printed."),
        sa.Column("place", sa.Text(), nullable=True, comment="Place of publication (Тверь)."),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was written.",
        ),
        sa.CheckConstraint(
            "kind IN ('collected_works', 'journal', 'newspaper', 'book', 'other')",
            name=op.f("ck_sources_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint(
            "kind",
            "title",
            "volume",
            "issue",
            "year",
            "issue_date",
            name=op.f("uq_sources_kind_title_volume_issue_year_issue_date"),
            postgresql_nulls_not_distinct=True,
        ),
        comment="Publications documents are printed in: a collected-works volume, a journal issue, a newspaper issue, a book.",
    )
    op.create_table(
        "documents",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key; stable within this database only.",
        ),
        sa.Column(
            "key",
            sa.Text(),
            nullable=False,
            comment="Stable key across re-exports: the hex part of the seed file name (fb0b047ba36df19f), or the file stem for irregular names.",
        ),
        sa.Column(
            "volume",
            sa.Text(),
            nullable=True,
            comment="Volume the seed file came from, as its folder is named (tom18).",
        ),
        sa.Column(
            "position",
            sa.BigInteger(),
            nullable=True,
            comment="Position in its volume's index: the NNN of the file name.",
        ),
        sa.Column(
            "kind",
            sa.Text(),
            nullable=False,
            comment="Kind of document, from its title: telegram, letter, speech, order ...",
        ),
        sa.Column(
            "title",
            sa.Text(),
            nullable=False,
            comment="Index title, English where there is one (Telegram to T.F. Shtykov).",
        ),
        sa.Column(
            "index_title",
            sa.Text(),
            nullable=True,
            comment="Russian index title as printed, often with the date.",
        ),
        sa.Column(
            "date_text",
            sa.Text(),
            nullable=True,
            comment="The date as printed in the document (8 октября 1950 г.).",
        ),
        sa.Column(
            "date_header",
            sa.Text(),
            nullable=True,
            comment="The ISO date of the seed file's metadata line, as written.",
        ),
        sa.Column(
            "date_start",
            sa.Date(),
            nullable=True,
            comment="Earliest day the document can date from (inclusive).",
        ),
        sa.Column(
            "date_end",
            sa.Date(),
            nullable=True,
            comment="Latest day the document can date from (inclusive).",
        ),
        sa.Column(
            "date_precision",
            sa.Text(),
            server_default="unknown",
            nullable=False,
            comment="day, month, year, range or unknown.",
        ),
        sa.Column(
            "date_edtf",
            sa.Text(),
            nullable=True,
            comment="The date in Extended Date/Time Format (1950-10-08, 1950-10, ../1920-07-18).",
        ),
        sa.Column(
            "date_certainty",
            sa.Text(),
            server_default="unknown",
            nullable=False,
            comment="exact (printed), inferred (editors' dating in brackets), approximate, bound (only 'before'/'after' known) or unknown.",
        ),
        sa.Column(
            "classification",
            sa.Text(),
            nullable=True,
            comment="Security classification, normalized: top_secret, secret, confidential ...",
        ),
        sa.Column(
            "classification_text",
            sa.Text(),
            nullable=True,
            comment="The classification as printed (Особо секретно.).",
        ),
        sa.Column(
            "origin_place_id",
            sa.BigInteger(),
            nullable=True,
            comment="Where the document was written, when known.",
        ),
        sa.Column(
            "source_path",
            sa.Text(),
            nullable=True,
            comment="Seed file path it was last imported from, as given to the import.",
        ),
        sa.Column(
            "file_sha256",
            sa.String(length=64),
            nullable=True,
            comment="SHA-256 of the whole seed file last imported: an unchanged file is skipped without parsing.",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was written.",
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When an import last changed this document.",
        ),
        sa.CheckConstraint(
            "classification IN ('top_secret', 'secret', 'confidential', 'personal', 'unclassified')",
            name=op.f("ck_documents_classification"),
        ),
        sa.CheckConstraint(
            "date_certainty IN ('exact', 'inferred', 'approximate', 'bound', 'unknown')",
            name=op.f("ck_documents_date_certainty"),
        ),
        sa.CheckConstraint(
            "date_precision IN ('day', 'month', 'year', 'range', 'unknown')",
            name=op.f("ck_documents_date_precision"),
        ),
        sa.CheckConstraint(
            "kind IN ('telegram', 'letter', 'speech', 'article', 'order', 'directive', 'decree', 'resolution', 'report', 'note', 'memorandum', 'conversation', 'interview', 'greeting', 'reply', 'instruction', 'statement', 'other')",
            name=op.f("ck_documents_kind"),
        ),
        sa.CheckConstraint("date_start <= date_end", name=op.f("ck_documents_date_bounds_ordered")),
        sa.ForeignKeyConstraint(
            ["origin_place_id"],
            ["places.id"],
            name=op.f("fk_documents_origin_place_id_places"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("key", name=op.f("uq_documents_key")),
        comment="One historical document, identified by the stable key of its seed file.",
    )
    op.create_index(
        "ix_documents_date_start_date_end", "documents", ["date_start", "date_end"], unique=False
    )
    op.create_index(
        op.f("ix_documents_origin_place_id"), "documents", ["origin_place_id"], unique=False
    )
    op.create_table(
        "import_messages",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key; stable within this database only.",
        ),
        sa.Column("run_id", sa.BigInteger(), nullable=False, comment="The import run."),
        sa.Column(
            "path", sa.Text(), nullable=False, comment="The seed file (or folder) concerned."
        ),
        sa.Column(
            "line",
            sa.BigInteger(),
            nullable=True,
            comment="Line of the file, when one is to blame.",
        ),
        sa.Column(
            "severity", sa.Text(), nullable=False, comment="info, warning or error (rejected)."
        ),
        sa.Column(
            "code",
            sa.Text(),
            nullable=False,
            comment="Machine-readable reason: not-utf8, empty, date-mismatch ...",
        ),
        sa.Column("message", sa.Text(), nullable=False, comment="The reason, for people."),
        sa.Column(
            "document_key",
            sa.Text(),
            nullable=True,
            comment="Key of the document concerned, when known.",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was written.",
        ),
        sa.CheckConstraint(
            "severity IN ('info', 'warning', 'error')", name=op.f("ck_import_messages_severity")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["import_runs.id"],
            name=op.f("fk_import_messages_run_id_import_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_messages")),
        comment="What an import run had to say about each file: rejections with their reason, warnings about input recognized only in part.",
    )
    op.create_index("ix_import_messages_path", "import_messages", ["path"], unique=False)
    op.create_index(op.f("ix_import_messages_run_id"), "import_messages", ["run_id"], unique=False)
    op.create_table(
        "person_names",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key; stable within this database only.",
        ),
        sa.Column("person_id", sa.BigInteger(), nullable=False, comment="The person."),
        sa.Column("name", sa.Text(), nullable=False, comment="The name form as written (Фын Си)."),
        sa.Column(
            "name_normalized",
            sa.Text(),
            nullable=False,
            comment="Lowercased, look-alike Latin letters folded to Cyrillic, ё as е, punctuation dropped: what name matching compares.",
        ),
        sa.Column(
            "kind",
            sa.Text(),
            nullable=False,
            comment="preferred, variant, pseudonym, transliteration or inflected.",
        ),
        sa.Column(
            "language",
            sa.String(length=8),
            nullable=False,
            comment="Language of this form: ru, en.",
        ),
        sa.Column("script", sa.Text(), nullable=False, comment="ISO 15924 script: Cyrl, Latn."),
        sa.CheckConstraint(
            "kind IN ('preferred', 'variant', 'pseudonym', 'transliteration', 'inflected')",
            name=op.f("ck_person_names_kind"),
        ),
        sa.CheckConstraint(
            "script IN ('Cyrl', 'Latn', 'Hani', 'Other')", name=op.f("ck_person_names_script")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_names_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_names")),
        sa.UniqueConstraint(
            "person_id", "name", "language", name=op.f("uq_person_names_person_id_name_language")
        ),
        comment="Every form of a person's name: preferred, variants, pseudonyms, transliterations, inflected forms met in texts.",
    )
    op.create_index(
        op.f("ix_person_names_name_normalized"), "person_names", ["name_normalized"], unique=False
    )
    op.create_index(op.f("ix_person_names_person_id"), "person_names", ["person_id"], unique=False)
    op.create_table(
        "place_names",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key; stable within this database only.",
        ),
        sa.Column("place_id", sa.BigInteger(), nullable=False, comment="The place."),
        sa.Column("name", sa.Text(), nullable=False, comment="The name form as written (Пхеньян)."),
        sa.Column(
            "name_normalized",
            sa.Text(),
            nullable=False,
            comment="Normalized form used for matching (see person_names).",
        ),
        sa.Column(
            "kind",
            sa.Text(),
            nullable=False,
            comment="preferred, variant, pseudonym, transliteration or inflected.",
        ),
        sa.Column(
            "language",
            sa.String(length=8),
            nullable=False,
            comment="Language of this form: ru, en.",
        ),
        sa.Column("script", sa.Text(), nullable=False, comment="ISO 15924 script: Cyrl, Latn."),
        sa.CheckConstraint(
            "kind IN ('preferred', 'variant', 'pseudonym', 'transliteration', 'inflected')",
            name=op.f("ck_place_names_kind"),
        ),
        sa.CheckConstraint(
            "script IN ('Cyrl', 'Latn', 'Hani', 'Other')", name=op.f("ck_place_names_script")
        ),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["places.id"],
            name=op.f("fk_place_names_place_id_places"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place_names")),
        sa.UniqueConstraint(
            "place_id", "name", "language", name=op.f("uq_place_names_place_id_name_language")
        ),
        comment="Every form of a place's name, in each language.",
    )
    op.create_index(
        op.f("ix_place_names_name_normalized"), "place_names", ["name_normalized"], unique=False
    )
    op.create_index(op.f("ix_place_names_place_id"), "place_names", ["place_id"], unique=False)
    op.create_table(
        "archival_references",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key; stable within this database only.",
        ),
        sa.Column("document_id", sa.BigInteger(), nullable=False, comment="The document."),
        sa.Column(
            "position",
            sa.SmallInteger(),
            nullable=False,
            comment="Order of this reference among the document's references, from 1.",
        ),
        sa.Column(
            "archive_id",
            sa.BigInteger(),
            nullable=True,
            comment="The archive; NULL when the print could not be parsed (see printed_*).",
        ),
        sa.Column(
            "fond",
            sa.Text(),
            nullable=True,
            comment="Fond (Ф.) as printed; text because it may carry letters (Р-9401).",
        ),
        sa.Column("opis", sa.Text(), nullable=True, comment="Opis (Оп.), inventory, as printed."),
        sa.Column("delo", sa.Text(), nullable=True, comment="Delo (Д.), file, as printed (12а)."),
        sa.Column(
            "folios",
            sa.Text(),
            nullable=True,
            comment="Folios (Л.) as printed: 65–67, 12, 15–17 об.",
        ),
        sa.Column("folio_start", sa.BigInteger(), nullable=True, comment="First folio number."),
        sa.Column("folio_end", sa.BigInteger(), nullable=True, comment="Last folio number."),
        sa.Column(
            "verso",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
            comment="True when the last folio is a verso (об.).",
        ),
        sa.Column(
            "ibid",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
            comment="Printed as 'Там же' (ibid.): completed from the previous reference.",
        ),
        sa.Column(
            "printed_ru",
            sa.Text(),
            nullable=True,
            comment="The reference as printed in the Russian version.",
        ),
        sa.Column(
            "printed_en",
            sa.Text(),
            nullable=True,
            comment="The reference as printed in the English version.",
        ),
        sa.CheckConstraint(
            "folio_start <= folio_end", name=op.f("ck_archival_references_folios_ordered")
        ),
        sa.ForeignKeyConstraint(
            ["archive_id"],
            ["archives.id"],
            name=op.f("fk_archival_references_archive_id_archives"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_archival_references_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_archival_references")),
        sa.UniqueConstraint(
            "document_id", "position", name=op.f("uq_archival_references_document_id_position")
        ),
        comment="Where a document's original is kept: archive, fond, opis, delo, folios. The Russian and English prints of one reference are one row.",
    )
    op.create_index(
        "ix_archival_references_archive_id_fond_opis_delo",
        "archival_references",
        ["archive_id", "fond", "opis", "delo", "folio_start"],
        unique=False,
    )
    op.create_index(
        op.f("ix_archival_references_document_id"),
        "archival_references",
        ["document_id"],
        unique=False,
    )
    op.create_table(
        "citations",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key; stable within this database only.",
        ),
        sa.Column("document_id", sa.BigInteger(), nullable=False, comment="The document."),
        sa.Column("source_id", sa.BigInteger(), nullable=False, comment="The publication."),
        sa.Column(
            "position",
            sa.SmallInteger(),
            nullable=False,
            comment="Order of this citation among the document's citations, from 1.",
        ),
        sa.Column(
            "role",
            sa.Text(),
            nullable=False,
            comment="first_publication, text_source (the volume the text is from) or publication.",
        ),
        sa.Column("pages", sa.Text(), nullable=True, comment="Pages as printed (132–133)."),
        sa.Column("page_start", sa.BigInteger(), nullable=True, comment="First page."),
        sa.Column("page_end", sa.BigInteger(), nullable=True, comment="Last page."),
        sa.Column(
            "printed_ru",
            sa.Text(),
            nullable=True,
            comment="The citation as printed in the Russian version.",
        ),
        sa.Column(
            "printed_en",
            sa.Text(),
            nullable=True,
            comment="The citation as printed in the English version.",
        ),
        sa.CheckConstraint(
            "role IN ('first_publication', 'text_source', 'publication')",
            name=op.f("ck_citations_role"),
        ),
        sa.CheckConstraint("page_start <= page_end", name=op.f("ck_citations_pages_ordered")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_citations_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_citations_source_id_sources"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citations")),
        sa.UniqueConstraint(
            "document_id", "position", name=op.f("uq_citations_document_id_position")
        ),
        comment="Where a document is published: source, pages, and what the publication is to the document (first publication, source of the text).",
    )
    op.create_index(op.f("ix_citations_document_id"), "citations", ["document_id"], unique=False)
    op.create_index(op.f("ix_citations_source_id"), "citations", ["source_id"], unique=False)
    op.create_table(
        "document_people",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key; stable within this database only.",
        ),
        sa.Column("document_id", sa.BigInteger(), nullable=False, comment="The document."),
        sa.Column("person_id", sa.BigInteger(), nullable=False, comment="The person."),
        sa.Column(
            "role",
            sa.Text(),
            nullable=False,
            comment="author, signatory, addressee, intermediary, recipient or mentioned.",
        ),
        sa.Column(
            "language",
            sa.String(length=8),
            nullable=False,
            comment="Language of the version the name was found in.",
        ),
        sa.Column(
            "name_as_written",
            sa.Text(),
            nullable=False,
            comment="The name exactly as the text writes it (Ким Ир Сена, Fyn Si).",
        ),
        sa.Column(
            "line",
            sa.BigInteger(),
            nullable=True,
            comment="Line of the seed file it was read from.",
        ),
        sa.CheckConstraint(
            "role IN ('author', 'signatory', 'addressee', 'intermediary', 'recipient', 'mentioned')",
            name=op.f("ck_document_people_role"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_people_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_document_people_person_id_people"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_people")),
        sa.UniqueConstraint(
            "document_id",
            "person_id",
            "role",
            "language",
            name=op.f("uq_document_people_document_id_person_id_role_language"),
        ),
        comment="Who takes part in a document and how: author, signatory, addressee, intermediary, recipient, mentioned.",
    )
    op.create_index(
        op.f("ix_document_people_document_id"), "document_people", ["document_id"], unique=False
    )
    op.create_index(
        "ix_document_people_person_id_role", "document_people", ["person_id", "role"], unique=False
    )
    op.create_table(
        "document_places",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key; stable within this database only.",
        ),
        sa.Column("document_id", sa.BigInteger(), nullable=False, comment="The document."),
        sa.Column("place_id", sa.BigInteger(), nullable=False, comment="The place."),
        sa.Column("role", sa.Text(), nullable=False, comment="origin, destination or mentioned."),
        sa.Column(
            "language",
            sa.String(length=8),
            nullable=False,
            comment="Language of the version the name was found in.",
        ),
        sa.Column(
            "name_as_written",
            sa.Text(),
            nullable=False,
            comment="The name exactly as the text writes it (Пхеньян, Кореи).",
        ),
        sa.Column(
            "line",
            sa.BigInteger(),
            nullable=True,
            comment="Line of the seed file it was read from.",
        ),
        sa.CheckConstraint(
            "role IN ('origin', 'destination', 'mentioned')", name=op.f("ck_document_places_role")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_places_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["places.id"],
            name=op.f("fk_document_places_place_id_places"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_places")),
        sa.UniqueConstraint(
            "document_id",
            "place_id",
            "role",
            "language",
            name=op.f("uq_document_places_document_id_place_id_role_language"),
        ),
        comment="Places a document names, and how: origin, destination, mentioned.",
    )
    op.create_index(
        op.f("ix_document_places_document_id"), "document_places", ["document_id"], unique=False
    )
    op.create_index(
        "ix_document_places_place_id_role", "document_places", ["place_id", "role"], unique=False
    )
    op.create_table(
        "document_versions",
        sa.Column(
            "id",
            sa.BigInteger(),
            sa.Identity(always=False),
            nullable=False,
            comment="Surrogate key; stable within this database only.",
        ),
        sa.Column("document_id", sa.BigInteger(), nullable=False, comment="The document."),
        sa.Column(
            "language",
            sa.String(length=8),
            nullable=False,
            comment="ISO 639-1 language of this text: ru, en.",
        ),
        sa.Column(
            "origin",
            sa.Text(),
            nullable=False,
            comment="Provenance token of the seed file's metadata line: tom18, AI.",
        ),
        sa.Column(
            "origin_kind",
            sa.Text(),
            nullable=False,
            comment="volume (printed in a volume), machine_translation, human_translation.",
        ),
        sa.Column(
            "origin_volume",
            sa.Text(),
            nullable=True,
            comment="Collected-works volume number the text was printed in (18).",
        ),
        sa.Column(
            "translation_of_id",
            sa.BigInteger(),
            nullable=True,
            comment="The revision this text was translated from, for translations.",
        ),
        sa.Column("title", sa.Text(), nullable=False, comment="Title of this version as printed."),
        sa.Column(
            "body",
            sa.Text(),
            nullable=False,
            comment="The text verbatim, typos and mixed scripts included. Never rewritten.",
        ),
        sa.Column(
            "sha256",
            sa.String(length=64),
            nullable=False,
            comment="SHA-256 of body (UTF-8), lowercase hex: detects changed texts.",
        ),
        sa.Column(
            "revision",
            sa.SmallInteger(),
            server_default="1",
            nullable=False,
            comment="1 for the first import, +1 per changed text.",
        ),
        sa.Column(
            "is_current",
            sa.Boolean(),
            server_default=sa.text("true"),
            nullable=False,
            comment="True for the latest revision of this text.",
        ),
        sa.Column(
            "source_line",
            sa.Text(),
            nullable=True,
            comment="The version's source line as printed (Source: Tom 18 / Том 18).",
        ),
        sa.Column(
            "printed_date",
            sa.Text(),
            nullable=True,
            comment="Date printed under this version's heading.",
        ),
        sa.Column(
            "addressee_block",
            postgresql.ARRAY(sa.Text()),
            nullable=True,
            comment="Lines of the addressee block as printed.",
        ),
        sa.Column("salutation", sa.Text(), nullable=True, comment="Salutation as printed."),
        sa.Column(
            "closing_date", sa.Text(), nullable=True, comment="Date printed at the end of the text."
        ),
        sa.Column(
            "signatures",
            postgresql.ARRAY(sa.Text()),
            nullable=True,
            comment="Signatures as printed (Фын Си).",
        ),
        sa.Column("postscript", sa.Text(), nullable=True, comment="Postscript as printed."),
        sa.Column(
            "notes",
            postgresql.ARRAY(sa.Text()),
            nullable=True,
            comment="Editor's notes (Примечание. / Note.) as printed.",
        ),
        sa.Column(
            "import_run_id",
            sa.BigInteger(),
            nullable=True,
            comment="The import run that brought this revision.",
        ),
        sa.Column(
            "search_vector",
            postgresql.TSVECTOR(),
            sa.Computed(
                "to_tsvector(CASE language WHEN 'ru' THEN 'russian'::regconfig WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END, coalesce(title, '') || ' ' || body)",
                persisted=True,
            ),
            nullable=False,
            comment="Full-text index of title and body, stemmed by language (russian/english).",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was written.",
        ),
        sa.CheckConstraint(
            "origin_kind IN ('volume', 'machine_translation', 'human_translation', 'other')",
            name=op.f("ck_document_versions_origin_kind"),
        ),
        sa.CheckConstraint(
            "sha256 ~ '^[0-9a-f]{64}$'", name=op.f("ck_document_versions_sha256_hex")
        ),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_document_versions_revision_positive")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_versions_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_run_id"],
            ["import_runs.id"],
            name=op.f("fk_document_versions_import_run_id_import_runs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["translation_of_id"],
            ["document_versions.id"],
            name=op.f("fk_document_versions_translation_of_id_document_versions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_versions")),
        sa.UniqueConstraint(
            "document_id",
            "language",
            "origin",
            "revision",
            name=op.f("uq_document_versions_document_id_language_origin_revision"),
        ),
        comment="The texts of a document: one row per revision of each language and origin; the current revision has is_current.",
    )
    op.create_index(
        op.f("ix_document_versions_document_id"), "document_versions", ["document_id"], unique=False
    )
    op.create_index(
        op.f("ix_document_versions_import_run_id"),
        "document_versions",
        ["import_run_id"],
        unique=False,
    )
    op.create_index(
        "ix_document_versions_search_vector",
        "document_versions",
        ["search_vector"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_index(
        op.f("ix_document_versions_translation_of_id"),
        "document_versions",
        ["translation_of_id"],
        unique=False,
    )
    op.create_index(
        "uq_document_versions_current",
        "document_versions",
        ["document_id", "language", "origin"],
        unique=True,
        postgresql_where=sa.text("is_current"),
    )


def downgrade() -> None:

    op.drop_index(
        "uq_document_versions_current",
        table_name="document_versions",
        postgresql_where=sa.text("is_current"),
    )
    op.drop_index(op.f("ix_document_versions_translation_of_id"), table_name="document_versions")
    op.drop_index(
        "ix_document_versions_search_vector", table_name="document_versions", postgresql_using="gin"
    )
    op.drop_index(op.f("ix_document_versions_import_run_id"), table_name="document_versions")
    op.drop_index(op.f("ix_document_versions_document_id"), table_name="document_versions")
    op.drop_table("document_versions")
    op.drop_index("ix_document_places_place_id_role", table_name="document_places")
    op.drop_index(op.f("ix_document_places_document_id"), table_name="document_places")
    op.drop_table("document_places")
    op.drop_index("ix_document_people_person_id_role", table_name="document_people")
    op.drop_index(op.f("ix_document_people_document_id"), table_name="document_people")
    op.drop_table("document_people")
    op.drop_index(op.f("ix_citations_source_id"), table_name="citations")
    op.drop_index(op.f("ix_citations_document_id"), table_name="citations")
    op.drop_table("citations")
    op.drop_index(op.f("ix_archival_references_document_id"), table_name="archival_references")
    op.drop_index(
        "ix_archival_references_archive_id_fond_opis_delo", table_name="archival_references"
    )
    op.drop_table("archival_references")
    op.drop_index(op.f("ix_place_names_place_id"), table_name="place_names")
    op.drop_index(op.f("ix_place_names_name_normalized"), table_name="place_names")
    op.drop_table("place_names")
    op.drop_index(op.f("ix_person_names_person_id"), table_name="person_names")
    op.drop_index(op.f("ix_person_names_name_normalized"), table_name="person_names")
    op.drop_table("person_names")
    op.drop_index(op.f("ix_import_messages_run_id"), table_name="import_messages")
    op.drop_index("ix_import_messages_path", table_name="import_messages")
    op.drop_table("import_messages")
    op.drop_index(op.f("ix_documents_origin_place_id"), table_name="documents")
    op.drop_index("ix_documents_date_start_date_end", table_name="documents")
    op.drop_table("documents")
    op.drop_table("sources")
    op.drop_table("places")
    op.drop_table("people")
    op.drop_table("import_runs")
    op.drop_table("archives")
