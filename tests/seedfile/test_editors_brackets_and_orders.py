"""Layouts of real telegrams and resolutions, each on an invented fixture: a signature
with the editors' identification in brackets ("FILIPPOV [Stalin]", "Фын Си [И.В.
Сталин]"), a short order opening the text ("Do it.", "Approve."), which is no
addressee line, and a message passed on in quotes, signed inside the closing quote and
followed by a line to the cipher office ("Подтвердите получение.")."""

from __future__ import annotations

from archive_db.seedfile.citations import parse_citation
from archive_db.seedfile.model import NameRole, ParsedDocument
from archive_db.seedfile.roles import address_line, signatures
from tests.seedfile.invented import names, seed_file


def doc(
    english: str,
    russian: str,
    title: str = "Telegram to Wu Tan",
    index: str = "Телеграмма У Тану",
    meta: str = "1950",
) -> ParsedDocument:
    return seed_file(english, russian, title=title, index=index, meta=meta, volume=18,
                     key="00000000000000e1")  # fmt: skip


def test_the_editors_bracket_names_the_same_signer_apart() -> None:
    d = doc(
        "We agree with your plan for the spring.\n\nPETROV [Sidorov]",
        "Мы согласны с вашим планом на весну.\nПетров [Сидоров]",
    )
    assert names(d, NameRole.SIGNATORY, "en") == ["PETROV", "Sidorov"]
    assert names(d, NameRole.SIGNATORY, "ru") == ["Петров", "Сидоров"]
    en, ru = d.versions
    assert en.signatures == ["PETROV [Sidorov]"] and ru.signatures == ["Петров [Сидоров]"]
    assert ru.body == "Мы согласны с вашим планом на весну.\nПетров [Сидоров]"  # verbatim


def test_a_pseudonym_the_dictionary_does_not_know_before_the_bracket() -> None:
    d = doc(
        "We agree with your plan for the spring.\n\nDun Lei [P.P. Sidorov]",
        "Мы согласны с вашим планом на весну.\nДун Лэй [П.П. Сидоров]",
    )
    assert names(d, NameRole.SIGNATORY, "ru") == ["Дун Лэй", "П. П. Сидоров"]
    assert names(d, NameRole.SIGNATORY, "en") == ["Dun Lei", "P. P. Sidorov"]


def test_a_bracket_that_is_no_name_makes_no_signature() -> None:
    units = [(1, "Мы согласны с вашим планом."), (2, "П. Сидоров [подпись]")]
    assert signatures(units, "ru") == ([], [])


def test_a_short_order_is_no_addressee_line() -> None:
    for line in ("Do it.", "Approve.", "Agree.", "Approve the draft."):
        assert address_line(line, "en", 1) is None, line
    d = doc(
        "Do it.\n\nThe plan is accepted, send the figures.\n\nP. Sidorov",
        "Сделайте.\nПлан принят, пришлите цифры.\nП. Сидоров",
        title="Resolution on a note",
        index="Резолюция на записке",
    )
    assert names(d, NameRole.ADDRESSEE, "en") == [] and names(d, NameRole.ADDRESSEE, "ru") == []
    assert d.version("en").addressee_block == []


def test_a_surname_alone_is_still_an_addressee_line() -> None:
    assert [n.text for n in address_line("Kaganovich.", "en", 1) or []] == ["Kaganovich"]
    assert [n.text for n in address_line("To Sidorov.", "en", 1) or []] == ["Sidorov"]
    assert [n.text for n in address_line("Molotov, Kaganovich.", "en", 1) or []] == [
        "Molotov",
        "Kaganovich",
    ]


def test_a_quoted_message_is_signed_inside_the_quote() -> None:
    d = doc(
        "Pass on to Wu Tan:\n\n«We have your letter. With greetings. Petrov».\n\nConfirm receipt.",
        "Передайте У Тану:\n«Ваше письмо получили. С приветом. Петров».\nПодтвердите получение.",
    )
    assert names(d, NameRole.SIGNATORY, "ru") == ["Петров"]
    assert names(d, NameRole.SIGNATORY, "en") == ["Petrov"]
    ru = d.version("ru")
    assert ru.body.endswith("С приветом. Петров».\nПодтвердите получение.")  # all text
    assert ru.notes == [] and all(c.source_kind.value != "newspaper" for c in d.citations)


def test_a_quoted_signature_on_its_own_line() -> None:
    d = doc(
        "Pass on to Wu Tan:\n\n«We have your letter.\n\nWith greetings.\n\nPetrov».\n\n"
        "Confirm receipt.",
        "Передайте У Тану:\n«Ваше письмо получили.\nС приветом.\nПетров».\nПодтвердите получение.",
    )
    assert names(d, NameRole.SIGNATORY, "ru") == ["Петров"]
    assert d.version("ru").signatures == ["Петров»."]


def test_a_name_quoted_inside_a_sentence_signs_nothing() -> None:
    units = [(1, "Ответ будет завтра. Он сказал «мы победим. Петров»."), (2, "Согласны.")]
    assert signatures(units, "ru") == ([], [])


def test_a_paper_is_still_a_paper_and_a_message_is_not() -> None:
    assert parse_citation("«Правда».", "ru") is not None
    assert parse_citation("«Красная звезда» № 12, 3 марта 1931 г.", "ru") is not None
    assert parse_citation("«Ваше письмо получили. С приветом. Петров».", "ru") is None


def test_a_bracket_inside_the_closing_quote_then_a_line_to_the_cipher_office() -> None:
    units = [
        (1, "“Cde. Wu Tan!"),
        (2, "We agree with the proposal."),
        (3, "Petrov [Sidorov].”"),
        (4, "Telegraph the fulfillment."),
    ]
    lines, found = signatures(units, "en")
    assert lines == [(3, "Petrov [Sidorov].”")]
    assert [n.text for n in found] == ["Petrov", "Sidorov"]


def test_a_cipher_number_under_the_signature_is_skipped() -> None:
    units = [(1, "Петрова наказать."), (2, "Сидоров."), (3, "№98"), (4, "19/VIII. 32.")]
    assert [n.text for n in signatures(units, "ru", 1932)[1]] == ["Сидоров"]
