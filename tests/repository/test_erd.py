"""docs/schema.md and docs/schema.svg are generated from the current models."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import archive_db.models  # noqa: F401 — registers every table
from archive_db.db import metadata
from archive_db.erd import embed, embedded, main, mermaid_erd, render_svg
from tests.conftest import PROJECT_ROOT

SCHEMA_MD = PROJECT_ROOT / "docs" / "schema.md"
SCHEMA_SVG = PROJECT_ROOT / "docs" / "schema.svg"
REGENERATE = "out of date: run python -m archive_db.erd --write docs/schema.md"


def test_schema_md_embeds_the_current_diagram() -> None:
    assert embedded(SCHEMA_MD.read_text("utf-8")) == mermaid_erd(metadata), REGENERATE


def test_schema_svg_is_the_current_picture() -> None:
    assert SCHEMA_SVG.read_text("utf-8") == render_svg(metadata), REGENERATE


def test_mermaid_lists_tables_keys_and_relationships() -> None:
    source = mermaid_erd(metadata)
    assert source.startswith("erDiagram\n")
    for table in metadata.tables:
        assert f"    {table} {{" in source
    assert "        bigint id PK" in source
    assert "        text key UK" in source
    assert "        tsvector search_vector" in source
    assert "        varchar(8) language" in source
    assert '    documents ||--o{ archival_references : "document_id"' in source
    assert '    archives |o--o{ archival_references : "archive_id"' in source
    assert '    document_versions |o--o{ document_versions : "translation_of_id"' in source
    fks = sum(len(c.foreign_keys) for t in metadata.tables.values() for c in t.columns)
    assert source.count("--o{") == fks


def test_svg_is_well_formed_with_a_box_per_table() -> None:
    root = ET.fromstring(render_svg(metadata))
    names = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("font-weight")}
    assert set(metadata.tables) <= names


def test_write_refreshes_block_and_svg(tmp_path) -> None:
    doc = tmp_path / "schema.md"
    doc.write_text(embed(SCHEMA_MD.read_text("utf-8"), "erDiagram\n    stale\n"), "utf-8")
    assert main(["--write", str(doc)]) == 0
    assert embedded(doc.read_text("utf-8")) == mermaid_erd(metadata)
    assert (tmp_path / "schema.svg").read_text("utf-8") == render_svg(metadata)
