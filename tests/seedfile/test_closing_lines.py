"""Closing lines of real letters and telegrams, each on an invented fixture in the layout
the volumes print: the date and the signature on one line (in either order), a signer's
office on the signature line, several signers with offices, and a closing greeting that
shares its line with a signature with initials; and a reference introduced by "Печ. по:"
("printed from"), which ends the text like any other; a telegram's line asking the
intermediary to pass it on ("Передайте товарищу N следующий ответ:")."""

from __future__ import annotations

from archive_db.seedfile.model import NameRole, ParsedDocument
from archive_db.seedfile.roles import dated_signature
from tests.seedfile.invented import names, seed_file


def doc(
    english: str,
    russian: str,
    title: str = "Letter to I.I. Ivanov",
    index: str = "Письмо И.И. Иванову",
    meta: str = "1931",
) -> ParsedDocument:
    return seed_file(english, russian, title=title, index=index, meta=meta, volume=17,
                     key="00000000000000c1")  # fmt: skip


def signers(d: ParsedDocument, language: str) -> list[str]:
    return names(d, NameRole.SIGNATORY, language)


def test_the_date_then_a_pseudonym_on_one_line() -> None:
    d = doc(
        "The weather is fine here.\n\nMarch 3, 1931 Dun Lei\n\n---\n"
        "RGASPI. F. 558. Op. 11. D. 40. L. 2.",
        "Погода здесь хорошая.\n3 марта 1931 г. Дун Лэй\nРГАСПИ. Ф. 558. Оп. 11. Д. 40. Л. 2.",
    )
    en, ru = d.versions
    assert ru.body == "Погода здесь хорошая.\n3 марта 1931 г. Дун Лэй"  # nothing cut
    assert (ru.closing_date, ru.signatures) == ("3 марта 1931 г.", ["3 марта 1931 г. Дун Лэй"])
    assert en.closing_date == "March 3, 1931"
    assert signers(d, "ru") == ["Дун Лэй"] and signers(d, "en") == ["Dun Lei"]
    assert (d.date.start.isoformat(), d.date.precision.value) == ("1931-03-03", "day")


def test_a_signature_with_initials_then_the_date() -> None:
    d = doc(
        "Send the figures by Monday.\n\nP. Sidorov. April 14, 1931.",
        "Пришлите цифры к понедельнику.\nП. Сидоров. 14 апреля 1931 г.",
    )
    assert signers(d, "ru") == ["П. Сидоров"] and signers(d, "en") == ["P. Sidorov"]
    assert d.version("ru").closing_date == "14 апреля 1931 г."
    assert d.date.start is not None and d.date.start.isoformat() == "1931-04-14"


def test_a_numeric_date_after_the_name_takes_the_metadata_year() -> None:
    d = doc("Agreed.\n\nP. Sidorov, 14/IV", "Согласен.\nП. Сидоров, 14/IV")
    assert signers(d, "ru") == ["П. Сидоров"]
    assert d.date.start is not None and d.date.start.isoformat() == "1931-04-14"


def test_a_place_and_a_date_are_no_signature() -> None:
    assert dated_signature("Москва, 3 марта 1931 г.") is None
    assert dated_signature("3 марта 1931 г. Москва") is None
    assert dated_signature("Sochi, March 3, 1931") is None  # a name first needs initials
    assert dated_signature("3 марта 1931 г. Кремль") is None  # a dictionary word
    assert dated_signature("Пришлите ответ к 3 марта 1931 г.") is None  # a sentence
    d = doc("Agreed.\n\nSochi, March 3, 1931", "Согласен.\nСочи, 3 марта 1931 г.")
    assert signers(d, "ru") == [] and signers(d, "en") == []


def test_the_office_on_the_signature_line_is_no_part_of_the_name() -> None:
    d = doc(
        "Forward to new victories in the coming year.\n\nMarch 3, 1931\n\n"
        "Secretary of the CC P. SIDOROV",
        "Вперед к новым победам в наступающем году.\n3 марта 1931 года\nСекретарь ЦК П. СИДОРОВ",
    )
    assert signers(d, "ru") == ["П. СИДОРОВ"] and signers(d, "en") == ["P. SIDOROV"]


