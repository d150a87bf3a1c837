"""Arbitrary Unicode into every repository filter and into search: results or a clear
InvalidQuery / DocumentNotFound, never a server error, never a change to the data."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from archive_db import repository
from archive_db.cli import main
from archive_db.db import make_engine
from archive_db.repository import DocumentNotFound, InvalidQuery, SearchFilters
from tests.conftest import create_database, drop_database
from tests.reliability.conftest import canonical_dump, seeds_tree

NASTY = [
    "'", "''", '"', "\\", "\\'", "%", "_", "%_%", "\x00", "a\x00b", "", " ", "\t\n",
    "& | ! <-> :* ( )", "!", "&", "|", "<->", "<2>", ":*", "()", "(", ")", "a & (b | !c)",
    "'; DROP TABLE documents; --", "$$", "$1", "%s", "%(x)s", "{}", "\\x00", "E'\\\\'",
    "Корея", "корея:*", "Мао & Цзэдун", "\"unclosed", "-", "--", "or", "OR OR", "*",
    "x" * 1001, "Я" * 5000, "\u202e\u200b\ufeff", "🙂", "ｓｔａｌｉｎ", "ё", "1950-13-45",
    "1950", "1950-02-30", "0000", "9999-12-31", "-1", "АП РФ", "AP RF", "45",
]  # fmt: skip
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.lists(st.sampled_from(NASTY), min_size=2, max_size=4).map(" ".join),
    st.text(alphabet=st.sampled_from("&|!<->:*()'\"\\%_ \x00аяA"), max_size=30),
)
OPTIONAL = st.one_of(st.none(), TEXT)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ACCEPTED = (InvalidQuery, DocumentNotFound)


@pytest.fixture(scope="module")
def fuzz_engine(
    pg_server: URL, template_url: URL, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    url = create_database(pg_server, template=template_url.database)
    root = seeds_tree(tmp_path_factory.mktemp("fuzz") / "seeds", 3)
    result = CliRunner().invoke(
        main,
        ["--database-url", url.render_as_string(hide_password=False), "import", str(root)],
    )
    assert result.exit_code == 0, result.output
    engine = make_engine(url)
    before = canonical_dump(url)
    yield engine
    engine.dispose()
    assert canonical_dump(url) == before, "a query changed the data"
    drop_database(pg_server, url)


def _try(engine: Engine, call: Callable[[Session], object]) -> object:
    """Run ``call`` in a rolled-back session; only the query layer's own errors pass."""
    with Session(engine) as session:
        try:
            return call(session)
        except ACCEPTED as exc:
            assert str(exc), "an error without a message"
            return exc
        finally:
            session.rollback()


@FUZZ
@given(query=TEXT)
def test_search_query(fuzz_engine: Engine, query: str) -> None:
    result = _try(fuzz_engine, lambda s: repository.search(s, query, limit=5))
    if isinstance(result, repository.SearchPage):
        assert all(hit.key for hit in result.hits)


@FUZZ
@given(
    query=st.one_of(st.just("Корея"), st.just("Korea"), TEXT),
    field=st.sampled_from(
        [
            "language",
            "date_from",
            "date_to",
            "kind",
            "person",
            "role",
            "place",
            "place_role",
            "archive",
            "fond",
            "opis",
            "delo",
            "source",
        ]
    ),
    value=TEXT,
)
def test_search_every_filter(fuzz_engine: Engine, query: str, field: str, value: str) -> None:
    filters = SearchFilters(**{field: value})
    _try(fuzz_engine, lambda s: repository.search(s, query, filters, limit=5))


@FUZZ
@given(
    person=OPTIONAL, place=OPTIONAL, archive=OPTIONAL, fond=OPTIONAL, source=OPTIONAL,
    date_from=OPTIONAL, date_to=OPTIONAL,
)  # fmt: skip
def test_search_filters_together(fuzz_engine: Engine, **fields: str | None) -> None:
    filters = SearchFilters(**fields)
    _try(fuzz_engine, lambda s: repository.search(s, "Корея", filters, limit=5))


@FUZZ
@given(cursor=TEXT)
def test_search_cursor(fuzz_engine: Engine, cursor: str) -> None:
    _try(fuzz_engine, lambda s: repository.search(s, "Корея", limit=1, cursor=cursor))


@FUZZ
@given(archive=TEXT, fond=OPTIONAL, opis=OPTIONAL, delo=OPTIONAL)
def test_archival_lookups(
    fuzz_engine: Engine, archive: str, fond: str | None, opis: str | None, delo: str | None
) -> None:
    _try(fuzz_engine, lambda s: repository.find_archive(s, archive))
    _try(fuzz_engine, lambda s: repository.references(s, archive, fond, opis, delo))
    _try(
        fuzz_engine,
        lambda s: repository.file_documents(s, archive, fond or "", opis or "", delo or ""),
    )


@FUZZ
@given(name=TEXT, role=OPTIONAL)
def test_people_lookups(fuzz_engine: Engine, name: str, role: str | None) -> None:
    _try(fuzz_engine, lambda s: repository.find_person(s, name))
    _try(fuzz_engine, lambda s: repository.person_timeline(s, name, role=role))
    _try(fuzz_engine, lambda s: repository.people(s, role=role, limit=3))


@FUZZ
@given(key=TEXT, language=OPTIONAL, origin=OPTIONAL)
def test_document_lookups(
    fuzz_engine: Engine, key: str, language: str | None, origin: str | None
) -> None:
    _try(fuzz_engine, lambda s: repository.get_document(s, key, language=language))
    _try(
        fuzz_engine, lambda s: repository.revision_history(s, key, language=language, origin=origin)
    )


def test_injection_strings_find_nothing_and_break_nothing(fuzz_engine: Engine) -> None:
    for text in ("'; DROP TABLE documents; --", "%", "_", "\\"):
        by_source = SearchFilters(source=text)
        page = _try(fuzz_engine, lambda s, f=by_source: repository.search(s, "Корея", f))
        assert isinstance(page, repository.SearchPage) and page.hits == ()
        # A name that names nobody is refused, as person_timeline refuses it.
        by_person = SearchFilters(person=text)
        nobody = _try(fuzz_engine, lambda s, f=by_person: repository.search(s, "Корея", f))
        assert isinstance(nobody, repository.InvalidQuery)
    everything = _try(fuzz_engine, lambda s: repository.search(s, "Корея", limit=50))
    assert isinstance(everything, repository.SearchPage) and len(everything.hits) == 3
