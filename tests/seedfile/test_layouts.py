"""Layouts of the real collected works, each on a fixture written for it (invented text in
the layout the exporter and the volumes use): where a text ends and its apparatus begins,
citations of every kind, and the roles the layout gives people and places."""

from __future__ import annotations

import pytest

from archive_db.seedfile import parse_text
from archive_db.seedfile.model import NameRole, ParsedDocument, SourceKind
from tests.seedfile.invented import seed_file

PATH = "seeds/tom17/001_00000000000000b1.txt"


def doc(english: str, russian: str, title: str = "Letter to I.I. Ivanov",
        index: str = "Письмо И.И. Иванову 1 мая 1931 года",
        meta: str = "1931-05-01") -> ParsedDocument:
    return seed_file(english, russian, title=title, index=index, meta=meta, volume=17,
                     key="00000000000000b1")  # fmt: skip


def names(d: ParsedDocument, role: NameRole, language: str = "ru") -> list[str]:
    return [n.lemma or n.text for n in d.names if n.role is role and n.language == language
            and n.method != "ner"]


# -- where a text ends ------------------------------------------------------------------

def test_russian_apparatus_after_the_text_citation_reference_note_label_without_a_dot() -> None:
    d = doc("Write to me.\n\nYour Petya.\n\n---\nIvanov i drugie. Iz semeinogo arkhiva, p. 12.\n"
            "AP RF. F. 3. Op. 1. D. 7. L. 5.\n\nNOTE: The letter was sent from the south.",
            "Напиши мне.\nТвой Петя.\nИванов и другие. Из семейного архива. С. 12\n"
            "АП РФ Ф. 3, Оп. 1. Д. 7. Л. 5.\nПРИМЕЧАНИЕ\nПисьмо отправлено с юга.\n")
    en, ru = d.versions
    assert ru.body == "Напиши мне.\nТвой Петя."
    assert en.body == "Write to me.\n\nYour Petya."
    assert ru.notes == ["Письмо отправлено с юга."]
    assert en.notes == ["NOTE: The letter was sent from the south."]
    (ref,) = d.archival_references
    assert (ref.fond, ref.opis, ref.delo, ref.folio_start) == ("3", "1", "7", 5)
    assert set(ref.printed) == {"ru", "en"}
    book = next(c for c in d.citations if c.source_kind is SourceKind.BOOK)
    assert (book.page_start, set(book.printed)) == (12, {"ru", "en"})


def test_footnotes_under_a_rule_and_a_glued_marker() -> None:
    d = doc("The question of the canal1 is settled.\n\nStalin.\n\n"
            "1 The canal was opened in May (RGASPI. F. 17. Op. 3. D. 9. L. 1).",
            "Вопрос о канале1 решен.\nСталин.\n_____________\n"
            "1 Канал открыт в мае (РГАСПИ. Ф. 17. Оп. 3. Д. 9. Л. 1).\n")
    en, ru = d.versions
    assert ru.body == "Вопрос о канале1 решен.\nСталин."
    assert en.body.endswith("Stalin.")
    assert ru.notes == ["1 Канал открыт в мае (РГАСПИ. Ф. 17. Оп. 3. Д. 9. Л. 1)."]
    assert d.archival_references == []  # a reference inside a footnote is not the document's


def test_a_caption_repeating_the_title_and_asterisk_footnotes() -> None:
    d = doc("Greetings to all*.\n\nIosif.", "Привет всем*.\nИосиф.\n* то есть друзьям\n"
            "Перлюстрированное письмо Иосифа И.И. Иванову 1 мая 1931 года, № 12\n"
            "РГАСПИ. Ф. 558. Оп. 1. Д. 5. Л. 2 (подлинник).\n")
    ru = d.version("ru")
    assert ru is not None and ru.body == "Привет всем*.\nИосиф."
    assert ru.notes[0] == "* то есть друзьям"
    assert ru.notes[1].startswith("Перлюстрированное письмо")
    (ref,) = d.archival_references
    assert (ref.folios, ref.folio_start, ref.folio_end) == ("2", 2, 2)


