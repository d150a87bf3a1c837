"""Files whose English and Russian halves are two documents (halves.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_db.seedfile import parse_file, parse_text, to_json_dict
from archive_db.seedfile.halves import FLAG_AT, compare_halves, latin_key, signals
from archive_db.seedfile.model import Origin, OriginKind, Version

BATCHES = Path(__file__).parent / "batches"
EN_BODY = ("Comrade Lobov, the cannery at Kem is three weeks behind the plan, and the barrels "
           "from Arkhangelsk have still not arrived. Ask Mikoyan for the tin and report to me "
           "by the end of the month what else Kem lacks.\nJ. Stalin")
RU_BODY = ("Товарищ Лобов, консервный завод в Кеми отстает от плана на три недели, а бочки из "
           "Архангельска все еще не пришли. Попросите у Микояна жесть и сообщите мне к концу "
           "месяца, чего еще не хватает Кеми.\nИ. Сталин")


def version(language: str, title: str, body: str, printed: str | None = None) -> Version:
    origin = Origin("AI" if language == "en" else "tom17",
                    OriginKind.MACHINE_TRANSLATION if language == "en" else OriginKind.VOLUME)
    return Version(language, origin, title, body, 1, 2, printed_date=printed)


def test_the_neighbours_russian_half_is_flagged_and_unlinked() -> None:
    doc = parse_file(BATCHES / "tom17/203_a17b000000000005.txt")
    en = doc.version("en")
    assert en is not None
    assert any(r.startswith("dates:") for r in doc.halves_disagree)
    assert any(r.startswith("addressees:") for r in doc.halves_disagree)
    (warning,) = [w for w in doc.warnings if w.code == "halves-disagree"]
    assert warning.line == 25 and "addressees" in warning.message
    # Still a machine translation, but not of this Russian text.
    assert (en.origin.kind, en.origin.translated_from) == (OriginKind.MACHINE_TRANSLATION, None)
    assert to_json_dict(doc)["halves_disagree"] == doc.halves_disagree


@pytest.mark.parametrize("name", ["tom17/201_a17b000000000001.txt",
                                  "tom15/202_a15b000000000002.txt",
                                  "works/301_e5c0000000000003.txt",
                                  "works/302_e5c0000000000004.txt"])
def test_one_documents_halves_are_not_flagged(name: str) -> None:
    doc = parse_file(BATCHES / name)
    assert doc.halves_disagree == []
    assert all(v.origin.translated_from == "ru" for v in doc.versions if v.language != "ru")


def test_the_specimen_is_not_flagged(specimen_path: Path) -> None:
    doc = parse_file(specimen_path)
    assert doc.halves_disagree == []
    en = doc.version("en")
    assert en is not None and en.origin.translated_from == "ru"


def test_another_item_of_the_same_date_is_flagged_by_addressee_and_kind() -> None:
    en = version("en", "Telegram to A.P. Lobov, May 3, 1931", EN_BODY)
    ru = version("ru", "Записка В.М. Молотову 3 мая 1931 года", RU_BODY)
    reasons = compare_halves(en, ru, en.title, ru.title)
    assert [r.split(":")[0] for r in reasons] == ["addressees", "kind"]


def test_one_weak_sign_alone_does_not_flag() -> None:
    # A translation twice the Russian length (an editor's insertion, say) is not enough.
    en = version("en", "Letter to A.P. Lobov", "\n".join([EN_BODY] * 4))
    ru = version("ru", "Письмо А.П. Лобову", "\n".join([RU_BODY] * 2))
    found = signals(en, ru, en.title, ru.title)
    assert [w for w, _ in found] == [1] and found[0][1].startswith("length:")
    assert compare_halves(en, ru, en.title, ru.title) == []
    assert FLAG_AT == 2


def test_dates_a_few_days_apart_in_closing_lines_only_are_slack() -> None:
    # A closing line may be the newspaper's date, a day after the document's.
    en = version("en", "Greetings to the Kem cannery", EN_BODY)
    ru = version("ru", "Привет Кемскому заводу", RU_BODY)
    en.closing_date, ru.closing_date = "May 3, 1931", "4 мая 1931 г."
    assert compare_halves(en, ru, en.title, ru.title) == []
    ru.closing_date = "19 мая 1931 г."
    assert compare_halves(en, ru, en.title, ru.title)[0].startswith("dates:")


def test_names_are_compared_across_scripts() -> None:
    assert latin_key("Кагановичу") == latin_key("Kaganovich")[:5] + latin_key("Кагановичу")[5:]
    assert latin_key("Штыкову")[:3] == latin_key("Shtykov")[:3]
    assert latin_key("Цзэдуну")[:3] == latin_key("Zedong")[:3]
    assert latin_key("Москва") == latin_key("Moscow")
    assert latin_key("Рузвельт") == latin_key("Roosevelt")
    assert latin_key("Ежов") == latin_key("Yezhov")
    en = version("en", "Note", "Comrade Lobov met Mikoyan, Kirov, Zhdanov and Kuibyshev in Kem.")
    ru = version("ru", "Записка", "Товарищ Лобов встретил Микояна, Кирова, Жданова и Куйбышева.")
    assert signals(en, ru, None, None) == []
    other = version("ru", "Записка", "Товарищ Петров видел Ворошилова, Буденного, Егорова, "
                    "Тухачевского и Блюхера.")
    assert [r for _, r in signals(en, other, None, None)] == ["people: 0 of 6 names in common"]


def test_a_spanish_half_is_compared_too() -> None:
    doc = parse_text("Telegrama a A. P. Lobov\n\nПисьмо В.М. Молотову\n\n1931 ru:tom13;es:OCS\n\n"
                     "Telegrama a A. P. Lobov\n\nLa fábrica de Kem no cumple el plan.\n\n"
                     "J. Stalin\n\nТом 13\nПисьмо В.М. Молотову\nЗаготовки идут плохо.\n",
                     "seeds/tom13/016_0000000000000010.txt")
    es = doc.version("es")
    assert es is not None and es.origin.translated_from is None
    assert [r.split(":")[:2] for r in doc.halves_disagree] == [["es", " addressees"],
                                                               ["es", " kind"]]


def test_a_short_name_matches_only_itself() -> None:
    en = version("en", "Telegram to Mao Zedong and Zhou Enlai", EN_BODY)
    ru = version("ru", "Телеграмма тов. Мао Цзэдуну", RU_BODY)
    assert signals(en, ru, en.title, ru.title) == []
    other = version("ru", "Телеграмма тов. Гао Гану", RU_BODY)
    assert [r.split(":")[0] for _, r in signals(en, other, en.title, other.title)] == [
        "addressees"]


def test_a_full_name_matches_initials_and_surname() -> None:
    en = version("en", "Letter to Vladimir Lenin", EN_BODY)
    ru = version("ru", "Письмо В.И. Ленину", RU_BODY)
    assert signals(en, ru, en.title, ru.title) == []


def test_length_alone_never_flags_however_far_out() -> None:
    en = version("en", "Letter to A.P. Lobov", EN_BODY + " " + "word " * 20_000)
    ru = version("ru", "Письмо А.П. Лобову", "\n".join([RU_BODY] * 2))
    assert [w for w, _ in signals(en, ru, en.title, ru.title)] == [1]
    assert compare_halves(en, ru, en.title, ru.title) == []
