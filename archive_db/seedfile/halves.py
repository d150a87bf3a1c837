"""Whether a file's English and Russian halves are one document or two.

In the exporter's pages the English half and the Russian half of a file were paired by
position, and in a third of them they are two different documents: another item of the
same date, another addressee, or two neighbours' Russian halves swapped (EXPORT.md).
Such a file must not present one text as the translation of the other.

The halves are compared on what a translation keeps:

- the date (heading or title date; a closing date only when both have one),
- the addressee named in the title (a surname after initials or "Comrade"),
- the kind of document named in the title,
- the people and places named in the body (Cyrillic names transliterated to Latin),
- the length: a translation runs about 1.0-1.3x the Russian in characters.

Date, addressee and kind weigh 2, names and length 1; a file is flagged at 2, so names
or length alone never flag it (a body cut short or one very long line is not another
document).
"""

from __future__ import annotations

import re
from datetime import timedelta

from transliterate import translit

from archive_db.seedfile.dates import ParsedDate, find_date, parse_date
from archive_db.seedfile.kinds import kind_from_titles
from archive_db.seedfile.model import Version

FLAG_AT = 2
# Kinds a title may name for one document in the two languages.
_SAME_KIND = [{"telegram", "greeting"}, {"letter", "reply", "note"}, {"speech", "report"},
              {"decree", "directive", "order"}, {"interview", "reply"}]
# Capitalized words after initials, a form of address or "to" / "Сталин —": the name,
# every word of it ("to Vladimir Lenin" against "В.И. Ленину").
_EN_ADDRESSEE = re.compile(
    r"(?:\b(?:[A-Z]\.\s?){1,3}|\b(?:Comrades?|Comr\.|Mr\.?|Mrs\.?|to)\s+)"
    r"(?!(?:Comrades?|Mr|Mrs|President|Premier|Prime|Marshal|General|Chairman)\b)"
    r"([A-Z][A-Za-z'’-]{2,}(?:\s+[A-Z][A-Za-z'’-]+){0,3})")
_RU_ADDRESSEE = re.compile(
    r"(?:(?<![А-ЯЁа-яё])(?:[А-ЯЁ]\.\s?){1,3}"
    r"|(?<![а-яё])(?:т\.|тов\.|товарищу|товарищам|г-ну|господину|[—–])\s+)"
    r"([А-ЯЁ][А-ЯЁа-яё-]{2,}(?:\s+[А-ЯЁ][А-ЯЁа-яё-]+){0,3})")