def test_a_newspaper_over_two_lines_after_the_closing_date() -> None:
    d = doc("Greetings to the builders!\n\nJ. Stalin\n\nMay 1, 1931\n\n---\n"
            "Pravda, No. 119, May 2, 1931.",
            "Привет строителям!\nИ. Сталин\n1 мая 1931 г.\n“Правда” № 119,\n2 мая 1931 г.\n",
            title="Saratov. To the builders", index="Саратов. Строителям завода")
    ru = d.version("ru")
    assert ru is not None and ru.body.endswith("1 мая 1931 г.")
    assert d.date.start is not None and d.date.start.day == 1  # not the newspaper's day
    (paper,) = [c for c in d.citations if c.source_kind is SourceKind.NEWSPAPER]
    assert (paper.source, paper.issue, paper.year, set(paper.printed)) == (
        "Правда", "119", 1931, {"ru", "en"})
    assert d.kind == "greeting"
    assert [n.lemma for n in d.names if n.role is NameRole.DESTINATION] == ["Саратов"]


def test_published_autograph_and_a_pointer_to_a_note_are_apparatus() -> None:
    d = doc("Agreed.\n\nStalin.\n\nAutograph. The underlining is Stalin's.\n\nNote 4: Ibid., p. 9.",
            "Согласен.\nСталин.\nАвтограф. Подчеркивание Сталина.\nПримечание 4: Там же. С. 9.\n"
            ".Опубликовано: Известия ЦК КПСС. 1990. № 3.\n")
    en, ru = d.versions
    assert (ru.body, en.body) == ("Согласен.\nСталин.", "Agreed.\n\nStalin.")
    assert ru.notes == ["Автограф. Подчеркивание Сталина.", "Примечание 4: Там же. С. 9."]
    assert any("Известия" in (c.printed.get("ru") or "") for c in d.citations)


# -- citations of every kind --------------------------------------------------------------

@pytest.mark.parametrize(("line", "kind", "pages"), [
    ("Коммунист. 1990. № 11. С. 96–97.", SourceKind.JOURNAL, (96, 97)),
    ("Петров П.П. Годы и люди. С. 51.", SourceKind.BOOK, (51, 51)),
    ("Годы и люди. Переписка. 1931–1936 гг. С. 14–15.", SourceKind.BOOK, (14, 15)),
    ("Правда. 1949. 9 сентября.", SourceKind.NEWSPAPER, (None, None)),
    ("Сталин И.В. Сочинения. Т. 13. С. 1–5.", SourceKind.COLLECTED_WORKS, (1, 5)),
])
def test_russian_citations(line: str, kind: SourceKind, pages: tuple[int | None, ...]) -> None:
    d = doc("Text.\n\nStalin.", f"Текст.\nСталин.\n{line}\n")
    (c,) = [c for c in d.citations if c.role != "text_source"]
    assert (c.source_kind, c.page_start, c.page_end) == (kind, *pages)
    assert d.version("ru").body == "Текст.\nСталин."  # type: ignore[union-attr]


@pytest.mark.parametrize(("line", "pages"), [
    ("Source: Years and People. Correspondence. 1931-1936, pp. 14-15.", (14, 15)),
    ("Gody i lyudi. Perepiska. 1931-1936 gg. [Years and People], p. 46.", (46, 46)),
    ("Stalin I. V. Works. Vol. 13, pp. 1-5.", (1, 5)),
])
def test_english_citations_with_p_and_pp(line: str, pages: tuple[int, int]) -> None:
    d = doc(f"Text.\n\nStalin.\n\n---\n{line}", "Текст.\nСталин.\n")
    (c,) = [c for c in d.citations if c.role != "text_source"]
    assert (c.page_start, c.page_end) == pages
    assert d.versions[0].notes == []


# -- roles from the layout ------------------------------------------------------------

