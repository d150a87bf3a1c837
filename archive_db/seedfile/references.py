"""Archival references: ``АП РФ. Ф. 45. Оп. 1. Д. 347. Л. 65–67.`` and its Latin print.

Tolerant of what prints do: missing or extra dots and spaces, commas for dots, hyphen
or en/em dashes, Latin look-alike letters inside Cyrillic words (``AП PФ``, ``Oп.``),
letters in fond and delo numbers (``Ф. Р-9401``, ``Д. 12а``), folio lists and versos
(``Л. 12, 15–17 об.``), and "Там же" / "Ibid." continuing the previous reference.
The Foreign Policy Archive prints a folder between opis and delo
(``АВП РФ. Ф. 059. Оп. 1. П. 18. Д. 123. Л. 4–6.``, also ``Пап.``, ``Папка``, ``P.``).

A line that starts with a known archive code but whose fields cannot be read is
still returned, as an ArchivalReference holding the archive and the verbatim print
with every other field None; the caller reports it as a warning.
"""

from __future__ import annotations

import re
from dataclasses import replace

from archive_db.seedfile.archives import KNOWN_ARCHIVES, lookup_archive
from archive_db.seedfile.model import ArchivalReference

# Latin letters that look like Cyrillic ones; swapped only inside words holding Cyrillic.
_LATIN_TO_CYR = str.maketrans("AaBCcEeHKMOoPpTXxy", "АаВСсЕеНКМОоРрТХху")
_CYR_TO_LATIN = str.maketrans(
    "АаВСсЕеНКМОоРрТХхуЗзДдЛлПпФфГгИиЖж", "AaBCcEeHKMOoRrTXxyZzDdLlPpFfGgIiZz"
)
_CYR = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[^\s.,;:]+")


def _fix_lookalikes(text: str) -> str:
    """``AП PФ. Ф. 45. Oп. 1.`` → Cyrillic throughout when the line is Cyrillic."""
    if not _LATIN.search(text) or not _CYR.search(text):
        return text  # one script only: nothing can be a look-alike (most lines)
    cyrillic_line = len(_CYR.findall(text)) >= 2
    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        # A lone Latin token in a Cyrillic line next to Cyrillic labels is a look-alike too
        # ("P" in "P Ф", "Oп"); digits and long Latin words are left alone.
        if _CYR.search(w) or (cyrillic_line and len(w) <= 3 and not any(c.isdigit() for c in w)):
            return w.translate(_LATIN_TO_CYR)
        if cyrillic_line and re.fullmatch(r"[A-Z]-?\d+\w*", w):  # "Ф. P-9401" with a Latin P
            return w[0].translate(_LATIN_TO_CYR) + w[1:]
        return w
    return _WORD.sub(fix, text)


def _key(value: str | None) -> str | None:
    """Compare fond/delo numbers across scripts: ``Р-9401`` ~ ``R-9401``, ``12а`` ~ ``12a``."""
    if value is None:
        return None
    return re.sub(r"[\s\-–—.]", "", value.translate(_CYR_TO_LATIN)).upper()


