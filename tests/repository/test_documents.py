"""One document with its texts, people, places, references and citations."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy.orm import Session

from archive_db.repository import (
    ArchiveRepository,
    DocumentDetail,
    DocumentNotFound,
    get_document,
    revision_history,
)
from tests.repository.data import (
    MACHINE_ONLY_KEY,
    REVISED_KEY,
    SPECIMEN_KEY,
    Fixture,
    specimen_texts,
)


def test_specimen_in_full(session: Session, archive: Fixture) -> None:
    doc = get_document(session, SPECIMEN_KEY)
    assert isinstance(doc, DocumentDetail)
    assert (doc.kind, doc.date_start.isoformat(), doc.classification) == (
        "telegram", "1950-10-08", "top_secret",
    )  # fmt: skip
    assert [(v.language, v.origin, v.origin_kind) for v in doc.versions] == [
        ("ru", "tom18", "volume"), ("en", "AI", "machine_translation"),
    ]  # fmt: skip
    ru_body, en_body = specimen_texts()
    assert doc.version("ru").body == ru_body
    assert doc.version("en").body == en_body
    assert doc.version("ru").signatures == ("Фын Си",)
    roles = {(p.slug, p.role, p.language, p.name_as_written) for p in doc.people}
    assert ("stalin", "author", "ru", "Фын Си") in roles
    assert ("shtykov", "intermediary", "ru", "Штыкову") in roles
    assert ("kim-il-sung", "addressee", "ru", "Ким Ир Сена") in roles
    assert ("mao-zedong", "mentioned", "ru", "Мао Цзэдуну") in roles
    assert ("pyongyang", "destination") in {(p.slug, p.role) for p in doc.places}
    [ref] = doc.references
    assert ref.readable == "АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67"
    assert (ref.archive_code_latin, ref.folio_start, ref.folio_end) == ("AP RF", 65, 67)
    first, volume = doc.citations
    assert (first.role, first.source_title_latin, first.year, first.pages) == (
        "first_publication", "Vestnik", 1996, "132–133",
    )  # fmt: skip
    assert (volume.role, volume.volume) == ("text_source", "18")


def test_results_are_frozen_values(session: Session, archive: Fixture) -> None:
    doc = get_document(session, SPECIMEN_KEY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.kind = "letter"  # type: ignore[misc]
    session.expunge_all()
    assert dataclasses.asdict(doc)["references"][0]["fond"] == "45"


def test_language_and_current_versions_only(session: Session, archive: Fixture) -> None:
    assert [v.language for v in get_document(session, SPECIMEN_KEY, language="en").versions] == [
        "en"
    ]
    revised = get_document(session, REVISED_KEY)
    assert [(v.revision, v.is_current) for v in revised.versions] == [(2, True)]
    assert get_document(session, MACHINE_ONLY_KEY).references == ()


def test_unknown_key(session: Session, archive: Fixture) -> None:
    with pytest.raises(DocumentNotFound, match="ffff"):
        get_document(session, "ffffffffffffffff")
    with pytest.raises(DocumentNotFound):
        revision_history(session, "ffffffffffffffff")


def test_revision_history(session: Session, archive: Fixture) -> None:
    history = revision_history(session, REVISED_KEY, language="ru")
    assert [(r.revision, r.is_current) for r in history] == [(1, False), (2, True)]
    assert history[0].sha256 != history[1].sha256
    assert len(revision_history(session, SPECIMEN_KEY)) == 2


def test_repository_never_commits(session: Session, archive: Fixture) -> None:
    repo = ArchiveRepository(session)
    transaction = session.get_transaction()
    repo.document(SPECIMEN_KEY)
    repo.search("Корея")
    repo.people()
    assert session.get_transaction() is transaction
    assert not session.dirty and not session.new