# The author's own name is in half the titles ("J. V. Stalin to W. Churchill").
_AUTHOR = "stln"
_EN_NAME = re.compile(r"(?<![\w.])[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_RU_NAME = re.compile(r"(?<![\w.])[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")
_SENTENCE_END = re.compile(r"[.!?:;«\"“(\n—–-]\s*$")
# Capitalized words that are not names (in English texts most are sentence starts).
_EN_STOP = {
    "The", "This", "That", "These", "Those", "Comrade", "Comrades", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Central", "Committee", "Party", "Soviet", "Council", "People", "Commissar",
    "Commissariat", "State", "Red", "Army", "Front", "Works", "Plan", "Bureau", "Political",
    "Politburo", "Government", "Secretary", "Chairman", "Marshal", "General", "Colonel",
    "Supreme", "Commander", "Chief", "Union", "Republic", "Republics", "Socialist", "Communist",
    "Bolshevik", "Bolsheviks", "Greetings", "Yours", "Regards", "Top", "Secret", "Personal",
    "Source", "Tom", "Note", "Ibid", "Mr", "Mrs", "Sir", "Dear", "Russian", "English",
}
_RU_STOP = {
    "Товарищ", "Товарищи", "Центральный", "Комитет", "Политбюро", "Совет", "Совета",
    "Совнарком", "Наркомат", "Красной", "Армии", "Фронта", "Верховный", "Главнокомандующий",
    "Маршал", "Генерал", "Привет", "Ваш", "Твой", "Том", "Примечание", "Особо", "Секретно",
    "Лично", "Строго",
}
_MIN_NAMES = 4  # names needed on each side before their overlap says anything
_MIN_LENGTH = 300  # characters of the shorter body before the length ratio says anything


def _skeleton(word: str) -> str:
    """A spelling-tolerant key of a Latin name: its consonants, c/k/q, s/z and doubled
    letters merged.

    ``Moscow`` and ``Moskva``, ``Kaganovich`` and ``Kaganovichu``, ``Shtykov`` and
    ``Shtykovu`` (from ``Штыкову``), ``Roosevelt`` and ``Рузвельт``, ``Attlee`` and
    ``Эттли`` share their first three consonants; Russian ``Цз`` is pinyin ``z``
    (``Цзэдун``, ``Zedong``).
    """
    w = word.lower()
    for a, b in (("shch", "s"), ("sch", "s"), ("sh", "s"), ("zh", "z"), ("kh", "h"),
                 ("ch", "c"), ("tsz", "z"), ("ts", "c"), ("tz", "c"), ("ck", "k"), ("ph", "f"),
                 ("x", "ks"), ("w", "v"), ("q", "k"), ("c", "k"), ("z", "s")):
        w = w.replace(a, b)
    # Vowels (and y/j, which spell them: Yezhov, Ежов) are where spellings differ most.
    w = re.sub(r"[aeiouyj'’\-ьъ]", "", w)
    return re.sub(r"(.)\1+", r"\1", w)


def latin_key(text: str) -> str:
    """The skeleton of a name in either script (Cyrillic is transliterated first)."""
    if re.search(r"[А-Яа-яЁё]", text):
        text = translit(text, "ru", reversed=True)
    return _skeleton(text)


def same_name(a: str, b: str) -> bool:
    """Two skeletons of one name: the same first three letters (or all of a shorter one)."""
    n = min(3, len(a), len(b))
    return a[:n] == b[:n] if n >= 2 else a == b


def _names(text: str, pattern: re.Pattern[str], stop: set[str]) -> set[str]:
    """Skeletons of capitalized words that do not start a sentence."""
    out = set()
    for m in pattern.finditer(text):
        word = m.group(0)
        if word in stop or _SENTENCE_END.search(text[max(0, m.start() - 3) : m.start()]) \
                or m.start() == 0:
            continue
        key = latin_key(word)
        if len(key) >= 2:
            out.add(key)
    return out


def _date_of(title: str | None, v: Version, default_year: int | None) -> ParsedDate | None:
    for text in (v.printed_date, v.title, title):
        if text and (found := parse_date(text, default_year) or find_date(text, default_year)):
            return found
    return None


def _apart(a: ParsedDate, b: ParsedDate, slack: int) -> bool:
    """Whether two dates cannot be one, even ``slack`` days apart."""
    lo_a = a.start or a.end
    lo_b = b.start or b.end
    hi_a = a.end or a.start
    hi_b = b.end or b.start
    if lo_a is None or lo_b is None or hi_a is None or hi_b is None:
        return False
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return False  # a bound ("before June 12") cannot contradict much
    pad = timedelta(days=slack)
    return hi_a + pad < lo_b or hi_b + pad < lo_a


def _kind_disagrees(en: str, ru: str) -> bool:
    if "other" in (en, ru) or en == ru:
        return False
    return not any(en in group and ru in group for group in _SAME_KIND)


def compare_halves(
    en: Version, ru: Version, en_title: str | None, ru_title: str | None,
    default_year: int | None = None,
) -> list[str]:
    """Reasons the two versions look like two documents (empty: nothing says so)."""
    reasons = signals(en, ru, en_title, ru_title, default_year)
    if sum(w for w, _ in reasons) < FLAG_AT:
        return []
    return [r for _, r in reasons]


def signals(
    en: Version, ru: Version, en_title: str | None, ru_title: str | None,
    default_year: int | None = None,
) -> list[tuple[int, str]]:
    """Every disagreement found, with its weight, flagged or not."""
    reasons: list[tuple[int, str]] = []
    # Dates: heading or title dates first; closing dates (a newspaper's date may
    # sit there) only when neither half has one, and then with a day's slack.
    # The Russian index title heads the file, and may belong to either half: the
    # Russian block's own title goes first.
    ru_title = None if ru.title else ru_title
    d_en, d_ru = _date_of(en_title, en, default_year), _date_of(ru_title, ru, default_year)
    slack = 0
    if d_en is None or d_ru is None:
        d_en = d_en or (parse_date(en.closing_date, default_year) if en.closing_date else None)
        d_ru = d_ru or (parse_date(ru.closing_date, default_year) if ru.closing_date else None)
        slack = 2
    if d_en is not None and d_ru is not None and _apart(d_en, d_ru, slack):
        reasons.append((2, f"dates: {d_en.text!r} vs {d_ru.text!r}"))

    en_to = {latin_key(w) for t in (en.title, en_title) if t
             for m in _EN_ADDRESSEE.finditer(t) for w in m.group(1).split()} - {_AUTHOR}
    ru_to = {latin_key(w) for t in (ru.title, ru_title) if t
             for m in _RU_ADDRESSEE.finditer(t) for w in m.group(1).split()} - {_AUTHOR}
    if en_to and ru_to and not any(same_name(a, b) for a in en_to for b in ru_to):
        reasons.append((2, f"addressees: {sorted(en_to)} vs {sorted(ru_to)}"))

    k_en = kind_from_titles(en.title, en_title)
    k_ru = kind_from_titles(ru.title, ru_title)
    if _kind_disagrees(k_en, k_ru):  # a title names its kind in both languages
        reasons.append((2, f"kind: {k_en} vs {k_ru}"))

    n_en = _names(en.body, _EN_NAME, _EN_STOP)
    n_ru = _names(ru.body, _RU_NAME, _RU_STOP)
    if len(n_en) >= _MIN_NAMES and len(n_ru) >= _MIN_NAMES:
        shared = sum(any(same_name(a, b) for b in n_ru) for a in n_en)
        share = shared / len(n_en)
        if share < 0.25:
            reasons.append((1, f"people: {shared} of {len(n_en)} names in common"))

    shorter = min(len(en.body), len(ru.body))
    if shorter >= _MIN_LENGTH:
        ratio = len(en.body) / len(ru.body)
        if not 0.7 <= ratio <= 1.8:  # however far out: a body may be cut or padded
            reasons.append((1, f"length: {ratio:.2f}x the Russian"))
    return reasons