def test_several_signers_each_with_an_office() -> None:
    d = doc(
        "The plan is approved.\n\nChairman of the council P. Sidorov\n\n"
        "Secretary of the CC K. Orlov\n\nMarch 3, 1931",
        "План утверждается.\nПредседатель совета П. Сидоров\nСекретарь ЦК К. Орлов\n"
        "3 марта 1931 г.",
    )
    assert signers(d, "ru") == ["П. Сидоров", "К. Орлов"]
    assert signers(d, "en") == ["P. Sidorov", "K. Orlov"]


def test_a_greeting_and_a_signature_with_initials_on_one_line() -> None:
    d = doc(
        "Do not delay the answer.\n\nGreetings! P. Sidorov.\n\n3/III-31",
        "Не затягивайте с ответом.\nПривет! П. Сидоров.\n3/III-31",
    )
    assert signers(d, "ru") == ["П. Сидоров"]  # the initial stays with the name
    assert signers(d, "en") == ["P. Sidorov"]


def test_a_reference_the_editors_printed_from_ends_the_text() -> None:
    d = doc(
        "We are waiting for the answer.\n\nFilippov\n\n---\n"
        "Printed from: RGASPI. F. 558. Op. 11. D. 40. L. 7-8, 10.",
        "Ждем ответа.\nФилиппов\nПеч. по: РГАСПИ. Ф. 558. Оп. 11. Д. 40. Л. 7–8, 10.",
    )
    en, ru = d.versions
    assert ru.body == "Ждем ответа.\nФилиппов" and en.body.endswith("Filippov")
    assert signers(d, "ru") == ["Филиппов"]
    (ref,) = d.archival_references
    assert (ref.fond, ref.opis, ref.delo, ref.folio_start, ref.folio_end) == (
        "558",
        "11",
        "40",
        7,
        10,
    )
    assert ref.printed["ru"].startswith("Печ. по:")  # the print keeps the words
    assert set(ref.printed) == {"ru", "en"}


def test_a_telegram_to_pass_on_names_its_addressee_and_the_intermediary() -> None:
    d = doc(
        "Harbin, to Sidorov.\n\nTransmit to comrade Ivan Orlov the following answer:\n\n"
        "We received your letter.\n\nFilippov",
        "Харбин, Сидорову.\nПередайте товарищу Ивану Орлову следующий ответ:\n"
        "Ваше письмо получили.\nФилиппов",
        title="Telegram to P.S. Sidorov",
        index="Телеграмма П.С. Сидорову 1 мая 1931 года",
    )
    roles = {(n.lemma, n.role) for n in d.names if n.language == "ru" and n.method == "layout"}
    assert ("Сидоров", NameRole.INTERMEDIARY) in roles
    assert ("Иван Орлов", NameRole.ADDRESSEE) in roles
    en = {(n.text, n.role) for n in d.names if n.language == "en" and n.method == "layout"}
    assert {("Sidorov", NameRole.INTERMEDIARY), ("Ivan Orlov", NameRole.ADDRESSEE)} <= en
    assert d.version("ru").body.startswith("Харбин, Сидорову.\nПередайте")  # nothing cut


def test_a_line_asking_to_pass_on_without_a_name_is_text() -> None:
    d = doc(
        "Harbin, to Sidorov.\n\nTransmit the following:\n\nWe agree.\n\nFilippov",
        "Харбин, Сидорову.\nПередайте следующее:\nМы согласны.\nФилиппов",
        title="Telegram to P.S. Sidorov",
        index="Телеграмма П.С. Сидорову 1 мая 1931 года",
    )
    roles = {(n.lemma, n.role) for n in d.names if n.language == "ru" and n.method == "layout"}
    assert ("Сидоров", NameRole.ADDRESSEE) in roles
    assert not any(r is NameRole.INTERMEDIARY for _, r in roles)
