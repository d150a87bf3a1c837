from __future__ import annotations

import time

import pytest

from archive_db.authorities import NameMatcher
from tests.conftest import SPECIMEN_MENTIONED_PEOPLE, SPECIMEN_MENTIONED_PLACES

PEOPLE = SPECIMEN_MENTIONED_PEOPLE
PLACES = SPECIMEN_MENTIONED_PLACES


@pytest.mark.parametrize("language", ["en", "ru"])
def test_specimen_mentions(
    matcher: NameMatcher, specimen_bodies: dict[str, str], language: str
) -> None:
    body = specimen_bodies[language]
    mentions = matcher.find_mentions(body, language)
    people = {m.slug for m in mentions if m.kind == "person"}
    places = {m.slug for m in mentions if m.kind == "place"}
    assert people >= PEOPLE
    assert places == PLACES
    assert people - PEOPLE == {"stalin"}  # the signature, Fyn Si / Фын Си
    for m in mentions:
        assert body[m.start : m.end] == m.text_as_written


def test_specimen_russian_forms(matcher: NameMatcher, specimen_bodies: dict[str, str]) -> None:
    written = {
        (m.slug, m.text_as_written) for m in matcher.find_mentions(specimen_bodies["ru"], "ru")
    }
    assert {
        ("mao-zedong", "Maо Цзэдуну"),
        ("mao-zedong", "Мао"),
        ("kim-il-sung", "Ким Ир Сену"),
        ("syngman-rhee", "лисынмановской"),
        ("38th-parallel", "38-ю параллель"),
        ("far-east", "Дальнем Востоке"),
        ("chiang-kai-shek", "Чан Кайши"),
        ("taiwan", "Тайваня"),
        ("stalin", "Фын Си"),
        ("shtykov", "Штыков"),
    } <= written
    # adjectives of places are not mentions of the place
    assert not any(text.lower().startswith(("корейск", "китайск", "японск")) for _, text in written)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Он сказал Мао, что", "ru", ["Мао"]),
        ("Маоисты и маоизм", "ru", []),
        ("они берут Берлин", "ru", ["Берлин"]),  # the verb, not Bierut
        ("Берут хлеб. Б. Берут приехал.", "ru", ["Б. Берут"]),
        ("Ким сказал Ким Ир Сену", "ru", ["Ким Ир Сену"]),
        ("Ким, Ир и Сен", "ru", []),
        ("Let us go to the US.", "en", ["US"]),
        ("Syngman Rhee's Korea", "en", ["Syngman Rhee", "Korea"]),
        ("the Korean and Chinese comrades", "en", []),
        ("в Дальнем Востоке и в Дальнем", "ru", ["Дальнем Востоке", "Дальнем"]),
        ("СССР и CCCP", "ru", ["СССР", "CCCP"]),
        ("Москва-Пекин", "ru", ["Москва", "Пекин"]),
        ("Пхеньян\nШтыкову", "ru", ["Пхеньян", "Штыкову"]),
    ],
)
def test_find_mentions_cases(
    matcher: NameMatcher, text: str, language: str, expected: list[str]
) -> None:
    assert [m.text_as_written for m in matcher.find_mentions(text, language)] == expected


def test_find_mentions_is_fast(matcher: NameMatcher, specimen_bodies: dict[str, str]) -> None:
    rounds = 50
    for language, body in specimen_bodies.items():
        started = time.perf_counter()
        for _ in range(rounds):
            matcher.find_mentions(body, language)
        per_body = (time.perf_counter() - started) / rounds
        assert per_body < 0.005, f"{language}: {per_body * 1000:.2f} ms per body"  # CI margin
