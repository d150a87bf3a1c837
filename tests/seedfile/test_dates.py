"""Printed dates in the forms FORMAT.md lists, each with its exact normalized fields."""

from __future__ import annotations

from datetime import date

import pytest

from archive_db.seedfile.dates import find_date, header_date, parse_date
from archive_db.seedfile.model import Certainty, Precision

D, M, Y, R = Precision.DAY, Precision.MONTH, Precision.YEAR, Precision.RANGE
EX, INF, APX, BND = Certainty.EXACT, Certainty.INFERRED, Certainty.APPROXIMATE, Certainty.BOUND


def d(y: int, m: int, day: int) -> date:
    return date(y, m, day)


CASES = [
    # (printed, start, end, precision, edtf, certainty)
    ("1950-10-08", d(1950, 10, 8), d(1950, 10, 8), D, "1950-10-08", EX),
    ("1950-10", d(1950, 10, 1), d(1950, 10, 31), M, "1950-10", EX),
    ("1950", d(1950, 1, 1), d(1950, 12, 31), Y, "1950", EX),
    ("October 8, 1950", d(1950, 10, 8), d(1950, 10, 8), D, "1950-10-08", EX),
    ("Oct. 8, 1950", d(1950, 10, 8), d(1950, 10, 8), D, "1950-10-08", EX),
    ("8 October 1950", d(1950, 10, 8), d(1950, 10, 8), D, "1950-10-08", EX),
    ("October 1950", d(1950, 10, 1), d(1950, 10, 31), M, "1950-10", EX),
    ("October 8-10, 1950", d(1950, 10, 8), d(1950, 10, 10), R, "1950-10-08/1950-10-10", EX),
    ("8 октября 1950 г.", d(1950, 10, 8), d(1950, 10, 8), D, "1950-10-08", EX),
    ("8 октября 1950 года", d(1950, 10, 8), d(1950, 10, 8), D, "1950-10-08", EX),
    ("1 мая 1923 г.", d(1923, 5, 1), d(1923, 5, 1), D, "1923-05-01", EX),
    ("29 февраля 1932 г.", d(1932, 2, 29), d(1932, 2, 29), D, "1932-02-29", EX),
    ("октябрь 1950 г.", d(1950, 10, 1), d(1950, 10, 31), M, "1950-10", EX),
    ("Февраль 1917 г.", d(1917, 2, 1), d(1917, 2, 28), M, "1917-02", EX),
    ("1950 г.", d(1950, 1, 1), d(1950, 12, 31), Y, "1950", EX),
    ("8–10 октября 1950 г.", d(1950, 10, 8), d(1950, 10, 10), R, "1950-10-08/1950-10-10", EX),
    ("8-10 октября 1950 г.", d(1950, 10, 8), d(1950, 10, 10), R, "1950-10-08/1950-10-10", EX),
    ("30 сентября – 2 октября 1950 г.", d(1950, 9, 30), d(1950, 10, 2), R,
     "1950-09-30/1950-10-02", EX),
    ("1950–1951 гг.", d(1950, 1, 1), d(1951, 12, 31), R, "1950/1951", EX),
    ("(до 18 июля 1920 года)", None, d(1920, 7, 18), D, "../1920-07-18", BND),
    ("(не позднее 15 сентября 1930 года)", None, d(1930, 9, 15), D, "../1930-09-15", BND),
    ("не позднее сентября 1930 г.", None, d(1930, 9, 30), M, "../1930-09", BND),
    ("(после 1 мая 1923 г.)", d(1923, 5, 1), None, D, "1923-05-01/..", BND),
    ("не ранее 1925 г.", d(1925, 1, 1), None, Y, "1925/..", BND),
    ("before July 18, 1920", None, d(1920, 7, 18), D, "../1920-07-18", BND),
    ("[1895 г.]", d(1895, 1, 1), d(1895, 12, 31), Y, "1895?", INF),
    ("[8 октября 1950 г.]", d(1950, 10, 8), d(1950, 10, 8), D, "1950-10-08?", INF),
    ("[октябрь 1950 г.]", d(1950, 10, 1), d(1950, 10, 31), M, "1950-10?", INF),
    ("[не ранее 1923 г.]", d(1923, 1, 1), None, Y, "1923?/..", BND),
    ("около 1920 г.", d(1920, 1, 1), d(1920, 12, 31), Y, "1920~", APX),
    ("ca. 1920", d(1920, 1, 1), d(1920, 12, 31), Y, "1920~", APX),
    ("[около 1920 г.]", d(1920, 1, 1), d(1920, 12, 31), Y, "1920%", APX),
    ("11/VII-27.", d(1927, 7, 11), d(1927, 7, 11), D, "1927-07-11", EX),
    ("25/VIII 1927 г.", d(1927, 8, 25), d(1927, 8, 25), D, "1927-08-25", EX),
    ("25.VIII.1927", d(1927, 8, 25), d(1927, 8, 25), D, "1927-08-25", EX),
    ("3/XII-1917", d(1917, 12, 3), d(1917, 12, 3), D, "1917-12-03", EX),
    ("8.10.1950", d(1950, 10, 8), d(1950, 10, 8), D, "1950-10-08", EX),
]


@pytest.mark.parametrize(("printed", "start", "end", "precision", "edtf", "certainty"), CASES)
def test_printed_dates(printed: str, start: date | None, end: date | None,
                       precision: Precision, edtf: str, certainty: Certainty) -> None:
    parsed = parse_date(printed)
    assert parsed is not None
    assert parsed.text == printed
    assert (parsed.start, parsed.end, parsed.precision, parsed.edtf, parsed.certainty) == (
        start, end, precision, edtf, certainty)


def test_roman_month_without_year_takes_the_header_year() -> None:
    parsed = parse_date("25/VIII", default_year=1927)
    assert parsed is not None and parsed.edtf == "1927-08-25"
    assert parse_date("25/VIII") is None  # no year anywhere: not a date we can place


@pytest.mark.parametrize("text", ["Фын Си", "Fyn Si", "Top Secret.", "32 октября 1950 г.",
                                  "31/II-27", "1950-13", "Товарищ Ким Ир Сен!", "",
                                  "Вестник. 1996. № 1. С. 132–133."])
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_date_inside_a_title() -> None:
    found = find_date("Телеграмма Т.Ф. Штыкову 8 октября 1950 года")
    assert found is not None and (found.text, found.edtf) == ("8 октября 1950 года", "1950-10-08")
    assert find_date("Telegram to T.F. Shtykov") is None


def test_header_dates() -> None:
    assert header_date("1950-10-08").edtf == "1950-10-08"  # type: ignore[union-attr]
    assert header_date("1950-10").precision is Precision.MONTH  # type: ignore[union-attr]
    assert header_date("1950").precision is Precision.YEAR  # type: ignore[union-attr]
    assert header_date("8 октября 1950 г.") is None
