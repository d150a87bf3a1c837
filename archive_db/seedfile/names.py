"""Names as written: the addressee block, signatures, and candidates mentioned in the text.

Roles come from the layout; ``kind`` ("person" or "place") is a guess from a small
gazetteer and stems. Mentions are over-extracted on purpose — the importer matches
them against authority files and drops what it cannot resolve.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from archive_db.seedfile.model import NameMention, NameRole

# Places a document is commonly sent to or from; also used to tell places from people.
_PLACES = {
    "Пхеньян", "Pyongyang", "Пекин", "Beijing", "Peking", "Москва", "Moscow", "Берлин", "Berlin",
    "Лондон", "London", "Вашингтон", "Washington", "Токио", "Tokyo", "Харбин", "Harbin",
    "Шанхай", "Shanghai", "Варшава", "Warsaw", "Прага", "Prague", "Белград", "Belgrade",
    "Бухарест", "Bucharest", "София", "Sofia", "Будапешт", "Budapest", "Тегеран", "Tehran",
    "Анкара", "Ankara", "Мукден", "Mukden", "Улан-Батор", "Ulan Bator", "Тифлис", "Tiflis",
    "Тбилиси", "Tbilisi", "Баку", "Baku", "Царицын", "Tsaritsyn", "Ленинград", "Leningrad",
    "Петроград", "Petrograd", "Киев", "Kiev", "Харьков", "Kharkov", "Ташкент", "Tashkent",
    "Париж", "Paris", "Рим", "Rome", "Нью-Йорк", "New York", "Ханой", "Hanoi", "Сеул", "Seoul",
}
# Stems of place names as they inflect in Russian text, and English place names.
_PLACE_STEMS = re.compile(
    r"^(?:Коре|Кита|Япони|Тайван|Германи|Англи|Британи|Америк|СССР|США|Росси|Франци|Польш|"
    r"Маньчжури|Монголи|Вьетнам|Инди|Европ|Ази|Дальн\w+ Восток|Москв|Пекин|Пхеньян|Сибир|Украин|"
    r"Korea|China|Japan|Taiwan|Germany|Britain|England|America|USSR|USA|Russia|France|Poland|"
    r"Manchuria|Mongolia|Vietnam|India|Europe|Asia|Far East|Siberia|Ukraine|Soviet Union)"
)
# Capitalized words that are not names: function words, forms of address, demonyms.
_STOP = {
    "The", "A", "An", "In", "On", "Of", "At", "To", "For", "From", "By", "With", "And", "But",
    "Or", "If", "I", "My", "He", "She", "It", "We", "They", "You", "Your", "Our", "His", "Her",
    "This", "That", "These", "Those", "Such", "Should", "Comrade", "Comrades",
    "Dear", "Mr", "Mr.", "Mrs", "Mrs.", "Mister", "Dr.", "Gen.", "Тов.", "Ген.",
    "Chinese", "Korean", "Japanese", "American", "Americans",
    "Soviet", "British", "German", "Russian", "European", "Yes", "No", "As", "So", "Then",
    "There", "Here", "When", "While", "What", "Which", "Who", "Why", "How", "Now", "Also",
    "Я", "Мы", "Вы", "Вам", "Вас", "Ваш", "Ваше", "Вашей", "Вашем", "Вашего", "Он", "Она",
    "Они", "Оно", "Мой", "Моя", "Мое", "Наш", "Наша", "В", "Во", "На", "Из", "По", "О", "Об",
    "С", "Со", "К", "Ко", "У", "За", "Для", "До", "От", "При", "И", "А", "Но", "Если", "Как",
    "Так", "Что", "Это", "Этот", "Эта", "Конечно", "Товарищ", "Товарищи", "Тов", "Прошу",
    "Таковы", "Следует", "Из-за", "Не", "Да", "Нет", "Все", "Всё", "Уважаемый", "Дорогой",
    "Вами", "Вашим", "Вашими", "Вашу", "Ваши", "Вашему",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
}
# Words that make a sequence an organization or an event, not a person or place.
_NOT_PERSON = re.compile(
    r"(?:Army|Party|Pact|Mutual|People|Committee|Council|Government|Congress|Bureau|Armies|People's|"
    r"Арми|Парти|Пакт|Комитет|Совет|Правительств|Съезд|Бюро|Народн)", re.I
)
_WORD = r"(?:(?:[A-ZА-ЯЁ]\.){1,3}|[A-ZА-ЯЁ][\w’'-]*\.?)"
_SEQ = re.compile(rf"(?<![\w-]){_WORD}(?:\s+{_WORD})*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;«\"“(]\s*|\d\)\s*|[-–—]\s+)$")
_INITIALS = re.compile(r"^(?:[A-ZА-ЯЁ]\.\s?)+")
_HONORIFIC = re.compile(
    r"^(?:тов\.|товарищу|товарищам|товарищ|comrade|to|т\.|г-ну|господину|mr\.?)\s+", re.I
)
_ABBREV = {"Mr.", "Mrs.", "Dr.", "St.", "Gen.", "Тов.", "Ген."}  # dots that end no sentence
_CONNECTORS = {"for", "для", "to", "копия", "copy", "cc"}


def guess_kind(text: str) -> str:
    return "place" if text in _PLACES or _PLACE_STEMS.match(text) else "person"


def _looks_like_place(word: str) -> bool:
    """A single unknown word heading a routed block: a place unless it is a Russian dative
    ("Штыкову", "Молотову") or initials."""
    if " " in word or _INITIALS.match(word):
        return False
    return not re.search(r"(?:у|ю|ой|ей|ым|им|ам|ям)$", word)


def _clean_name(text: str) -> str:
    return _HONORIFIC.sub("", text.strip().rstrip(".,;:!")).strip()


def addressee_names(block: list[tuple[int, str]], language: str) -> list[NameMention]:
    """Roles in an addressee block: ``Pyongyang, Shtykov`` / ``for`` / ``Kim Il Sung``.

    People before a ``for`` / ``для`` line are intermediaries, after it addressees; a
    place at the head of the first line (by gazetteer, or a single word before a comma)
    is the destination.
    """
    entries: list[tuple[int, str, str]] = []  # (line, text, kind)
    connector_at: int | None = None
    # "Place, intermediary / for / addressee" is the routing of a telegram.
    routed = any(t.strip().rstrip(":.,").strip().casefold() in _CONNECTORS for _, t in block)
    for index, (line, text) in enumerate(block):
        stripped = text.strip().rstrip(":.,").strip()
        if stripped.casefold() in _CONNECTORS:
            connector_at = len(entries) if connector_at is None else connector_at
            continue
        parts = [p.strip() for p in re.split(r"[,;]", stripped) if p.strip()]
        if index == 0 and parts:
            head = parts[0]
            first_word = head.split()[0]
            if first_word in _PLACES and len(head.split()) > 1:
                entries.append((line, first_word, "place"))
                parts[0] = head[len(first_word):].strip()
            elif head in _PLACES or (routed and len(parts) == 2 and _looks_like_place(head)):
                entries.append((line, head, "place"))
                parts = parts[1:]
        entries.extend((line, p, "person") for p in parts)
    names: list[NameMention] = []
    for position, (line, text, kind) in enumerate(entries):
        if kind == "place":
            role = NameRole.DESTINATION
        elif connector_at is not None and position < connector_at:
            role = NameRole.INTERMEDIARY
        else:
            role = NameRole.ADDRESSEE
        cleaned = _clean_name(text)
        if cleaned:
            names.append(NameMention(cleaned, role, language, line, kind))
    return names


def signature_names(signatures: Iterable[tuple[int, str]], language: str) -> list[NameMention]:
    """Each signature line, split on commas when it lists several signatories."""
    names = []
    for line, text in signatures:
        for part in re.split(r",|\s+и\s+|\s+and\s+", text):
            cleaned = _clean_name(part)
            if cleaned:
                names.append(NameMention(cleaned, NameRole.SIGNATORY, language, line, "person"))
    return names


def _sentence_start(text: str, at: int) -> bool:
    """Whether position ``at`` begins a sentence (or a list item, a quote, a clause)."""
    # Only a short window is searched: the whole prefix would make a line quadratic.
    window = text[max(0, at - 12) : at]
    if at <= 12 and not window.strip():
        return True
    return bool(_SENTENCE_START.search(window)) and (at > 12 or bool(window.strip()))


def _sequences(text: str) -> Iterable[tuple[list[str], bool]]:
    """Capitalized word runs, split after a possessive ("Syngman Rhee's Korea")."""
    for m in _SEQ.finditer(text):
        at_start = _sentence_start(text, m.start())
        group: list[str] = []
        for word in m.group(0).split():
            possessive = re.match(r"(.+?)['’]s$", word)
            group.append(possessive.group(1) if possessive else word)
            if possessive:
                yield group, at_start
                group, at_start = [], False
            # A word ending a sentence closes the run; initials ("T.F.") do not.
            elif word.endswith(".") and not _INITIALS.fullmatch(word) and word not in _ABBREV:
                group[-1] = word[:-1]
                yield group, at_start
                group, at_start = [], True
        if group:
            yield group, at_start


_CAP = r"[A-ZА-ЯЁ][\w'’-]+"
# "Сталин: …", "Молотов (с места): …" — a transcript's speaker label.
_SPEAKER = re.compile(
    rf"^\s*(?P<name>(?:[A-ZА-ЯЁ]\.\s?){{0,2}}{_CAP}(?:\s{_CAP})?)\s*(?:\([^)]*\))?\s*:\s"
)
_PARALLEL = re.compile(r"\b(\d+)(?:th|st|nd|rd|-ю|-я|-й|-ой)\s+(?:parallel|параллел\w*)")


def _candidates(text: str) -> Iterable[tuple[str, bool]]:
    """(candidate, sentence-initial single word) for each capitalized run of a line."""
    for words, at_start in _sequences(text):
        while words and words[0] in _STOP:  # exact: "И." is an initial, "И" a conjunction
            words, at_start = words[1:], False
        while words and words[-1].rstrip(".") in _STOP:
            words = words[:-1]
        if not words:
            continue
        candidate = " ".join(words).rstrip(".")
        if len(candidate) < 2 or _NOT_PERSON.search(candidate) or re.fullmatch(r"[IVXLC]+",
                                                                              candidate):
            continue  # organizations, Roman numerals
        yield candidate, at_start and len(words) == 1 and not candidate.isupper()


def mentioned_names(lines: Iterable[tuple[int, str]], language: str) -> list[NameMention]:
    """Capitalized sequences, one mention per name and line.

    A sentence-initial single word is capitalized anyway, so it counts only when it is a
    known place or the same word also stands capitalized inside a sentence elsewhere.
    Speaker labels of transcripts (``Сталин: …``) count as people.
    """
    units = list(lines)
    found = [(line, text, list(_candidates(text))) for line, text in units]
    inside = {c for _, _, cs in found for c, initial in cs if not initial}
    names: list[NameMention] = []
    for line, text, cands in found:
        seen: set[str] = set()
        names.extend(NameMention(m.group(0), NameRole.MENTIONED, language, line, "place")
                     for m in _PARALLEL.finditer(text))
        speaker = _SPEAKER.match(text)
        if speaker and speaker.group("name") not in _STOP:
            seen.add(speaker.group("name"))
            names.append(NameMention(speaker.group("name"), NameRole.MENTIONED, language, line,
                                     "person"))
        for candidate, initial in cands:
            kind = guess_kind(candidate)
            if candidate in seen or (initial and kind != "place" and candidate not in inside):
                continue
            seen.add(candidate)
            names.append(NameMention(candidate, NameRole.MENTIONED, language, line, kind))
    return names