@pytest.mark.parametrize(("ru", "en", "signer"), [
    ("Сталин.", "Stalin.", "Сталин"),
    ("Ваш Коба", "Yours Koba", "Коба"),
    ("Твой Иосиф.", "Your Iosif.", "Иосиф"),
    ("И. СТАЛИН", "J. STALIN", "И. СТАЛИН"),
    ("Жму руку. Иосиф.", "I shake your hand. Iosif.", "Иосиф"),
])
def test_signatures_in_every_form(ru: str, en: str, signer: str) -> None:
    d = doc(f"The matter is settled.\n\n{en}", f"Дело решено.\n{ru}\n")
    assert names(d, NameRole.SIGNATORY) == [signer]


def test_several_signers_and_an_office_above_the_name() -> None:
    d = doc("Greetings!\n\nJ. Stalin,\n\nV. Molotov",
            "Привет!\nИ. Сталин,\nВ. Молотов\n", title="Nizhny Novgorod. Avtozavod",
            index="Нижний Новгород. Автозавод")
    assert names(d, NameRole.SIGNATORY) == ["И. Сталин", "В. Молотов"]
    order = doc("I order to salute.\n\nSupreme Commander-in-Chief\n\nJ. STALIN",
                "Приказываю салютовать.\nВерховный Главнокомандующий\nИ. СТАЛИН\n",
                title="Order No 5", index="Приказ № 5")
    assert order.version("ru").signatures == [  # type: ignore[union-attr]
        "Верховный Главнокомандующий", "И. СТАЛИН"]
    assert names(order, NameRole.SIGNATORY) == ["И. СТАЛИН"]  # an office is no person


def test_addressee_lines_route_a_telegram() -> None:
    d = doc("Moscow. CC VKP(b). To Petrov for Comrade Ivanov.\n\nAgreed.\n\nStalin.",
            "Москва. ЦК ВКП(б). Петрову для товарища Иванова.\nСогласен.\nСталин.\n",
            title="Telegram to I.I. Ivanov", index="Телеграмма И.И. Иванову 1 мая 1931 года")
    assert names(d, NameRole.DESTINATION) == ["Москва"]
    assert names(d, NameRole.INTERMEDIARY) == ["Петров"]
    assert "Иванов" in names(d, NameRole.ADDRESSEE)
    assert d.kind == "telegram"


def test_a_rank_or_office_before_the_name_and_a_job_title_alone() -> None:
    d = doc("To the Commander of the Front\n\nMarshal of the Soviet Union PETROV\n\n"
            "To the Chief of Staff\n\nColonel General SIDOROV\n\nThe troops took the town.",
            "Командующему войсками фронта\nМаршалу Советского Союза ПЕТРОВУ\n"
            "Начальнику штаба фронта\nГенерал-полковнику СИДОРОВУ\nВойска взяли город.\n",
            title="Order of the Supreme Commander-in-Chief", index="ПРИКАЗ ВЕРХОВНОГО")
    assert names(d, NameRole.ADDRESSEE) == ["ПЕТРОВ", "СИДОРОВ"]


@pytest.mark.parametrize(("line", "expected"), [
    ("Уважаемый товарищ Петров!", ["Петров"]),
    ("Дорогой Петр Иванович!", ["Пётр Иванович"]),  # the nominative as the dictionary has it
    ("Здравствуй, Танька!", ["Танька"]),
    ("Товарищи!", []),
    ("Привет рабочим завода!", []),
])
def test_a_salutation_names_the_addressee_when_nothing_else_does(
        line: str, expected: list[str]) -> None:
    d = doc("Hello!\n\nThe matter is settled.", f"{line}\nДело решено.\n",
            title="A note", index="Записка")
    assert names(d, NameRole.ADDRESSEE) == expected


