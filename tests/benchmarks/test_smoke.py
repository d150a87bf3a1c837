"""The benchmarks at toy size (50 documents), so their code cannot rot: every
measurement runs once and produces its figures. Their values are not checked."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from archive_db.seedfile import parse_bytes, parse_file, render
from benchmarks import common, export, growth, import_cold, reimport, search, synth, words
from benchmarks.names import load_catalogue

N = 50


@pytest.fixture
def bench(pg_server: URL, tmp_path: Path) -> Path:
    common.configure(pg_server, tmp_path)
    yield tmp_path
    common.configure(common.ADMIN_URL, common.BENCH_DIR)


def _produced(figures: list[common.Figure]) -> None:
    assert figures
    for f in figures:
        assert math.isfinite(f.value) and f.value >= 0, f.line()
        if f.baseline is not None:
            assert f.ratio is not None and math.isfinite(f.ratio), f.line()
        assert f.line()


def test_synth_is_deterministic_and_parses(tmp_path: Path) -> None:
    a = synth.write_corpus(tmp_path / "a", N, seed=7)
    b = synth.write_corpus(tmp_path / "b", N, seed=7)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    docs = [parse_file(p) for p in a]
    assert sum(len(d.versions) for d in docs) > N
    assert all(p.parent.name.startswith("tom") for p in a)


def test_synth_texts_read_back_verbatim() -> None:
    """The parser gives back every generated body, and warns about nothing."""
    for doc in synth.documents(N, seed=7):
        parsed = parse_bytes(render(doc).encode("utf-8"), doc.path)
        assert parsed.warnings == [], doc.path
        bodies = {v.language: v.body for v in parsed.versions}
        for v in doc.versions:
            # (A day range past the 28th prints backwards, '30-28': the English heading
            # then keeps it in the body; prints.printed_date, rare.)
            assert bodies[v.language].endswith(v.body), (doc.path, v.language)


def test_the_vocabulary_is_large_and_zipfian() -> None:
    lex = words.lexicon()
    assert len({f for lemma in lex.lemmas for f in lemma.ru}) > 50_000
    assert len({f for lemma in lex.lemmas for f in lemma.en}) > 20_000
    assert words.expected_share(lex.rank("партия")) > 0.5  # a broad word
    assert words.expected_share(lex.rank("урожай")) < 0.05  # a researcher's word
    # The English version translates the Russian one: it names the same people.
    people = load_catalogue().people[1:]
    for doc in synth.documents(10, seed=7):
        if len(doc.versions) == 2:
            ru, en = (v.body for v in sorted(doc.versions, key=lambda v: v.language != "ru"))
            for p in people:
                assert (p.en in en) == any(f in ru for f in p.ru.values()), (doc.path, p.slug)


def test_every_measurement_runs(bench: Path, database_url: URL) -> None:
    cold = import_cold.measure(N, rounds=2)
    _produced(cold)
    assert "(2 rounds: ratio " in cold[1].name and cold[1].paired is not None
    _produced(reimport.measure(N, jobs=1))
    common.import_corpus(database_url, common.corpus(N), jobs=1)
    _produced(search.measure(database_url, reps=1))
    _produced(growth.measure([20, N], jobs=1, reps=1, out=bench / "growth.json"))
    _produced(export.measure([N]))
    assert (bench / "growth.json").exists()


def test_plot(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from benchmarks import plot

    rows = [{"n": n, "ms_per_doc": 2.0, "search_median_ms": 3.0, "search_p95_ms": 4.0,
             "scan_median_ms": 50.0} for n in (10, 100)]  # fmt: skip
    plot.plot(rows, tmp_path / "growth.png")
    assert (tmp_path / "growth.png").stat().st_size > 0
