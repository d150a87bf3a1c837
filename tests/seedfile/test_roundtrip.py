"""Property: render → parse gives back the document (and render is a fixpoint)."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_db.seedfile import SeedFileError, parse_bytes, parse_text, render
from archive_db.seedfile.archives import KNOWN_ARCHIVES
from archive_db.seedfile.citations import merge_citations, parse_citation
from archive_db.seedfile.dates import parse_date, to_document_date
from archive_db.seedfile.model import (
    ArchivalReference,
    Citation,
    Origin,
    OriginKind,
    ParsedDocument,
    Version,
)
from archive_db.seedfile.references import merge_references, parse_reference

RU_WORDS = ["товарищ", "неможет", "войска", "Корею", "Maо", "Цзэдуну", "вопрос", "срочно",
            "ответ", "Китая", "армии", "дивизий", "прошу", "сообщить", "план", "5–6"]
EN_WORDS = ["comrade", "troops", "Korea", "Mao", "Zedong", "question", "urgent", "reply", "China",
            "army", "divisions", "please", "report", "plan", "5-6", "the", "of"]
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


def _line(words: list[str]) -> st.SearchStrategy[str]:
    # A line starts with a word of letters: a body with none is rejected (no text).
    lettered = [w for w in words if any(c.isalpha() for c in w)]
    return st.builds(
        lambda first, ws, end, pad: " ".join([first, *ws]) + end + pad,
        st.sampled_from(lettered),
        st.lists(st.sampled_from(words), max_size=7),
        st.sampled_from([".", ",", ";", "", "…", "?"]),
        st.sampled_from(["", "", "  "]),  # trailing spaces are part of the record
    ).map(lambda s: s[0].upper() + s[1:])


@st.composite
def printed_dates(draw: st.DrawFn) -> tuple[str, str] | None:
    """A date printed in Russian and in English, or None."""
    if draw(st.booleans()):
        return None
    y = draw(st.integers(1895, 1953))
    m = draw(st.integers(1, 12))
    d = draw(st.integers(1, 28))
    form = draw(st.sampled_from(["day", "month", "year", "before", "inferred", "range"]))
    if form == "day":
        return f"{d} {RU_MONTHS[m - 1]} {y} г.", f"{EN_MONTHS[m - 1]} {d}, {y}"
    if form == "month":
        return f"{RU_MONTHS[m - 1]} {y} г.", f"{EN_MONTHS[m - 1]} {y}"
    if form == "year":
        return f"{y} г.", f"{y}"
    if form == "before":
        return f"(до {d} {RU_MONTHS[m - 1]} {y} года)", f"(before {EN_MONTHS[m - 1]} {d}, {y})"
    if form == "inferred":
        return f"[{y} г.]", f"[{y}]"
    return f"{d}–{d + 1} {RU_MONTHS[m - 1]} {y} г.", f"{EN_MONTHS[m - 1]} {d}-{d + 1}, {y}"


@st.composite
def references(draw: st.DrawFn) -> tuple[str, str]:
    a = draw(st.sampled_from(KNOWN_ARCHIVES))
    fond = draw(st.sampled_from(["45", "558", "Р-9401", "17", "3"]))
    opis, delo = draw(st.integers(1, 200)), draw(st.sampled_from(["347", "12а", "1", "1045"]))
    first = draw(st.integers(1, 300))
    last = first + draw(st.integers(0, 5))
    verso = draw(st.booleans())
    papka = draw(st.sampled_from([None, "18", "302а"]))  # the folder of АВП prints
    ru_f = f"{first}–{last}" + (" об." if verso else "")
    en_f = f"{first}-{last}" + (" ob." if verso else "")
    fond_en = fond.replace("Р", "R")
    delo_en = delo.replace("а", "a")
    ru_p = f" П. {papka}." if papka else ""
    en_p = f" P. {papka.replace('а', 'a')}." if papka else ""
    return (f"{a.code}. Ф. {fond}. Оп. {opis}.{ru_p} Д. {delo}. Л. {ru_f}.",
            f"{a.code_latin}. F. {fond_en}. Op. {opis}.{en_p} D. {delo_en}. L. {en_f}.")


@st.composite
def publications(draw: st.DrawFn) -> tuple[str, str]:
    y = draw(st.integers(1920, 2006))
    p = draw(st.integers(1, 500))
    kind = draw(st.sampled_from(["journal", "newspaper", "book", "works"]))
    if kind == "journal":
        ru, en = draw(st.sampled_from([("Вестник", "Vestnik"), ("Коммунист", "Kommunist")]))
        n = draw(st.integers(1, 12))
        return f"{ru}. {y}. № {n}. С. {p}–{p + 1}.", f"{en}, {y}, No. {n}, pp. {p}-{p + 1}."
    if kind == "newspaper":
        m, d = draw(st.integers(1, 12)), draw(st.integers(1, 28))
        return (f"Правда. {y}. {d} {RU_MONTHS[m - 1]}.", f"Pravda, {y}, {EN_MONTHS[m - 1]} {d}.")
    if kind == "book":
        return (f"Ледовский А.М. СССР и Сталин в судьбах Китая. С. {p}.",
                f"Ledovsky A.M. The USSR and Stalin in the Destinies of China. P. {p}.")
    v = draw(st.integers(1, 17))
    return (f"Сталин И.В. Сочинения. – Т. {v}. – М.: Госполитиздат, 1949. С. {p}.",
            f"Stalin I.V. Works. Vol. {v}. Moscow: Gospolitizdat, 1949. P. {p}.")


@st.composite
def documents(draw: st.DrawFn) -> ParsedDocument:
    languages = draw(st.sampled_from([("en", "ru"), ("ru",), ("en",)]))
    volume = draw(st.integers(1, 18))
    key = draw(st.text("0123456789abcdef", min_size=16, max_size=16))
    position = draw(st.integers(0, 999))
    header = draw(st.sampled_from([None, "1950-10-08", "1950-10", "1927"]))
    default_year = int(header[:4]) if header else None
    when = draw(printed_dates())
    refs = draw(st.lists(references(), max_size=3))
    pubs = draw(st.lists(publications(), max_size=3))
    provenance = {"ru": f"tom{volume}", "en": "AI"}
    versions: list[Version] = []
    for lang in languages:
        words = RU_WORDS if lang == "ru" else EN_WORDS
        lines = draw(st.lists(_line(words), min_size=1, max_size=6))
        notes = (["Примечание. Текст сверен." if lang == "ru" else "Note. Text checked."]
                 if draw(st.booleans()) else [])
        sep = "\n" if lang == "ru" else draw(st.sampled_from(["\n\n", "\n\n\n"]))
        title = "Телеграмма товарищу" if lang == "ru" else "Telegram to a comrade"
        source = (f"Том {volume}" if draw(st.booleans()) or languages == ("ru",) else None) \
            if lang == "ru" else (f"Source: Tom {volume}" if draw(st.booleans()) else None)
        origin = (Origin(f"tom{volume}", OriginKind.VOLUME, volume=str(volume)) if lang == "ru"
                  else Origin("AI", OriginKind.MACHINE_TRANSLATION,
                              translated_from="ru" if "ru" in languages else None))
        versions.append(Version(
            lang, origin, title, sep.join(lines), 0, 0, source_line=source,
            printed_date=(when[0] if lang == "ru" else when[1]) if when else None,
            notes=notes))
    by_lang_refs: dict[str, list[ArchivalReference]] = {lang: [] for lang in languages}
    for ru, en in refs:
        for lang, text in (("ru", ru), ("en", en)):
            if lang in languages:
                ref = parse_reference(text, lang)
                assert ref is not None
                by_lang_refs[lang].append(ref)
    by_lang_cites: dict[str, list[Citation]] = {lang: [] for lang in languages}
    for ru, en in pubs:
        for lang, text in (("ru", ru), ("en", en)):
            if lang in languages:
                c = parse_citation(text, lang)
                assert c is not None
                by_lang_cites[lang].append(c)
    cites = merge_citations(by_lang_cites)
    for i, c in enumerate(cites):
        c.role = "first_publication" if i == 0 else "publication"
    printed_first = next((v.printed_date for v in sorted(versions, key=lambda v: v.language != "ru")
                          if v.printed_date), None)
    parsed_date = parse_date(printed_first, default_year) if printed_first else None
    return ParsedDocument(
        path=f"seeds/tom{volume}/{position:03d}_{key}.txt", key=key, position=position,
        volume=f"tom{volume}", title=versions[0].title,
        index_title="Телеграмма товарищу" if len(versions) == 2 else None,
        kind="telegram", classification=None, date=to_document_date(parsed_date, header),
        provenance=";".join(f"{lang}:{provenance[lang]}" for lang in sorted(languages,
                                                                            reverse=True)),
        badge="AI translated" if "en" in languages else None, versions=versions,
        archival_references=merge_references(by_lang_refs), citations=cites,
        crlf=draw(st.booleans()), bom=draw(st.booleans()), trailing_newline=draw(st.booleans()),
    )


def _no_line(items: list) -> list:  # type: ignore[type-arg]
    return [replace(x, line=None) for x in items]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_render_then_parse_gives_the_document_back(doc: ParsedDocument) -> None:
    text = render(doc)
    back = parse_text(text, doc.path)
    assert (back.key, back.position, back.volume, back.title, back.index_title) == (
        doc.key, doc.position, doc.volume, doc.title, doc.index_title)
    assert (back.provenance, back.badge, back.crlf, back.bom, back.trailing_newline) == (
        doc.provenance, doc.badge, doc.crlf, doc.bom, doc.trailing_newline)
    assert [(v.language, v.origin, v.title, v.body, v.sha256, v.source_line, v.printed_date)
            for v in back.versions] == [
        (v.language, v.origin, v.title, v.body, v.sha256, v.source_line, v.printed_date)
        for v in sorted(doc.versions, key=lambda v: v.language == "ru")]
    assert [v.notes for v in back.versions] == [
        v.notes for v in sorted(doc.versions, key=lambda v: v.language == "ru")]
    assert back.date == doc.date
    assert _no_line(back.archival_references) == _no_line(doc.archival_references)
    printed = [c for c in back.citations if c.role != "text_source"]
    assert _no_line(printed) == _no_line(doc.citations)
    (source,) = [c for c in back.citations if c.role == "text_source"]
    assert source.volume == doc.volume.removeprefix("tom")  # type: ignore[union-attr]
    assert not [w for w in back.warnings if w.code not in {"date-mismatch", "date-unknown"}]
    assert render(back) == text


def test_render_is_fast_and_deterministic(specimen_path: Path) -> None:
    doc = parse_text(specimen_path.read_text(encoding="utf-8"), str(specimen_path))
    started = time.perf_counter()
    texts = {render(doc) for _ in range(1000)}
    assert len(texts) == 1
    assert time.perf_counter() - started < 1.0


_NOISE = st.lists(
    st.one_of(
        st.sampled_from(["", "---", "Том 18", "Source: Tom 18", "1950-10-08 ru:tom18;en:AI",
                         "ru:tom18", "← Back to index", "Там же. Л. 5.", "Ibid.",
                         "АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67.", "Вестник. 1996. № 1. С. 1.",
                         "8 октября 1950 г.", "Фын Си", "для", "for", "Top Secret.",
                         "Примечание.", "Товарищ!", "25/VIII", "\ufeff", "\r"]),
        st.text(max_size=40),
    ),
    max_size=25,
).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(_NOISE)
def test_any_text_parses_or_is_rejected_with_a_seed_file_error(text: str) -> None:
    try:
        doc = parse_bytes(text.encode("utf-8", "surrogatepass"), "seeds/tom1/x.txt")
    except SeedFileError as e:
        assert str(e).startswith("seeds/tom1/x.txt:")
        return
    for v in doc.versions:
        assert v.body in text.replace("\r\n", "\n")