@pytest.mark.parametrize(("title", "authors", "addressees"), [
    ("Письмо Н.С. Ивановой 21 июня 1930 года", [], ["Н. С. Иванова"]),
    ("Сталин — Петрову, Сидорову 31 августа 1935 г.", ["Сталин"], ["Петров", "Сидоров"]),
    ("Письмо С. Петрова и И. В. Сталина В. И. Ленину", ["С. Петров", "И. В. Сталин"],
     ["В. И. Ленин"]),
    ("Надпись на телеграмме С.М. Кирова 11 сентября 1931 года", [], ["С. М. Киров"]),
    ("Ответ товарищу Разину", [], ["Разин"]),
    ("Запись беседы товарища Сталина И. В. с председателем Мао Цзэдуном", [], ["Мао Цзэдун"]),
    ("ЛЕНИНГРАДСКОМУ ОСОАВИАХИМУ", [], []),  # an organization is no person
    ("Из статьи «Временное правительство»", [], []),  # an opening phrase is no person
])
def test_roles_from_the_title(title: str, authors: list[str], addressees: list[str]) -> None:
    d = doc("Text.", "Текст.\n", title="A document", index=title)
    assert names(d, NameRole.AUTHOR) == authors
    assert names(d, NameRole.ADDRESSEE) == addressees


def test_a_date_a_place_and_an_organization_are_never_people() -> None:
    d = doc("The 31st day of August 1918\n\nSVERDLOVSK\n\nThe work goes on.",
            "31 августа 1918 года\nСВЕРДЛОВСК\nПредседатель Совнаркома СССР\nРабота идет.\n",
            title="A note", index="Записка")
    # (Mentions in running text are the recognizer's, not the parser's: see
    # tests/importer/test_recognition.py.)
    people = [n.lemma or n.text for n in d.names
              if n.kind == "person" and n.role is not NameRole.MENTIONED]
    assert people == []


def test_a_publication_over_two_lines_and_a_shortened_signature() -> None:
    d = doc("Greetings!\n\nI. Stal.\n\n---\nPetrov and Sidorov. Correspondence.\n"
            "1931-1936, p. 210.",
            "Привет!\nИ. Стал.\n2/VII-32\nПетров и Сидоров. Переписка.\n1931–1936 гг. С.210.\n")
    en, ru = d.versions
    assert ru.body == "Привет!\nИ. Стал.\n2/VII-32"
    assert names(d, NameRole.SIGNATORY) == ["И. Стал"]
    (book,) = [c for c in d.citations if c.role != "text_source"]
    assert (book.page_start, book.printed["ru"]) == (
        210, "Петров и Сидоров. Переписка. 1931–1936 гг. С.210.")
    assert ru.notes == [] and en.notes == []


@pytest.mark.parametrize(("title", "addressees"), [
    ("Telegram to the Council of People's Commissars", []),
    ("To the President of the Polish Republic Comrade Jan Kowalski", ["Jan Kowalski"]),
    ("Letter to V.V. Petrov", ["V. V. Petrov"]),
    ("Reply to Comrade Razin", ["Razin"]),
])
def test_english_titles(title: str, addressees: list[str]) -> None:
    d = parse_text(f"{title}\n\n1931 en:AI\n\n{title}\n\nText.\n", PATH)
    assert names(d, NameRole.ADDRESSEE, "en") == addressees


@pytest.mark.parametrize(("line", "roles"), [
    ("Москва. Кремль. Петрову.", [("Москва", "destination"), ("Петров", "addressee")]),
    ("Для т. Петрова.", [("Петров", "addressee")]),
    ("Тов. Петрову. Копия: Сидорову.", [("Петров", "addressee"), ("Сидоров", "recipient")]),
    ("Харьков, Петрову.", [("Харьков", "destination"), ("Петров", "addressee")]),
])
def test_more_addressee_lines(line: str, roles: list[tuple[str, str]]) -> None:
    d = doc("To Petrov.\n\nAgreed.", f"{line}\nСогласен.\n", title="A note", index="Записка")
    got = [(n.lemma, n.role.value) for n in d.names
           if n.language == "ru" and n.method == "layout" and n.role is not NameRole.MENTIONED]
    assert got == roles


def test_the_writer_of_a_telegram_named_in_its_title() -> None:
    d = doc("Text.", "Текст.\n", title="A telegram",
            index="Телеграмма И.В. Сталина Г.М. Маленкову")
    assert names(d, NameRole.AUTHOR) == ["И. В. Сталин"]
    assert names(d, NameRole.ADDRESSEE) == ["Г. М. Маленков"]
