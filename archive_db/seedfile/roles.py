"""Who a document is from, to and through, read off its layout alone.

Four places say it: the title (``Письмо Н.С. Аллилуевой``, ``Letter to N.S.
Alliluyeva``, ``Сталин — Кагановичу, Молотову``), the addressee lines at the head of
the text (``Москва. ЦК ВКП(б). Т. Кагановичу.``, ``To Poskrebyshev for Kaganovich.``),
the salutation (``Уважаемый товарищ Разин!``) and the signature (``Твой Иосиф.``,
``И. СТАЛИН``, ``J. Stalin,`` / ``V. Molotov``). Russian names are read with their
grammatical case (``morph``): a dative in a title is the addressee, a genitive after
``Письмо`` the writer; each name also gets its nominative, under which an unknown
person is filed. Organizations, job titles, places and dates are never people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from transliterate import translit

from archive_db.seedfile import morph
from archive_db.seedfile.dates import parse_date
from archive_db.seedfile.model import NameMention, NameRole

Unit = tuple[int, str]  # (line number, text)

_CYR = re.compile(r"[А-Яа-яЁё]")
_INITIAL = re.compile(r"^(?:[A-ZА-ЯЁ]\.\s?){1,3}$")
_INITIALS_GLUED = re.compile(r"^((?:[A-ZА-ЯЁ]\.){1,3})([A-ZА-ЯЁ][^\W\d_]+)$")
_WORD = re.compile(r"(?:[A-ZА-ЯЁ]\.){1,3}[A-ZА-ЯЁ][^\W\d_]+|(?:[A-ZА-ЯЁ]\.)|[^\W\d_][\w’'-]*")
# Words of address, ranks and offices that stand before a name and are not part of it.
_HONORIFIC = frozenset("""
т тов товарищ товарища товарищу товарищем товарищи товарищам г-ну г-на г-н господину
господина господин comrade comrades mr mrs mister dear to the for of and premier president
prime minister marshal general colonel lieutenant major chairman teacher chief commander
secretary ambassador председателю председателя маршалу генералу генерал-полковнику
генерал-лейтенанту генерал-майору полковнику преподавателю президенту премьеру
премьер-министру послу секретарю уважаемый уважаемая дорогой дорогая милый милая здравствуй
здравствуйте привет hello hi твой твоя ваш ваша your yours sincerely respectfully искренне
""".split())  # noqa: SIM905
_ORG = re.compile(
    r"^(?:ЦК|ЦКК|CC|CCC|ПБ|PB|Политбюро|Politburo|СНК|Совнарком|СТО|ВКП|VKP|НКИД|NKID|НКПС|"
    r"ВЦИК|ВСНХ|Президиум|Presidium|Секретариат|Secretariat|Коминтерн|Comintern)\b"
)
_CONNECTOR = re.compile(r"\s+(?:для|for)\s+", re.I)
_CODE = re.compile(r"^\s*(?:[A-ZА-ЯЁ]{1,3}\s*|№\s*)?[\d\s/.,:–—-]*(?:[IVX]+)?[\d\s/.,:–—-]*$")
_EN_STOP = frozenset("""
the a an in on at of to for from by with and but or if i my he she it we they you your our
his her this that these those such yes no as so then there here when while what which who
why how now also against well hello dear comrade comrades greetings congratulations forward
warm letter letters telegram message note reply answer answers order greeting speech record
interview inscription article statement report conversation source secret personal top
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""".split())  # noqa: SIM905
_ROMAN = re.compile(r"^[IVXLC]+$")
_PLACES_EN = frozenset({"Moscow", "Pyongyang", "Beijing", "Peking", "Sochi", "Leningrad",
                        "Tiflis", "Baku", "Kremlin", "Berlin", "London", "Washington"})


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_name_word(w: str, russian: bool) -> bool:
    if _INITIAL.match(w) or _INITIALS_GLUED.match(w):
        return True
    if not w[:1].isupper() or w.casefold().rstrip(".") in _HONORIFIC or _ROMAN.match(w) \
            or any(c.isdigit() for c in w):
        return False
    if russian and _CYR.search(w):
        form = morph.word(w)
        return form.person and not form.common
    return w.casefold() not in _EN_STOP and not (w.isupper() and len(w) <= 3)


def _name_runs(text: str, russian: bool) -> list[tuple[int, list[str]]]:
    """Runs of name words (initials and capitalized names), with the index of their first
    word among all the words of ``text``. Punctuation other than an initial's dot ends a
    run ("Сталин — Кагановичу, Молотову"), and so does an initial after a name ("И. В.
    СТАЛИН У. ЧЕРЧИЛЛЮ"); after a first name word, capitalized words go on ("Ким Ир Сена")."""
    runs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    end_of_last = 0
    for i, m in enumerate(_WORD.finditer(text)):
        w = m.group(0)
        gap = text[end_of_last:m.start()]
        end_of_last = m.end()
        broken = bool(current) and (gap.strip(" .") != "" or (
            _INITIAL.match(w) and not _INITIAL.match(current[-1])))
        if broken:
            runs.append((start, current))
            current = []
        named = _is_name_word(w, russian) or (
            bool(current) and not _INITIAL.match(current[-1]) and w[:1].isupper()
            and w.casefold() not in _HONORIFIC and not any(c.isdigit() for c in w))
        if named:
            if not current:
                start = i
            current.append(w)
        elif current:
            runs.append((start, current))
            current = []
    if current:
        runs.append((start, current))
    # A run of initials alone is no name.
    return [(s, r) for s, r in runs if not all(_INITIAL.match(w) for w in r)]


def _mention(words: Sequence[str], role: NameRole, language: str, line: int | None,
             method: str, kind: str = "person") -> NameMention:
    text = " ".join(words)
    lemma = morph.nominative(list(words)) if language == "ru" and _CYR.search(text) else text
    return NameMention(text, role, language, line, kind, method=method, lemma=lemma)


def _case(run: Sequence[str]) -> frozenset[str]:
    last = next((w for w in reversed(run) if not _INITIAL.match(w)), run[-1])
    glued = _INITIALS_GLUED.match(last)
    return morph.word(glued.group(2) if glued else last).cases


# -- titles -------------------------------------------------------------------------

# A genitive after the kind of document is its writer ("Телеграмма И.В. Сталина"); after
# the thing replied to ("Надпись на телеграмме С.М. Кирова", "вопросы … господина"),
# the person answered.
_RU_WRITER_BEFORE = re.compile(
    r"(?:письмо|послание|записка|заявление|телеграмма|обращение|от|и)$", re.I)
_RU_REPLY_TO = re.compile(r"(?:телеграмме|письме|записке|вопросы|вопрос|господина|г-на)$", re.I)
_EN_TO = re.compile(r"\bto\s+(?P<rest>.+)$", re.I)
_EN_FROM = re.compile(r"\b(?:from|of)\s+(?P<who>.+?)\s+to\s+", re.I)
_EN_REPLY = re.compile(r"\b(?:inscription on|reply to|answers? to the questions of|with)\b", re.I)


def title_roles(title: str | None, language: str, line: int | None = None) -> list[NameMention]:
    """Writers and addressees a title names (see the module docstring)."""
    if not title:
        return []
    text = re.sub(r"\d{1,2}\s+[^\W\d]+\s+\d{4}.*$|,?\s+[A-Z][a-z]+\s+\d{1,2},\s+\d{4}.*$", "",
                  title)
    return (_ru_title(text, line) if _CYR.search(text) else _en_title(text, line))


def _title_place(text: str, language: str, line: int | None) -> list[NameMention]:
    """A title that opens with the place it was sent to: "СТАЛИНГРАД. ТРАКТОРОСТРОЙ.",
    "Саратов. Начальнику Комбайнстроя …", "Nizhny Novgorod. Avtozavod"."""
    head, dot, _ = text.partition(". ")
    words = _words(head)
    if not dot or not words or len(words) > 3 or not all(w[:1].isupper() for w in words):
        return []
    if len(words[-1]) < 3 or any(w.endswith(".") for w in words):
        return []
    if language == "ru":
        if not morph.word(words[-1]).place or morph.word(words[-1]).tagged or any(
                morph.word(w).common and not morph.word(w).adjective for w in words):
            return []
        return [NameMention(head, NameRole.DESTINATION, "ru", line, "place", method="title",
                            lemma=morph.place_nominative(words))]
    if head not in _PLACES_EN and len(words) == 1:
        return []
    return [NameMention(head, NameRole.DESTINATION, language, line, "place", method="title")]


def _ru_title(text: str, line: int | None) -> list[NameMention]:
    words = _words(text)
    runs = _name_runs(text, russian=True)
    found: list[NameMention] = _title_place(text, "ru", line)
    datives = [r for _, r in runs if "datv" in _case(r)]
    for start, run in runs:
        cases = _case(run)
        before = words[start - 1].casefold() if start else ""
        if len(run) == 1 and not morph.word(run[0]).tagged and before.rstrip(".") not in _HONORIFIC:
            continue  # "ЛЕНИНГРАДСКОМУ ОСОАВИАХИМУ": an unknown word alone is no name
        if "ablt" in cases and "с" in (w.casefold() for w in words[:start]):
            found.append(_mention(run, NameRole.ADDRESSEE, "ru", line, "title"))
            continue
        if "datv" in cases and not (before == "от" and "gent" in cases):
            role = NameRole.ADDRESSEE
        elif ("ablt" in cases and before == "с") or ("gent" in cases and _RU_REPLY_TO.search(before)
                                                   and not _RU_WRITER_BEFORE.search(before)):
            role = NameRole.ADDRESSEE  # a conversation's partner, the sender replied to
        elif "gent" in cases and (_RU_WRITER_BEFORE.search(before) or start == 0):
            role = NameRole.AUTHOR
        elif "nomn" in cases and datives and start == 0:
            role = NameRole.AUTHOR  # "Сталин — Кагановичу", "И. В. СТАЛИН У. ЧЕРЧИЛЛЮ"
        else:
            continue
        found.append(_mention(run, role, "ru", line, "title"))
    return found


def _en_title(text: str, line: int | None) -> list[NameMention]:
    found: list[NameMention] = _title_place(text, "en", line)
    reply = _EN_REPLY.search(text)
    if reply:
        after = _name_runs(text[reply.end():], russian=False)
        for _, run in (after[:1] if reply.group(0).casefold() == "with" else after[-1:]):
            found.append(_mention(run, NameRole.ADDRESSEE, "en", line, "title"))
        return found
    if m := _EN_FROM.search(text):
        for _, run in _name_runs(m.group("who"), russian=False):
            found.append(_mention(run, NameRole.AUTHOR, "en", line, "title"))
    elif (to := _EN_TO.search(text)) and to.start() > 0:
        for _, run in _name_runs(text[: to.start()], russian=False)[-1:]:
            if text[: to.start()].strip().endswith(" ".join(run)):
                found.append(_mention(run, NameRole.AUTHOR, "en", line, "title"))
    if to := _EN_TO.search(text):
        for part in re.split(r",|\band\b", to.group("rest")):
            words = _words(part)
            for start, run in _name_runs(part, russian=False)[-1:]:
                # "to the Council of People's Commissars": an institution, no person.
                if start and words[start - 1].casefold() in {"the", "of"}:
                    continue
                found.append(_mention(run, NameRole.ADDRESSEE, "en", line, "title"))
    return found


# -- the head of the text: addressee lines and the salutation ------------------------

# Segments end at a full stop (not an initial's, nor "Тов."'s), a comma or a semicolon.
_SEGMENTS = re.compile(r"(?<=[^\W\d_]{2})(?<![Тт]ов)\.\s+|(?<=\))\.\s+|\s*[,;]\s*")


def _segment(seg: str, language: str) -> tuple[str, list[str]] | None:
    """("org" | "place" | "job" | "name", words); None when the segment is prose."""
    seg = seg.strip().strip(".:").strip()
    if not seg:
        return "empty", []
    if _ORG.match(seg):
        return "org", []
    words = _words(seg)
    russian = bool(_CYR.search(seg))
    if len(words) > 9:
        return None
    caps = [w for w in words if w.isupper() and len(w) > 3 and not _ORG.match(w)]
    if caps and russian and all(morph.word(w).person for w in caps):
        return "name", caps  # "Маршалу Советского Союза РОКОССОВСКОМУ"
    if caps and not russian:  # "Marshal of the Soviet Union ROKOSSOVSKY", not "SVERDLOVSK"
        return ("name", caps) if len(words) > len(caps) else None
    if len(words) >= 2 and russian and morph.word(words[0]).place \
            and not morph.word(words[0]).person and words[0][:1].isupper():
        rest = _segment(seg[seg.index(words[0]) + len(words[0]):], language)
        if rest is not None and rest[0] == "name":  # "Пхеньян Штыкову"
            return "place+name", [words[0], *rest[1]]
    if russian and len(words) == 1 and words[0][:1].isupper() and morph.word(words[0]).common \
            and "nomn" in morph.cases(words[0]):
        return "org", []  # a building or a body named alone: "Москва. Кремль. Поскребышеву."
    if len(words) <= 2 and all(w[:1].isupper() for w in words):
        if (russian and morph.word(words[-1]).place and not morph.word(words[-1]).person) or (
                not russian and seg in _PLACES_EN):
            return "place", words
        if russian and len(words) == 1 and morph.word(words[0]).adjective:
            return "name", words  # Двинскому
    runs = _name_runs(seg, russian)
    if runs:
        start, run = runs[-1]
        rest = [w for i, w in enumerate(words) if not start <= i < start + len(run)]
        if not russian and any(w.casefold() not in _HONORIFIC for w in words[start + len(run):]):
            return None  # a sentence: "Do it", "Approve the draft"
        # Before the name only words of address, ranks and offices.
        if all(w.casefold().rstrip(".") in _HONORIFIC or (
                (not russian and not w[:1].isupper()) or (russian and "datv" in morph.cases(w)))
               for w in rest):
            return "name", run
        return None
    # A job title without a name: "Начальнику штаба фронта", "To the Chief of Staff".
    first = words[0] if words else ""
    if russian and first and morph.word(first).common and "datv" in morph.cases(first):
        return "job", []
    if not russian and first.casefold() == "to":
        return "job", []
    return None




_ADDRESS_WORD = re.compile(r"^\s*(?:To|Кому|Для|For)\s+")
_COPY = re.compile(r"^\s*(?:Копия|Copy(?:\s+to)?)\s*[:—–-]?\s*", re.I)


# An English line of one capitalized word and a full stop, with no "To" or "Comrade".
_BARE_WORD = re.compile(r"([A-Z][a-z’'-]+)\.")
# Latin letters the transliteration reads otherwise in a Russian surname's ending.
_TO_CYRILLIC = (("sky", "ский"), ("skaya", "ская"), ("shch", "щ"), ("kh", "х"), ("zh", "ж"),
                ("ch", "ч"), ("ts", "ц"), ("ya", "я"), ("yu", "ю"), ("ye", "е"), ("yo", "ё"),
                ("ui", "уй"), ("y", "ы"))


def _known_name(word: str) -> bool:
    """Whether the dictionary knows an English word, written back in Cyrillic, as a
    surname, a first name or a patronymic (Kaganovich, Molotov; not Agree, Approve)."""
    text = word.casefold()
    for latin, cyrillic in _TO_CYRILLIC:
        text = text.replace(latin, cyrillic)
    return word in _PLACES_EN or morph.word(translit(text, "ru")).tagged


def address_line(text: str, language: str, line: int | None) -> list[NameMention] | None:
    """The names an addressee line gives, or None when the line is not one."""
    s = text.strip()
    if not s or len(s) > 120 or s.endswith(("!", "?", ":", ";", ",")) or parse_date(s):
        return None
    if not _CYR.search(s) and (bare := _BARE_WORD.fullmatch(s)) and not _known_name(bare[1]):
        return None  # "Agree.", "Approve.": a one-word sentence, no "To Kaganovich."
    found: list[NameMention] = []
    for part in _SEGMENTS.split(s):
        pieces = _CONNECTOR.split(part)
        for j, piece in enumerate(pieces):
            copy = _COPY.match(piece)
            seg = _segment(_ADDRESS_WORD.sub("", piece[copy.end():] if copy else piece), language)
            if seg is None:
                return None
            what, words = seg
            if what == "place+name":
                found.append(_mention(words[:1], NameRole.DESTINATION, language, line, "layout",
                                      kind="place"))
                what, words = "name", words[1:]
            if what == "name":
                role = NameRole.INTERMEDIARY if j < len(pieces) - 1 else NameRole.ADDRESSEE
                if copy:
                    role = NameRole.RECIPIENT  # "Копия: Молотову", "Copy to Molotov"
                found.append(_mention(words, role, language, line, "layout"))
            elif what == "place":
                found.append(_mention(words, NameRole.DESTINATION, language, line, "layout",
                                      kind="place"))
    return found


_SALUTATION = re.compile(r"^(?P<text>.{2,60}?)\s*[!.]$")
_SALUTATION_START = re.compile(
    r"^(?:Здравствуй\w*|Привет|Дорог\w+|Уважаем\w+|Милый|Милая|Товарищ|Hello|Dear|Comrade|"
    r"My dear)\b[,\s]*", re.I)


def salutation_name(text: str, language: str, line: int | None) -> NameMention | None:
    """The person a salutation names: ``Уважаемый товарищ Разин!``, ``Tatka!``."""
    m = _SALUTATION.match(text.strip())
    if m is None or (text.strip().endswith(".") and not _SALUTATION_START.match(text.strip())):
        return None
    rest = _SALUTATION_START.sub("", m.group("text"))
    rest = re.sub(r"^(?:товарищ|comrade)\s+", "", rest, flags=re.I)
    words = _words(rest)
    if not words or len(words) > 4:
        return None
    russian = bool(_CYR.search(rest))
    if not all(_is_name_word(w, russian) or "<" in w for w in words):
        return None
    return _mention(words, NameRole.ADDRESSEE, language, line, "salutation")


# -- the signature ---------------------------------------------------------------------

# Several signers on one line: "Сталин, Молотов", "Stalin and Molotov".
_SIGNERS = re.compile(r"\s*,\s*|\s+(?:и|and)\s+")
_POSSESSIVE = re.compile(r"^(?:Твой|Твоя|Ваш|Ваша|Your|Yours)\s+", re.I)


# The editors' identification of a signer after the name as printed: "FILIPPOV [Stalin]",
# "Фын Си [И.В. Сталин]".
_EDITORS = re.compile(r"\s*\[(?P<who>[^\[\]]{1,40})\]\s*[.,;]?[»”\"]?[.,;]?$")


def _signature_line(text: str, language: str) -> list[list[str]] | None:
    """The signers a signature line names, or None. A name the editors add in brackets
    after the one printed is its own signer (the same person, linked under both names);
    the bracket marks the line as a signature, so the printed name may be one the
    dictionary does not know, as after a closing date ("Фын Си")."""
    editors = _EDITORS.search(text.strip())
    if editors is not None:
        added = _signature_line(editors.group("who"), language)
        printed = dated_signers(text.strip()[: editors.start()], language)
        if added is None or printed is None:
            return None
        return printed + [n for n in added if n not in printed]
    s = _POSSESSIVE.sub("", text.strip()).rstrip(".,;")
    # After "Ваш", "Твой", "Yours" a capitalized word is a name, whatever else it can be.
    signed = s != text.strip().rstrip(".,;")
    if not s or len(s) > 60:
        return None
    names = []
    for part in _SIGNERS.split(s):
        words = _words(part)
        russian = bool(_CYR.search(part))
        # After initials a capitalized word is the surname, cut short or not ("И. Стал.").
        initialled = len(words) > 1 and all(_INITIAL.match(w) for w in words[:-1])
        if not words or len(words) > 4 or not all(
                _is_name_word(w, russian) or ((signed or initialled) and w[:1].isupper())
                for w in words):
            return None
        if all(_INITIAL.match(w) for w in words):
            return None
        if russian and len(words) == 1 and morph.word(words[0]).place \
                and not morph.word(words[0]).person:
            return None
        last = morph.word(words[-1]) if russian and not _INITIAL.match(words[-1]) else None
        if last is not None and last.cases and "nomn" not in last.cases:
            return None  # a signature is in the nominative: "Тимофейю" is not one
        names.append(words)
    return names


def dated_signature(text: str, default_year: int | None = None) -> tuple[str, str] | None:
    """A closing line that carries both the date and the signature, in either order
    (``8 октября 1950 г. Фын Си``, ``И. Сталин. 12 мая 1925 г.``): (the date, the
    signature) as printed, or None. The line must be nothing but the two: a date as
    ``parse_date`` reads it and a name as a signature line is read. In English a name
    before the date needs initials or capitals ("Sochi, May 12" is a place and a date).
    """
    s = text.strip()
    if len(s) > 80 or not any(c.isdigit() for c in s):
        return None
    language = "ru" if _CYR.search(s) else "en"
    for gap in re.finditer(r"\s+", s):
        left, right = s[: gap.start()], s[gap.end():]
        for date_part, name_part, name_first in ((left, right, False), (right, left, True)):
            if any(c.isdigit() for c in name_part) or parse_date(date_part, default_year) is None:
                continue
            if name_first and language == "en" and not (
                    _initialled(name_part) or name_part.rstrip(".,;").isupper()):
                continue
            if dated_signers(name_part, language, name_first) is not None:
                return date_part, name_part
    return None


def dated_signers(name: str, language: str, name_first: bool = False) -> list[list[str]] | None:
    """The signers of the name part of a dated signature line. After the date, a name
    the dictionary does not know goes on over capitalized words, as in a title ("Фын
    Си", "Ким Ир Сен"): the date already marks the line as the closing one."""
    if (names := _signature_line(name, language)) is not None:
        return names
    words = _words(name.rstrip(".,;"))
    runs = _name_runs(name, russian=language == "ru")
    if not name_first and 0 < len(words) <= 3 and len(runs) == 1 and len(runs[0][1]) == len(words):
        return [words]
    return None


def _office(text: str) -> bool:
    """A signer's office on the line above the name: short, capitalized, no sentence."""
    s = text.strip()
    words = _words(s)
    return (0 < len(words) <= 6 and s[:1].isupper() and not any(c.isdigit() for c in s)
            and not s.endswith((".", "!", "?", ":", ";"))
            and _signature_line(s, "ru" if _CYR.search(s) else "en") is None)


def _after_office(text: str) -> str | None:
    """The name of a signature line that opens with the signer's office ("Секретарь ЦК
    И. Сталин", "Chairman V. Molotov"): what follows the office, from the first initial;
    None when the line has no initials or what precedes them is no office."""
    m = re.search(r"(?:^|\s)(?=[A-ZА-ЯЁ]\.)", text.strip())
    if m is None or m.start() == 0:
        return None
    office, name = text.strip()[: m.start()], text.strip()[m.end():]
    return name if _office(office) and len(_words(name)) <= 4 else None


def _initialled(text: str) -> bool:
    """A name with initials: "И. Сталин", "V. Molotov" — one signer a line."""
    return any(_INITIAL.match(w) or _INITIALS_GLUED.match(w) for w in _words(text))


def _skippable(text: str) -> bool:
    """Closing lines that are neither text nor a signature: dates, codes (``HP 26.``,
    ``16–15.``, ``31/VIII.352``)."""
    s = text.strip()
    return bool(_CODE.match(s)) or (len(s) <= 40 and parse_date(s) is not None)


def signatures(units: Sequence[Unit], language: str, default_year: int | None = None,
               ) -> tuple[list[Unit], list[NameMention]]:
    """The signature lines at the end of a text, and the signers they name.

    The signature is among the last lines, after it only dates, codes and at most a
    short postscript; a signature may close the last paragraph (``Жму руку. Иосиф.``)
    or share its line with the closing date (``8 октября 1950 г. Фын Си``).
    """
    n = len(units)
    for k in range(n - 1, max(-1, n - 6), -1):
        line, text = units[k]
        names = _signature_line(text, language)
        if names is None and (dated := dated_signature(text, default_year)) is not None:
            names = dated_signers(dated[1], language, not text.strip().endswith(dated[1]))
        if names is None and (signed := _after_office(text)) is not None:
            names = _signature_line(signed, language)  # "Секретарь ЦК И. Сталин"
        if names is None:
            continue
        after = [u for u in units[k + 1:] if not _skippable(u[1])]
        if len(after) > 2:
            break
        # Before a postscript, only a name that cannot be anything else signs: with
        # initials or "Ваш", or under the closing date ("SVERDLOVSK" / text is a heading).
        # After a quoted message ("…Филиппов».") one line to the cipher office may follow.
        if after and not (_initialled(text) or _POSSESSIVE.match(text.strip())
                          or (k > 0 and _skippable(units[k - 1][1])
                              and parse_date(units[k - 1][1].strip()) is not None
                              and k - 1 > 0)
                          or (len(after) == 1 and _quote_closed(units, k)
                              and _routing(after[0][1]))):
            continue
        lines = [units[k]]
        j = k - 1
        while j >= 0 and (more := _signature_line(units[j][1], language) or (
                _signature_line(o, language) if (o := _after_office(units[j][1])) else None
                )) is not None and (
                units[j][1].rstrip().endswith(",") or (_initialled(units[j][1])
                                                       and _initialled(text))):
            names = more + names
            lines.insert(0, units[j])
            j -= 1
        if j < 0:
            return [], []  # a text that is all names is no signed text
        if j > 0 and _office(units[j][1]):  # "Верховный Главнокомандующий" / "И. СТАЛИН"
            lines.insert(0, units[j])
        return lines, [_mention(w, NameRole.SIGNATORY, language, line, "layout") for w in names]
    # "…Жму руку. Иосиф." — the last sentence of the last paragraph is a name.
    for k in range(n - 1, max(-1, n - 3), -1):
        line, text = units[k]
        if _skippable(text):
            continue
        if k == n - 1 and k > 0 and _routing(text) and _quote_closed(units, k - 1):
            continue  # «…С приветом. Филиппов». / Подтвердите получение.
        sentences = _sentences(text)
        if len(sentences) >= 2 and len(sentences[-2]) <= 40:
            names = _signature_line(sentences[-1], language)
            if names and len(names) == 1 and (len(names[0]) == 1 or _initialled(sentences[-1])):
                return [], [_mention(names[0], NameRole.SIGNATORY, language, line, "layout")]
        break
    return [], []


_QUOTE_CLOSE = re.compile(r"[»”\"][.,;]?\s*$")


def _quote_closed(units: Sequence[Unit], k: int) -> bool:
    """Whether line ``k`` closes a quoted message: it ends with a closing quote, and the
    nearest line at or above it with an opening quote opens with it (a telegram passed on
    in quotes, not a phrase quoted in a sentence)."""
    if not _QUOTE_CLOSE.search(units[k][1]):
        return False
    for j in range(k, -1, -1):
        s = units[j][1].strip()
        # On line k itself a straight quote opens only when a second one closes.
        if "«" in s or "“" in s or s.count('"') >= (2 if j == k else 1):
            return s[:1] in "«“\"" and sum(s.count(c) for c in "«“") <= 1
    return False


def _routing(text: str) -> bool:
    """A short instruction to the cipher office after the quoted message ("Подтвердите
    получение.", "Confirm receipt."): one sentence, no digits, no quotes."""
    s = text.strip()
    return (0 < len(s) <= 40 and s.endswith((".", "!")) and len(_sentences(s)) == 1
            and not any(c.isdigit() or c in "«»“”\"[]" for c in s))


def _sentences(text: str) -> list[str]:
    """The sentences of a line; an initial's dot ends none ("Привет! И. Сталин.")."""
    out: list[str] = []
    for piece in re.split(r"(?<=[.!?])\s+", text.strip()):
        if out and _INITIAL.match(out[-1].split()[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


# A telegram through an ambassador: "Передайте товарищу N следующий ответ:", "Transmit to
# comrade N the following answer:". The person named is the addressee, the one the
# telegram went to (the lines above) passes it on.
_TRANSMIT = re.compile(
    r"^\s*(?:Передайте|Передать|Перешлите|Сообщите|Transmit|Convey|Pass\s+on)\b(?P<rest>.{0,80}):\s*$",
    re.I)


def head(units: Sequence[Unit], language: str) -> tuple[list[Unit], list[NameMention]]:
    """The addressee lines opening a text (at most four), and the names they give."""
    lines: list[Unit] = []
    names: list[NameMention] = []
    for unit in units[:5]:
        if (m := _TRANSMIT.match(unit[1])) and (
                runs := _name_runs(m.group("rest"), russian=language == "ru")):
            names = [replace(n, role=NameRole.INTERMEDIARY) if n.role is NameRole.ADDRESSEE
                     else n for n in names]
            names.append(_mention(runs[0][1], NameRole.ADDRESSEE, language, unit[0], "layout"))
            lines.append(unit)
            break
        if _CONNECTOR.fullmatch(" " + unit[1].strip().rstrip(":") + " ") and names:
            # "Pyongyang, Shtykov" / "for" / "Kim Il Sung": who comes before passes it on.
            names = [replace(n, role=NameRole.INTERMEDIARY) if n.role is NameRole.ADDRESSEE
                     else n for n in names]
            lines.append(unit)
            continue
        found = address_line(unit[1], language, unit[0])
        if found is None:
            break
        lines.append(unit)
        names.extend(found)
    if len(lines) == len(units):
        return [], []  # nothing but short lines: a poem, a list — not an address
    return lines, names


def unique(mentions: Iterable[NameMention]) -> list[NameMention]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for m in mentions:
        if (key := (m.text, m.role, m.language)) not in seen:
            seen.add(key)
            out.append(m)
    return out


def addressed_title(title: str | None) -> bool:
    """Whether a Russian title is an address: it opens with a dative (``ЛЕНИНГРАДСКОМУ
    ОСОАВИАХИМУ``, ``Президенту …``)."""
    words = _words(title or "")
    return bool(words) and bool(_CYR.search(words[0])) and "datv" in morph.cases(words[0]) \
        and "nomn" not in morph.cases(words[0])


def signers(units: Sequence[Unit], language: str) -> list[NameMention]:
    """The signers of lines already known to be signatures (after a closing date)."""
    found = []
    for line, text in units:
        chunks = [text.strip()]
        if (editors := _EDITORS.search(text.strip())) is not None:  # "FILIPPOV [Stalin]"
            chunks = [text.strip()[: editors.start()], editors.group("who")]
        for part in (p for c in chunks for p in _SIGNERS.split(_POSSESSIVE.sub("", c.strip()))):
            words = _words(part.rstrip(".,;"))
            # Initials open the name: what stands before them is an office ("Секретарь ЦК
            # И. Сталин", "Председатель СНК В. Молотов").
            first = next((i for i, w in enumerate(words)
                          if _INITIAL.match(w) or _INITIALS_GLUED.match(w)), 0)
            words = words[first:] if any(not _INITIAL.match(w) for w in words[first:]) else words
            if words:
                found.append(_mention(words, NameRole.SIGNATORY, language, line, "layout"))
    return found