_VALUE = r"[^\s.,;]+(?:\s?[а-яa-z](?![\w]))?"
_SEP = r"[\s.,;:]*"
# A label is a whole word: the Ф of "Фонд неизвестен" is not the fond label.
_NOT_A_WORD = r"(?![^\W\d_])"
# Папка (folder), between opis and delo in АВП prints; no Latin look-alike of П exists.
# Read only when a delo follows: a bare "P. 52" is more likely a page ("Ibid. P. 52.").
_PAPKA = r"(?:Папка|Пап|П|Papka|Pap|P|Folder)"
# A sub-designation the fields cannot hold ("ОО. 1915." after the opis, "Т 6." after the
# delo): skipped here, kept in the print.
_LABELS = rf"(?:Д|D|Delo|Лл|Л|Ll|L|ff|f|{_PAPKA}|Оп|Op|Ф|F)"
_SUB = rf"(?:[\s.,;:]+(?!{_LABELS}(?![^\W\d_]))[A-ZА-ЯЁ]{{1,3}}(?![^\W\d_])\.?\s*\d+)*"
_FIELDS = re.compile(
    rf"(?:^|{_SEP})(?:Ф|F|Fond){_NOT_A_WORD}\s*\.?\s*(?P<fond>{_VALUE})"
    rf"(?:{_SEP}(?:Оп|Op|Opis){_NOT_A_WORD}\s*\.?\s*(?P<opis>{_VALUE}))?{_SUB}"
    rf"(?:(?:{_SEP}{_PAPKA}{_NOT_A_WORD}\s*\.?\s*(?P<papka>{_VALUE}))?"
    rf"{_SEP}(?:Д|D|Delo){_NOT_A_WORD}\s*\.?\s*(?P<delo>{_VALUE}))?{_SUB}"
    rf"(?:{_SEP}(?:Лл|Л|Ll|L|ff|f){_NOT_A_WORD}\s*\.?\s*(?P<folios>\d.*))?"
    rf"[\s.,;]*$",
    re.I,
)
# After "Там же": any subset of the fields, each optional.
_IBID = re.compile(r"^\s*(?:Там\s+же|Ibid|Ibidem)\b[\s.,;:]*", re.I)
_PARTIAL = re.compile(
    rf"^(?:(?:Ф|F){_NOT_A_WORD}\s*\.?\s*(?P<fond>{_VALUE}){_SEP})?"
    rf"(?:(?:Оп|Op){_NOT_A_WORD}\s*\.?\s*(?P<opis>{_VALUE}){_SEP})?"
    rf"(?:(?:{_PAPKA}{_NOT_A_WORD}\s*\.?\s*(?P<papka>{_VALUE}){_SEP})?"
    rf"(?:Д|D){_NOT_A_WORD}\s*\.?\s*(?P<delo>{_VALUE}){_SEP})?"
    rf"(?:(?:Лл|Л|Ll|L){_NOT_A_WORD}\s*\.?\s*(?P<folios>\d.*))?[\s.,;]*$",
    re.I,
)
_ARCHIVE_CODES = sorted(
    {c for a in KNOWN_ARCHIVES for c in (a.code, a.code_latin, *a.aliases)}, key=len, reverse=True
)
# A known code at the start of the line, spaces optional inside it ("АПРФ", "AP  RF").
_ARCHIVE_AT_START = re.compile(
    "^(?:"
    + "|".join(r"\s*".join(re.escape(ch) for ch in c.replace(" ", "")) for c in _ARCHIVE_CODES)
    + r")(?![\w])",
    re.I,
)
_UNKNOWN_ARCHIVE = re.compile(r"^(?P<code>[A-ZА-ЯЁ][\w\s]{0,30}?)[.,]?\s+(?=(?:Ф|F)\s*\.?\s*\S)")
# What follows the folios but is no folio: "(подлинник)", "Автограф.", an endnote "[821]".
_ANNOTATION = re.compile(
    r"(?:\s*\([^)]*\)|\s*\[\d+\]|[\s.,;]+(?:Автограф|Подлинник|Копия|Машинопись|Autograph|"
    r"Original|Copy|Typescript)\w*\.?)+[\s.,;]*$",
    re.I,
)
_VERSO = re.compile(r"(?:об|ob|v|verso)\.?\s*$", re.I)


def _folio_bounds(folios: str | None) -> tuple[int | None, int | None, bool]:
    if not folios:
        return None, None, False
    numbers = [int(n) for n in re.findall(r"\d+", folios)]
    if not numbers:
        return None, None, False
    # A list is not always in order ("ll. 65, 63 ob."): it spans its lowest to highest.
    return min(numbers), max(numbers), bool(_VERSO.search(folios))


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().rstrip(".,;").strip()
    return value or None


def _clean_folios(value: str | None) -> str | None:
    """Folios as printed, minus the reference's closing dot (kept after "об.")."""
    if value is None:
        return None
    value = re.sub(r"(?<=\d)[\s.,;]+$", "", value.strip()).rstrip(",; ")
    return value or None


# "Печ. по: АП РФ. Ф. 45. …": the editors say which copy they printed from; the reference
# follows (the print keeps the words).
_PRINTED_FROM = re.compile(r"^\s*(?:Печ\.\s*по|Печатается\s+по|Printed\s+from)\s*:\s*", re.I)


