"""Names and their roles; document kinds; classification levels."""

from __future__ import annotations

import pytest

from archive_db.seedfile.kinds import classification_level, kind_from_titles
from archive_db.seedfile.model import NameRole
from archive_db.seedfile.names import addressee_names, mentioned_names, signature_names

R = NameRole


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (["Pyongyang, Shtykov", "for", "Kim Il Sung"],
         [("Pyongyang", R.DESTINATION, "place"), ("Shtykov", R.INTERMEDIARY, "person"),
          ("Kim Il Sung", R.ADDRESSEE, "person")]),
        (["Пхеньян Штыкову", "для", "Ким Ир Сена"],
         [("Пхеньян", R.DESTINATION, "place"), ("Штыкову", R.INTERMEDIARY, "person"),
          ("Ким Ир Сена", R.ADDRESSEE, "person")]),
        (["Харбин, Ковалеву", "для", "Мао Цзэдуна"],
         [("Харбин", R.DESTINATION, "place"), ("Ковалеву", R.INTERMEDIARY, "person"),
          ("Мао Цзэдуна", R.ADDRESSEE, "person")]),
        (["Молотову, Микояну"], [("Молотову", R.ADDRESSEE, "person"),
                                 ("Микояну", R.ADDRESSEE, "person")]),
        (["Тов. Молотову"], [("Молотову", R.ADDRESSEE, "person")]),
        (["Товарищу Ленину"], [("Ленину", R.ADDRESSEE, "person")]),
        (["Пекин"], [("Пекин", R.DESTINATION, "place")]),
    ],
)
def test_addressee_blocks(block: list[str], expected: list[tuple[str, NameRole, str]]) -> None:
    names = addressee_names(list(enumerate(block, 10)), "ru")
    assert [(n.text, n.role, n.kind) for n in names] == expected
    assert all(n.line is not None and n.line >= 10 for n in names)


def test_signatures() -> None:
    names = signature_names([(5, "И. Сталин, В. Молотов"), (6, "Фын Си")], "ru")
    assert [(n.text, n.role, n.line) for n in names] == [
        ("И. Сталин", R.SIGNATORY, 5), ("В. Молотов", R.SIGNATORY, 5), ("Фын Си", R.SIGNATORY, 6)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On October 1, I sent Mao Zedong a request.", ["Mao Zedong"]),
        ("not for Chiang Kai-shek, who has no chance", ["Chiang Kai-shek"]),
        ("in the form of Syngman Rhee's Korea.", ["Syngman Rhee", "Korea"]),
        ("я послал запрос Maо Цзэдуну, неможет ли он", ["Maо Цзэдуну"]),
        ("не для Чан Кайши, у которого", ["Чан Кайши"]),
        ("Я написал И. Сталину и Mr. Harriman.", ["И. Сталину", "Harriman"]),
        ("The USA is not ready. Japan is weak.", ["USA", "Japan"]),  # initial, but a place
        ("Положение ясно. Ответ готов.", []),  # sentence-initial words are capitalized anyway
        ("перейдет 38-ю параллель", ["38-ю параллель"]),
        ("Если война неизбежна, то Вам надо держаться.", []),
    ],
)
def test_mentioned(text: str, expected: list[str]) -> None:
    assert [n.text for n in mentioned_names([(3, text)], "ru")] == expected


def test_sentence_initial_word_counts_when_also_seen_inside_a_sentence() -> None:
    lines = [(1, "Врангель отходит."), (2, "Мы видим, что Врангель слаб.")]
    assert [(n.text, n.line) for n in mentioned_names(lines, "ru")] == [
        ("Врангель", 1), ("Врангель", 2)]


def test_speaker_labels() -> None:
    lines = [(1, "Сталин: Товарищи, начнем."), (2, "Молотов (с места): Верно!")]
    assert [(n.text, n.kind) for n in mentioned_names(lines, "ru")] == [
        ("Сталин", "person"), ("Молотов", "person")]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Телеграмма Т.Ф. Штыкову", "telegram"), ("Telegram to T.F. Shtykov", "telegram"),
        ("Письмо В.М. Молотову", "letter"), ("Letter to V.M. Molotov", "letter"),
        ("Речь на предвыборном собрании", "speech"), ("Speech at a meeting", "speech"),
        ("Выступление на пленуме", "speech"), ("Приказ Народного комиссара обороны", "order"),
        ("Order of the People's Commissar", "order"), ("Статья в «Правде»", "article"),
        ("Записка в Политбюро", "note"), ("Беседа с Эмилем Людвигом", "interview"),
        ("Interview with a journalist", "interview"), ("Постановление Политбюро", "decree"),
        ("Resolution of the Politburo", "decree"), ("Директива Ставки", "directive"),
        ("Приветствие рабочим", "greeting"), ("Доклад на съезде", "report"),
        ("Ответ товарищам колхозникам", "reply"), ("Reply to comrades", "reply"),
        ("Инструкция уполномоченным", "instruction"), ("О задачах хозяйственников", "other"),
    ],
)
def test_kinds(title: str, kind: str) -> None:
    assert kind_from_titles(title) == kind


def test_kinds_and_levels_are_in_the_database_vocabulary() -> None:
    from archive_db.seedfile.kinds import KINDS, LEVELS
    from archive_db.vocab import CLASSIFICATIONS, DOCUMENT_KINDS

    assert set(KINDS) <= set(DOCUMENT_KINDS)
    assert set(LEVELS) <= set(CLASSIFICATIONS)


def test_kind_prefers_the_first_title_naming_one() -> None:
    assert kind_from_titles(None, "О задачах", "Telegram to X") == "telegram"


@pytest.mark.parametrize(
    ("printed", "level"),
    [
        ("Top Secret.", "top_secret"), ("Особо секретно.", "top_secret"),
        ("Совершенно секретно", "top_secret"), ("Строго секретно. Лично", "top_secret"),
        ("Секретно.", "secret"), ("Secret.", "secret"), ("Лично и секретно", "secret"),
        ("Особой важности.", "top_secret"), ("Доверительно.", "confidential"),
        ("Strictly confidential.", "confidential"), ("Для служебного пользования", "confidential"),
        ("Лично.", "personal"), ("Personal", "personal"),
        ("Секретно ли это дело.", None), ("Товарищ!", None),
    ],
)
def test_classification_levels(printed: str, level: str | None) -> None:
    assert classification_level(printed) == level
