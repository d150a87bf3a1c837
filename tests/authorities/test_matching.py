from __future__ import annotations

import pytest

from archive_db.authorities import NameMatcher, NameRow

# (name as written, language, slug or None)
CASES = [
    ("Штыкову", "ru", "shtykov"),
    ("Штыков", "ru", "shtykov"),
    ("Т.Ф. Штыкову", "ru", "shtykov"),
    ("Т. Ф. Штыкову", "ru", "shtykov"),
    ("товарищ Штыков", "ru", "shtykov"),
    ("Товарищу Штыкову", "ru", "shtykov"),
    ("Shtykov", "en", "shtykov"),
    ("Comrade Shtykov", "en", "shtykov"),
    ("T.F. Shtykov", "en", "shtykov"),
    ("Ким Ир Сена", "ru", "kim-il-sung"),
    ("Ким Ир Сену", "ru", "kim-il-sung"),
    ("Ким Ир Сен", "ru", "kim-il-sung"),
    ("Kim Il Sung", "en", "kim-il-sung"),
    ("Kim Il-sung", "en", "kim-il-sung"),
    ("Мао Цзэдуну", "ru", "mao-zedong"),
    ("Maо Цзэдуну", "ru", "mao-zedong"),  # Latin M and a
    ("Мао", "ru", "mao-zedong"),
    ("Mao Tse-tung", "en", "mao-zedong"),
    ("Чан Кайши", "ru", "chiang-kai-shek"),
    ("Чан Кай-ши", "ru", "chiang-kai-shek"),
    ("лисынмановской", "ru", "syngman-rhee"),
    ("Ли Сын Мана", "ru", "syngman-rhee"),
    ("Syngman Rhee", "en", "syngman-rhee"),
    ("Фын Си", "ru", "stalin"),
    ("Fyn Si", "en", "stalin"),
    ("И. Сталин", "ru", "stalin"),
    ("Сталину", "ru", "stalin"),
    ("Филиппов", "ru", "stalin"),
    ("У. Черчилля", "ru", "churchill"),
    ("Вышинскому", "ru", "vyshinsky"),
    ("Молотову", "ru", "molotov"),
    ("Г.К. Жукову", "ru", "zhukov"),
    ("г-ну Трумэну", "ru", "truman"),
    ("Чжоу Эньлаю", "ru", "zhou-enlai"),
    ("Лю Шаоци", "ru", "liu-shaoqi"),
    ("Pyongyang", "en", "pyongyang"),
    ("Пхеньян", "ru", "pyongyang"),
    ("Пхеньяне", "ru", "pyongyang"),
    ("Кореи", "ru", "korea"),
    ("Корею", "ru", "korea"),
    ("Корее", "ru", "korea"),
    ("СССР", "ru", "ussr"),
    ("CCCP", "ru", "ussr"),  # typed in Latin letters
    ("Советского Союза", "ru", "ussr"),
    ("США", "ru", "usa"),
    ("Соединенных Штатов", "ru", "usa"),
    ("38-ю параллель", "ru", "38th-parallel"),
    ("38-й параллели", "ru", "38th-parallel"),
    ("38th parallel", "en", "38th-parallel"),
    ("Дальнем Востоке", "ru", "far-east"),
    ("Far East", "en", "far-east"),
    ("Дальнем", "ru", "dalny"),
    ("Великобритании", "ru", "britain"),
    ("England", "en", "britain"),
    ("Порт-Артуре", "ru", "port-arthur"),
    ("Пекине", "ru", "beijing"),
    ("Peking", "en", "beijing"),
    ("Москвой", "ru", "moscow"),
    ("Твери", "ru", "tver"),
    # negatives
    ("Ким", "ru", None),
    ("Корейской", "ru", None),
    ("корейские", "ru", None),
    ("Korean", "en", None),
    ("Chinese", "en", None),
    ("Ли", "ru", None),
    ("Сын", "ru", None),
    ("Иванов", "ru", None),
    ("", "ru", None),
    ("товарищ", "ru", None),
]


@pytest.mark.parametrize(("written", "language", "slug"), CASES)
def test_match(matcher: NameMatcher, written: str, language: str, slug: str | None) -> None:
    found = matcher.match(written, language)
    assert (found.slug if found else None) == slug


def test_match_details(matcher: NameMatcher) -> None:
    found = matcher.match("Фын Си", "ru")
    assert found is not None
    assert (found.kind, found.name_kind, found.exact) == ("person", "pseudonym", True)
    inflected = matcher.match("Ким Ир Сену", "ru")
    assert inflected is not None and inflected.form == "Ким Ир Сен" and not inflected.exact
    place = matcher.match("Пхеньян", "ru")
    assert place is not None and place.kind == "place"
    assert matcher.match("Пхеньян", "ru", kind="person") is None


def test_ambiguous_names_do_not_match() -> None:
    matcher = NameMatcher(
        [
            ("li-a", "person", "Ли Ли", "ru"),
            ("li-b", "person", "Ли Ли", "ru"),
            ("kim", "person", "А.Б. Ким", "ru"),
            ("kim2", "person", "В.Г. Ким", "ru"),
            ("kim", "person", "Ким", "ru"),
            ("kim2", "person", "Ким", "ru"),
        ]
    )
    assert matcher.match("Ли Ли", "ru") is None
    assert matcher.find_mentions("Вчера Ли Ли уехал.", "ru") == []
    # initials choose between two entries with the same surname
    found = matcher.match("В. Г. Киму", "ru")
    assert found is not None and found.slug == "kim2"


def test_rows_as_plain_tuples() -> None:
    matcher = NameMatcher([("provisional-pak", "person", "Пак Ир", "ru", "variant", False)])
    assert matcher.match("Пак Иру", "ru") == matcher.match("Пак Иру", "ru")
    assert matcher.match("Пак Ир", "ru") is not None
    assert matcher.find_mentions("Пак Ир приехал.", "ru") == []  # scan=False
    assert NameRow("a", "person", "A", "en").scan is True