def looks_like_reference(text: str) -> bool:
    """Shape test used when scanning a Russian block's tail backwards."""
    fixed = _PRINTED_FROM.sub("", _fix_lookalikes(text.strip()))
    return bool(_ARCHIVE_AT_START.match(fixed) or _IBID.match(fixed)
                or (_UNKNOWN_ARCHIVE.match(fixed) and _FIELDS.search(fixed)))


def parse_reference(
    text: str, language: str, previous: ArchivalReference | None = None, line: int | None = None
) -> ArchivalReference | None:
    """One printed reference, or None when the line is not shaped like one.

    ``previous`` completes a "Там же" / "Ibid." line. The result's ``printed`` holds
    ``text`` verbatim under ``language``.
    """
    raw = text.strip()
    fixed = _PRINTED_FROM.sub("", _fix_lookalikes(raw))
    if m := _IBID.match(fixed):
        rest = fixed[m.end():]
        fm = _PARTIAL.match(rest)
        if previous is None or fm is None:
            return None
        folios = _clean_folios(fm.group("folios"))
        start, end, verso = _folio_bounds(folios)
        ref = replace(previous, printed={language: raw}, line=line, ibid=True,
                      folios=folios, folio_start=start, folio_end=end, verso=verso)
        if fm.group("fond") or fm.group("opis"):
            ref.papka = None  # a folder belongs to its opis: a new opis leaves the old folder
        for name in ("fond", "opis", "papka", "delo"):
            if fm.group(name):
                setattr(ref, name, _clean(fm.group(name)))
        return ref
    am = _ARCHIVE_AT_START.match(fixed)
    if am:
        archive = lookup_archive(am.group(0))
        code, latin = (archive.code, archive.code_latin) if archive else (am.group(0), None)
        rest = fixed[am.end():]
    elif um := _UNKNOWN_ARCHIVE.match(fixed):
        code, latin = um.group("code").strip(), None
        rest = fixed[um.end():]
    else:
        return None
    fm = _FIELDS.match(_ANNOTATION.sub("", rest))
    if fm is None:
        return ArchivalReference(code, latin, None, None, None, None, None, None,
                                 printed={language: raw}, line=line)
    folios = _clean_folios(fm.group("folios"))
    start, end, verso = _folio_bounds(folios)
    return ArchivalReference(
        archive=code, archive_latin=latin, fond=_clean(fm.group("fond")),
        opis=_clean(fm.group("opis")), delo=_clean(fm.group("delo")), folios=folios,
        folio_start=start, folio_end=end, verso=verso, printed={language: raw}, line=line,
        papka=_clean(fm.group("papka")),
    )


def is_complete(ref: ArchivalReference) -> bool:
    """Whether the fields were read (an unread print keeps only archive and text)."""
    return ref.fond is not None


def same_reference(a: ArchivalReference, b: ArchivalReference) -> bool:
    """Whether two prints (in different languages) are the same reference."""
    return (a.archive == b.archive and _key(a.fond) == _key(b.fond)
            and _key(a.opis) == _key(b.opis) and _key(a.papka) == _key(b.papka)
            and _key(a.delo) == _key(b.delo)
            and a.folio_start == b.folio_start and a.folio_end == b.folio_end)


def merge_references(
    by_language: dict[str, list[ArchivalReference]], primary: str = "ru"
) -> list[ArchivalReference]:
    """One list from each language's prints: matched by position first, then by fields.

    The primary language's print supplies the fields (Cyrillic archive code, folios
    as printed in the original); the others add their text to ``printed``.
    """
    languages = sorted(by_language, key=lambda lang: (lang != primary, lang))
    merged: list[ArchivalReference] = []
    for lang in languages:
        taken: set[int] = set()
        for i, ref in enumerate(by_language[lang]):
            target = None
            if i < len(merged) and i not in taken and lang not in merged[i].printed \
                    and same_reference(merged[i], ref):
                target = i
            else:
                target = next((j for j, m in enumerate(merged) if j not in taken
                               and lang not in m.printed and same_reference(m, ref)), None)
            if target is None:
                merged.append(replace(ref, printed=dict(ref.printed)))
                taken.add(len(merged) - 1)
            else:
                merged[target].printed[lang] = ref.printed[lang]
                taken.add(target)
    return merged
