"""The printed pieces of a synthetic document: dates, archival references and
citations, in Russian and English, with the variants FORMAT.md lists."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from benchmarks.names import Archive

RU_MONTHS_GEN = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
RU_MONTHS = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class PrintedDate:
    header: str  # the metadata line's ISO date
    ru: str  # closing date of the Russian text
    en: str  # date under the English heading
    title_ru: str  # as the Russian index title carries it


def printed_date(rng: random.Random, day: dt.date) -> PrintedDate:
    """Mostly a day; month or year precision, editors' brackets, bounds and ranges at
    the rates of the corpus."""
    d, m, y = day.day, day.month, day.year
    r = rng.random()
    if r < 0.80:
        ru = f"{d} {RU_MONTHS_GEN[m - 1]} {y} г."
        return PrintedDate(
            day.isoformat(),
            ru,
            f"{EN_MONTHS[m - 1]} {d}, {y}",
            f"{d} {RU_MONTHS_GEN[m - 1]} {y} года",
        )
    if r < 0.88:
        ru = f"{RU_MONTHS[m - 1].capitalize()} {y} г."
        return PrintedDate(f"{y}-{m:02d}", ru, f"{EN_MONTHS[m - 1]} {y}", ru.removesuffix(" г."))
    if r < 0.92:
        return PrintedDate(str(y), f"{y} г.", str(y), f"{y} год")
    if r < 0.95:
        return PrintedDate(str(y), f"[{y} г.]", f"[{y}]", f"[{y} г.]")
    if r < 0.98:
        ru = f"(не позднее {d} {RU_MONTHS_GEN[m - 1]} {y} года)"
        return PrintedDate(day.isoformat(), ru, f"(not later than {EN_MONTHS[m - 1]} {d}, {y})", ru)
    last = min(d + 2, 28)
    ru = f"{d}–{last} {RU_MONTHS_GEN[m - 1]} {y} г."
    return PrintedDate(day.isoformat(), ru, f"{EN_MONTHS[m - 1]} {d}-{last}, {y}", ru)


@dataclass(frozen=True, slots=True)
class FileRef:
    """Where in the archives a run of documents lies: archive, fond, opis, first delo."""

    archive: Archive
    fond: str
    opis: str
    delo: int


FONDS = {
    "АП РФ": ("45", "1"),
    "РГАСПИ": ("558", "11"),
    "ГАРФ": ("Р-5446", "1"),
    "ЦАМО РФ": ("3", "11556"),
    "АВП РФ": ("07", "23а"),
}


def references(rng: random.Random, file: FileRef, position: int) -> list[tuple[str, str]]:
    """(ru, en) prints: none 15 %, one, several 10 %, a "Там же" 3 %. Documents of
    one delo are consecutive in a volume, about 15 a delo, folios rising."""
    r = rng.random()
    if r < 0.15:
        return []
    delo = file.delo + position // 15
    first = (position % 15) * 4 + 1
    a, f = file.archive, file
    out = [
        (
            f"{a.code}. Ф. {f.fond}. Оп. {f.opis}. Д. {delo}. Л. {first}–{first + 2}.",
            f"{a.latin}. F. {f.fond}. Op. {f.opis}. D. {delo}. L. {first}-{first + 2}.",
        )
    ]
    if r > 0.97:
        out.append(
            (f"Там же. Д. {delo + 1}. Л. {first + 1}.", f"Ibid. D. {delo + 1}. L. {first + 1}.")
        )
    elif r > 0.87:
        code, (fond, opis) = rng.choice(sorted(FONDS.items()))
        latin = {
            "АП РФ": "AP RF",
            "РГАСПИ": "RGASPI",
            "ГАРФ": "GARF",
            "ЦАМО РФ": "TsAMO RF",
            "АВП РФ": "AVP RF",
        }[code]
        d, leaf = rng.randint(1, 900), rng.randint(1, 200)
        out.append(
            (
                f"{code}. Ф. {fond}. Оп. {opis}. Д. {d}. Л. {leaf}, {leaf + 3}–{leaf + 5} об.",
                f"{latin}. F. {fond}. Op. {opis}. D. {d}. L. {leaf}, {leaf + 3}-{leaf + 5} v.",
            )
        )
    return out


def _citation(rng: random.Random, year: int) -> tuple[str, str]:
    r = rng.random()
    p = rng.randint(5, 300)
    if r < 0.35:
        y, n = rng.randint(1994, 2006), rng.randint(1, 6)
        return (f"Вестник. {y}. № {n}. С. {p}–{p + 1}.", f"Vestnik, {y}, No. {n}, pp. {p}-{p + 1}.")
    if r < 0.55:
        d, m = rng.randint(1, 28), rng.randint(1, 12)
        return (
            f"Правда. {year}. {d} {RU_MONTHS_GEN[m - 1]}.",
            f"Pravda, {year}, {d} {EN_MONTHS[m - 1]}.",
        )
    if r < 0.65:
        d, m = rng.randint(1, 28), rng.randint(1, 12)
        return (
            f"Известия. {year}. {d} {RU_MONTHS_GEN[m - 1]}.",
            f"Izvestiya, {year}, {d} {EN_MONTHS[m - 1]}.",
        )
    if r < 0.80:
        y, n = rng.randint(1988, 1991), rng.randint(1, 18)
        return (
            f"Коммунист. {y}. № {n}. С. {p}–{p + 2}.",
            f"Kommunist, {y}, No. {n}, pp. {p}-{p + 2}.",
        )
    if r < 0.90:
        return (
            f"Ледовский А.М. СССР и Сталин в судьбах Китая. С. {p}.",
            f"Ledovsky A.M. The USSR and Stalin in the Destiny of China. P. {p}.",
        )
    v = rng.randint(14, 18)
    return (
        f"Сталин И.В. Сочинения. – Т. {v}. – Тверь: Информационно-издательский центр "
        f"«Союз», 2006. С. {p}.",
        f"Stalin J.V. Works. Vol. {v}. Tver: Soyuz, 2006. P. {p}.",
    )


def citations(rng: random.Random, year: int) -> list[tuple[str, str]]:
    """(ru, en) prints: one 75 %, none 5 %, several 20 %."""
    r = rng.random()
    n = 0 if r < 0.05 else 1 if r < 0.80 else rng.randint(2, 3)
    return [_citation(rng, year) for _ in range(n)]
