"""Test data for the query layer, built with the ORM models.

The first document mirrors the real specimen ``seeds/tom18/000_fb0b047ba36df19f.txt``
(its Russian and English bodies are read from the file, so stemming is tested on the
real text); the others are synthetic and cover the variants the queries must handle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from archive_db.models import (
    ArchivalReference,
    Archive,
    Citation,
    Document,
    DocumentPerson,
    DocumentPlace,
    DocumentVersion,
    Person,
    PersonName,
    Place,
    PlaceName,
    Source,
)
from archive_db.repository.names import normalize_name
from tests.conftest import SPECIMEN

SPECIMEN_KEY = "fb0b047ba36df19f"
SAME_DELO_KEY = "a000000000000001"  # АП РФ 45/1/347, folios 12–14: before the specimen
MACHINE_ONLY_KEY = "a000000000000002"  # English machine translation only, no reference
REVISED_KEY = "a000000000000003"  # Russian text in revision 2
UNDATED_KEY = "a000000000000004"
ARTICLE_KEY = "a000000000000005"
ALL_KEYS = (SPECIMEN_KEY, SAME_DELO_KEY, MACHINE_ONLY_KEY, REVISED_KEY, UNDATED_KEY, ARTICLE_KEY)


def specimen_texts() -> tuple[str, str]:
    """(Russian body, English body) of the specimen, verbatim."""
    lines = SPECIMEN.read_text(encoding="utf-8").splitlines()
    en_start = lines.index("Top Secret.") + 2
    en_end = lines.index("---")
    ru_start = lines.index("Особо секретно.") + 1
    ru_end = len(lines) - 2  # the two citation lines
    return "\n".join(lines[ru_start:ru_end]), "\n".join(lines[en_start:en_end]).strip()


def sha(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


def version(language: str, origin: str, title: str, body: str, **kw: object) -> DocumentVersion:
    kinds = {"AI": "machine_translation", "HT": "human_translation"}
    return DocumentVersion(
        language=language,
        origin=origin,
        origin_kind=kinds.get(origin, "volume"),
        origin_volume="18" if origin == "tom18" else None,
        title=title,
        body=body,
        sha256=sha(body),
        **kw,
    )


@dataclass
class Fixture:
    people: dict[str, Person] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    archives: dict[str, Archive] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)


PEOPLE = {
    # slug: (preferred en, preferred ru, [(name, kind, language)])
    "stalin": ("Joseph Stalin", "Иосиф Виссарионович Сталин",
               [("Сталин", "variant", "ru"), ("Stalin", "variant", "en"),
                ("Фын Си", "pseudonym", "ru"), ("Fyn Si", "pseudonym", "en")]),
    "shtykov": ("Terenty Shtykov", "Терентий Фомич Штыков",
                [("Штыков", "variant", "ru"), ("Штыкову", "inflected", "ru"),
                 ("Shtykov", "variant", "en")]),
    "kim-il-sung": ("Kim Il Sung", "Ким Ир Сен",
                    [("Ким Ир Сена", "inflected", "ru"), ("Ким Ир Сену", "inflected", "ru")]),
    "mao-zedong": ("Mao Zedong", "Мао Цзэдун",
                   [("Мао Цзэдуну", "inflected", "ru"), ("Мао", "variant", "ru")]),
    "chiang-kai-shek": ("Chiang Kai-shek", "Чан Кайши", []),
    "syngman-rhee": ("Syngman Rhee", "Ли Сын Ман", [("лисынмановской", "inflected", "ru")]),
}  # fmt: skip

PLACES = {
    "pyongyang": ("Pyongyang", "Пхеньян", "settlement"),
    "korea": ("Korea", "Корея", "country"),
    "china": ("China", "Китай", "country"),
    "ussr": ("USSR", "СССР", "country"),
    "usa": ("USA", "США", "country"),
    "japan": ("Japan", "Япония", "country"),
    "moscow": ("Moscow", "Москва", "settlement"),
}


def _person(slug: str) -> Person:
    en, ru, others = PEOPLE[slug]
    forms = [(en, "preferred", "en"), (ru, "preferred", "ru"), *others]
    return Person(
        slug=slug,
        preferred_name=en,
        preferred_name_ru=ru,
        names=[
            PersonName(
                name=n,
                name_normalized=normalize_name(n),
                kind=k,
                language=lang,
                script="Cyrl" if lang == "ru" else "Latn",
            )
            for n, k, lang in forms
        ],
    )


def _place(slug: str) -> Place:
    en, ru, kind = PLACES[slug]
    return Place(
        slug=slug,
        preferred_name=en,
        preferred_name_ru=ru,
        kind=kind,
        names=[
            PlaceName(name=en, name_normalized=normalize_name(en), kind="preferred",
                      language="en", script="Latn"),
            PlaceName(name=ru, name_normalized=normalize_name(ru), kind="preferred",
                      language="ru", script="Cyrl"),
        ],
    )  # fmt: skip


def build(session: Session) -> Fixture:
    """Add the test documents to ``session`` and flush; the caller commits or rolls back."""
    fx = Fixture()
    fx.people = {slug: _person(slug) for slug in PEOPLE}
    fx.places = {slug: _place(slug) for slug in PLACES}
    ap = Archive(
        code="АП РФ",
        code_latin="AP RF",
        name_ru="Архив Президента Российской Федерации",
        name_en="Archive of the President of the Russian Federation",
    )
    rgaspi = Archive(
        code="РГАСПИ",
        code_latin="RGASPI",
        name_ru="Российский государственный архив социально-политической истории",
    )
    fx.archives = {"ap": ap, "rgaspi": rgaspi}
    vestnik = Source(
        kind="journal",
        title="Вестник Архива Президента Российской Федерации",
        title_latin="Vestnik",
        issue="1",
        year=1996,
    )
    works = Source(
        kind="collected_works",
        title="Сталин И.В. Сочинения",
        title_latin="Works",
        volume="18",
        year=2006,
        publisher="Союз",
        place="Тверь",
    )
    pravda = Source(
        kind="newspaper",
        title="Правда",
        title_latin="Pravda",
        year=1949,
        issue_date=dt.date(1949, 12, 22),
    )
    fx.sources = {"vestnik": vestnik, "works": works, "pravda": pravda}
    session.add_all([*fx.people.values(), *fx.places.values(), ap, rgaspi, *fx.sources.values()])
    p, pl = fx.people, fx.places

    def how(role: str) -> dict[str, object]:
        """The provenance the importer gives: roles from the layout, mentions matched."""
        if role == "mentioned":
            return {"method": "authority", "confidence": 0.9}
        return {"method": "layout", "confidence": 1.0}

    def person(slug: str, role: str, language: str, written: str) -> DocumentPerson:
        return DocumentPerson(person=p[slug], role=role, language=language,
                              name_as_written=written, **how(role))  # fmt: skip

    def place(slug: str, role: str, language: str, written: str) -> DocumentPlace:
        return DocumentPlace(place=pl[slug], role=role, language=language,
                             name_as_written=written, **how(role))  # fmt: skip

    # 1. The specimen.
    ru_body, en_body = specimen_texts()
    specimen = Document(
        key=SPECIMEN_KEY,
        volume="tom18",
        position=0,
        kind="telegram",
        title="Telegram to T.F. Shtykov",
        index_title="Телеграмма Т.Ф. Штыкову 8 октября 1950 года",
        date_text="8 октября 1950 г.",
        date_header="1950-10-08",
        date_start=dt.date(1950, 10, 8),
        date_end=dt.date(1950, 10, 8),
        date_precision="day",
        date_edtf="1950-10-08",
        date_certainty="exact",
        classification="top_secret",
        classification_text="Особо секретно.",
        source_path="seeds/tom18/000_fb0b047ba36df19f.txt",
    )
    ru = version(
        "ru",
        "tom18",
        "Телеграмма Т.Ф. Штыкову 8 октября 1950 года",
        ru_body,
        source_line="Том 18",
        addressee_block=["Пхеньян Штыкову", "для", "Ким Ир Сена"],
        salutation="Товарищ Ким Ир Сен!",
        closing_date="8 октября 1950 г.",
        signatures=["Фын Си"],
    )
    en = version(
        "en",
        "AI",
        "Telegram to T.F. Shtykov",
        en_body,
        source_line="Source: Tom 18",
        printed_date="October 8, 1950",
        addressee_block=["Pyongyang, Shtykov", "for", "Kim Il Sung"],
        salutation="Comrade Kim Il Sung!",
        closing_date="October 8, 1950",
        signatures=["Fyn Si"],
    )
    en.translation_of = ru
    specimen.versions = [ru, en]
    specimen.people = [
        person("stalin", "author", "ru", "Фын Си"),
        person("stalin", "author", "en", "Fyn Si"),
        person("stalin", "signatory", "ru", "Фын Си"),
        person("stalin", "signatory", "en", "Fyn Si"),
        person("shtykov", "intermediary", "ru", "Штыкову"),
        person("shtykov", "intermediary", "en", "Shtykov"),
        person("kim-il-sung", "addressee", "ru", "Ким Ир Сена"),
        person("kim-il-sung", "addressee", "en", "Kim Il Sung"),
        person("mao-zedong", "mentioned", "ru", "Мао Цзэдуну"),
        person("mao-zedong", "mentioned", "en", "Mao Zedong"),
        person("chiang-kai-shek", "mentioned", "ru", "Чан Кайши"),
        person("syngman-rhee", "mentioned", "ru", "лисынмановской"),
    ]
    specimen.places = [
        place("pyongyang", "destination", "ru", "Пхеньян"),
        place("pyongyang", "destination", "en", "Pyongyang"),
        place("korea", "mentioned", "ru", "Корею"),
        place("korea", "mentioned", "en", "Korea"),
        place("china", "mentioned", "ru", "Китае"),
        place("ussr", "mentioned", "ru", "СССР"),
        place("usa", "mentioned", "ru", "США"),
        place("japan", "mentioned", "ru", "Японии"),
    ]
    specimen.archival_references = [
        ArchivalReference(
            position=1,
            archive=ap,
            fond="45",
            opis="1",
            delo="347",
            folios="65–67",
            folio_start=65,
            folio_end=67,
            printed_ru="АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67.",
            printed_en="AP RF. F. 45. Op. 1. D. 347. L. 65-67.",
        )
    ]
    specimen.citations = [
        Citation(
            position=1,
            source=vestnik,
            role="first_publication",
            pages="132–133",
            page_start=132,
            page_end=133,
            printed_ru="Вестник. 1996. № 1. С. 132–133.",
            printed_en="Vestnik, 1996, No. 1, pp. 132-133.",
        ),
        Citation(
            position=2,
            source=works,
            role="text_source",
            printed_ru="Том 18",
            printed_en="Source: Tom 18",
        ),
    ]

    # 2. Same delo, earlier folios, inserted later.
    body = (
        "Товарищу Мао Цзэдуну. Положение в Корее стало тяжелым. "
        "Прошу сообщить, можете ли вы направить войска в Корею. Фын Си."
    )
    same_delo = Document(
        key=SAME_DELO_KEY,
        volume="tom18",
        position=1,
        kind="telegram",
        title="Telegram to Mao Zedong",
        date_text="1 октября 1950 г.",
        date_start=dt.date(1950, 10, 1),
        date_end=dt.date(1950, 10, 1),
        date_precision="day",
        date_certainty="exact",
        versions=[version("ru", "tom18", "Телеграмма Мао Цзэдуну 1 октября 1950 года", body)],
        people=[
            person("stalin", "author", "ru", "Фын Си"),
            person("stalin", "signatory", "ru", "Фын Си"),
            person("mao-zedong", "addressee", "ru", "Мао Цзэдуну"),
        ],
        places=[
            place("korea", "mentioned", "ru", "Корее"),
            place("china", "destination", "ru", "Пекин"),
        ],
        archival_references=[
            ArchivalReference(
                position=1,
                archive=ap,
                fond="45",
                opis="1",
                delo="347",
                folios="12–14",
                folio_start=12,
                folio_end=14,
                printed_ru="АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 12–14.",
            )
        ],
        citations=[Citation(position=1, source=works, role="text_source")],
    )

    # 3. Only an English machine translation, month precision, no reference.
    body = (
        "Comrade Kim Il Sung! The situation in Korea requires patience. "
        "Troops will be sent when ready. J. Stalin"
    )
    machine_only = Document(
        key=MACHINE_ONLY_KEY,
        volume="tom18",
        position=2,
        kind="letter",
        title="Letter to Kim Il Sung",
        date_text="March 1951",
        date_start=dt.date(1951, 3, 1),
        date_end=dt.date(1951, 3, 31),
        date_precision="month",
        date_certainty="exact",
        versions=[version("en", "AI", "Letter to Kim Il Sung", body)],
        people=[
            person("stalin", "author", "en", "J. Stalin"),
            person("stalin", "signatory", "en", "J. Stalin"),
            person("kim-il-sung", "addressee", "en", "Kim Il Sung"),
        ],
        places=[place("korea", "mentioned", "en", "Korea")],
        citations=[Citation(position=1, source=works, role="text_source")],
    )

    # 4. A speech whose Russian text changed: revision 1 kept, revision 2 current.
    old = "Товарищи! Речь на торжественном заседании в Москве. Да здравствует дружба."
    new = "Товарищи! Речь на торжественном заседании в Москве. Да здравствует дружба народов."
    revised = Document(
        key=REVISED_KEY,
        volume="tom18",
        position=3,
        kind="speech",
        title="Speech at the ceremonial meeting",
        date_text="21 декабря 1949 г.",
        date_start=dt.date(1949, 12, 21),
        date_end=dt.date(1949, 12, 21),
        date_precision="day",
        date_certainty="exact",
        origin_place=pl["moscow"],
        versions=[
            version(
                "ru", "tom18", "Речь на торжественном заседании", old, revision=1, is_current=False
            ),
            version("ru", "tom18", "Речь на торжественном заседании", new, revision=2),
        ],
        people=[person("stalin", "author", "ru", "И. Сталин")],
        places=[place("moscow", "origin", "ru", "Москве")],
        archival_references=[
            ArchivalReference(
                position=1,
                archive=rgaspi,
                fond="558",
                opis="11",
                delo="334",
                folios="1–5",
                folio_start=1,
                folio_end=5,
                printed_ru="РГАСПИ. Ф. 558. Оп. 11. Д. 334. Л. 1–5.",
            )
        ],
        citations=[
            Citation(
                position=1,
                source=pravda,
                role="first_publication",
                printed_ru="Правда. 1949. 22 декабря.",
            ),
            Citation(position=2, source=works, role="text_source"),
        ],
    )

    # 5. Undated note, in the same RGASPI delo.
    undated = Document(
        key=UNDATED_KEY,
        volume="tom18",
        position=4,
        kind="note",
        title="Note on Korea",
        versions=[
            version(
                "ru", "tom18", "Записка о Корее", "Записка. Вопрос о Корее обсудить с Мао Цзэдуном."
            )
        ],
        people=[
            person("stalin", "author", "ru", "Сталин"),
            person("mao-zedong", "mentioned", "ru", "Мао Цзэдуном"),
        ],
        places=[place("korea", "mentioned", "ru", "Корее")],
        archival_references=[
            ArchivalReference(
                position=1,
                archive=rgaspi,
                fond="558",
                opis="11",
                delo="334",
                folios="6",
                folio_start=6,
                folio_end=6,
            )
        ],
    )

    # 6. An article of 1952 with a human translation.
    ru_a = "Статья о мирном строительстве в Китае и о дружбе народов СССР и Китая."
    en_a = "An article on peaceful construction in China and on the friendship of the peoples."
    article = Document(
        key=ARTICLE_KEY,
        volume="tom18",
        position=5,
        kind="article",
        title="On peaceful construction",
        date_text="1952",
        date_start=dt.date(1952, 1, 1),
        date_end=dt.date(1952, 12, 31),
        date_precision="year",
        date_certainty="exact",
        versions=[
            version("ru", "tom18", "О мирном строительстве", ru_a),
            version("en", "HT", "On peaceful construction", en_a),
        ],
        people=[
            person("stalin", "author", "ru", "И. Сталин"),
            person("stalin", "author", "en", "J. Stalin"),
        ],
        places=[
            place("china", "mentioned", "ru", "Китае"),
            place("ussr", "mentioned", "ru", "СССР"),
        ],
        citations=[Citation(position=1, source=works, role="text_source")],
    )

    docs = [specimen, same_delo, machine_only, revised, undated, article]
    session.add_all(docs)
    fx.documents = {d.key: d for d in docs}
    session.flush()
    return fx
