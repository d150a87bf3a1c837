"""Matching names as written against the authority entries.

Every name form is precompiled into a tuple of word slots, each slot the set of
its normalized case forms (see ``inflect``). A text is lowered and folded once,
cut into tokens, and each token is one dict lookup on the first slot of every
form; only the rare hits look further. That keeps a 5 KB body well under a
millisecond, which matters at 10,000+ documents × 2 versions per import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from archive_db.authorities.files import Authorities, PersonEntry, PlaceEntry
from archive_db.authorities.inflect import ORDINAL_SUFFIXES, case_forms
from archive_db.authorities.normalize import (
    TO_CYRILLIC,
    fold_mixed,
    lower_same_length,
    normalize_name,
)

# Words are letter-digit runs; a hyphen or apostrophe splits them (Кай-ши is two
# words, as is Rhee's), so a spelling with a hyphen is its own variant in the files.
_SPLIT = re.compile(r"([^\W_]+)")
_WORD = re.compile(r"[^\W_]+")
_LATIN_WORD = re.compile(r"\b[a-z]+\b")
# What may stand between two words of one name: spaces, initials' dots, a hyphen.
_GAP_CHARS = frozenset(" .\u00a0\u2009\u202f-‐‑'’")
# Words of address that are not part of a name (товарищу Штыкову, Comrade Shtykov).
_HONORIFICS = frozenset({
    "товарищ", "товарища", "товарищу", "товарищем", "товарище", "тов", "comrade", "mr", "mister",
    "господин", "господину", "господина", "генералу", "генерал", "маршалу", "маршал",
    "general", "marshal", "to", "for", "для",
})  # fmt: skip
_ADDRESS = re.compile(r"^\W*(?:г-ну|г-на|г-н)\W+")  # господину, abbreviated


class NameRow(NamedTuple):
    """One name form as a database row (or any other source) gives it."""

    slug: str
    kind: str  # "person" or "place"
    name: str
    language: str
    name_kind: str = "variant"  # vocab.NAME_KINDS
    scan: bool = True  # looked for in running text by find_mentions


@dataclass(frozen=True, slots=True)
class Match:
    slug: str
    kind: str  # "person" or "place"
    form: str  # the authority's name form that matched (Штыков)
    name_kind: str  # preferred, variant, pseudonym, transliteration or inflected
    exact: bool  # the name as written is that form, not an inflected one


@dataclass(frozen=True, slots=True)
class Mention:
    slug: str
    kind: str
    text_as_written: str
    start: int  # offsets into the text given to find_mentions
    end: int


@dataclass(frozen=True, slots=True)
class _Form:
    row: NameRow
    slots: tuple[frozenset[str], ...]
    words: tuple[str, ...]  # normalized words of the form as written
    capitals: tuple[int, ...]  # _LOWER, _CAPITAL (Штыков) or _ALL_CAPS (США, US)


_LOWER, _CAPITAL, _ALL_CAPS = 0, 1, 2


def _case(written: str) -> int:
    if len(written) > 1 and written.isupper():
        return _ALL_CAPS
    return _CAPITAL if written[:1].isupper() else _LOWER


def _compile(row: NameRow) -> _Form | None:
    written = _WORD.findall(unicodedata.normalize("NFC", row.name))
    words = _WORD.findall(fold_mixed(lower_same_length(row.name)))
    if not words or len(words) != len(written):
        return None
    slots = []
    for i, (word, as_written) in enumerate(zip(words, written, strict=True)):
        if i and words[i - 1].isdigit() and word.isalpha() and len(word) <= 3:
            slots.append(ORDINAL_SUFFIXES)  # 38-я: the suffix inflects (38-ю, 38-й)
        else:
            slots.append(case_forms(word, as_written))
    return _Form(row, tuple(slots), tuple(words), tuple(_case(w) for w in written))


class NameMatcher:
    """Resolves names to authority slugs; build once, use for every document."""

    def __init__(self, rows: Iterable[NameRow | tuple[object, ...]]) -> None:
        # (volume glob, author's slug, author's name): the collections' authors, which
        # the linker gives every document of such a volume (see authorities.files).
        self.collections: list[tuple[str, str, str]] = []
        # Whether the linker runs entity recognition (ImportOptions.recognition).
        self.recognition = True
        self._forms: list[_Form] = []
        self._first: dict[str, list[_Form]] = {}  # every form, by first-word case form
        self._scan_first: dict[str, list[_Form]] = {}  # those looked for in running text
        self._normalized: dict[str, list[_Form]] = {}  # normalize_name(form) → forms
        known: set[str] = set()
        for raw in rows:
            row = raw if isinstance(raw, NameRow) else NameRow(*raw)  # type: ignore[arg-type]
            form = _compile(row)
            if form is None:
                continue
            self._forms.append(form)
            self._normalized.setdefault(normalize_name(row.name), []).append(form)
            for index in (self._first, self._scan_first) if row.scan else (self._first,):
                for key in form.slots[0]:
                    index.setdefault(key, []).append(form)
            for slot in form.slots:
                known |= slot
        for index in (self._first, self._scan_first):
            for forms in index.values():
                forms.sort(key=lambda f: -len(f.slots))  # longest name first
        self._known = frozenset(known)
        # First words whose every form starts with a capital: initials such as "И." or
        # "А." share their key with the commonest words of a text ("и", "а", "a").
        self._scan_capital = frozenset(
            key for key, forms in self._scan_first.items()
            if all(f.capitals[0] != _LOWER for f in forms)
        )  # fmt: skip

    @classmethod
    def from_authorities(cls, authorities: Authorities) -> NameMatcher:
        return cls(rows_of(authorities))

    @property
    def forms(self) -> int:
        return len(self._forms)

    def _prepare(self, text: str, language: str) -> str:
        """Lowered, ё as е, mixed-script words folded; the same length as ``text``."""
        lowered = fold_mixed(lower_same_length(text), "Latn" if language == "en" else "Cyrl")
        if language == "ru":  # CCCP typed in Latin letters: read it in Cyrillic if known
            for m in _LATIN_WORD.finditer(lowered):
                folded = m.group().translate(TO_CYRILLIC)
                if folded in self._known:
                    lowered = lowered[: m.start()] + folded + lowered[m.end() :]
        return lowered

    # -- whole names: an addressee, a signature --------------------------------
    def match(self, name: str, language: str, kind: str | None = None) -> Match | None:
        """The entry ``name`` (one name, as written) stands for, or None if none or ambiguous.

        Words of address (товарищу, Comrade) are ignored; initials that the entry's
        forms do not spell out are ignored too, and used only to choose between entries.
        """
        words = _WORD.findall(_ADDRESS.sub("", self._prepare(name, language)))
        while words and words[0] in _HONORIFICS:
            words = words[1:]
        if not words:
            return None
        found = self._whole(words, kind)
        if not found:  # a hyphen or apostrophe placed otherwise: Кайши, Кай-ши
            found = [(f, True) for f in self._normalized.get(" ".join(words), ())
                     if not kind or f.row.kind == kind]  # fmt: skip
        if not found:
            initials = [w for w in words if len(w) == 1 and w.isalpha()]
            rest = [w for w in words if not (len(w) == 1 and w.isalpha())]
            if not initials or not rest:
                return None
            found = self._whole(rest, kind)
            found = _by_initials(found, initials, self._forms) or found
        if len({(f.row.kind, f.row.slug) for f, _ in found}) != 1:
            return None
        same_language = [fe for fe in found if fe[0].row.language == language]
        form, exact = min(same_language or found, key=_best_first)
        return Match(form.row.slug, form.row.kind, form.row.name, form.row.name_kind, exact)

    def _whole(self, words: list[str], kind: str | None) -> list[tuple[_Form, bool]]:
        found = []
        for form in self._first.get(words[0], ()):
            if len(form.slots) != len(words) or (kind and form.row.kind != kind):
                continue
            if all(w in slot for w, slot in zip(words, form.slots, strict=True)):
                found.append((form, tuple(words) == form.words))
        return found

    # -- running text ----------------------------------------------------------
    def find_mentions(self, text: str, language: str) -> list[Mention]:
        """Every known name in ``text``, in order; where names overlap the longest wins,
        and a name two entries share is left out."""
        parts = _SPLIT.split(self._prepare(text, language))  # separator, word, separator...
        words = parts[1::2]
        first = self._scan_first
        hits = [i for i, w in enumerate(words) if w in first]
        if not hits:
            return []
        ends = list(accumulate(map(len, parts)))  # word i ends at ends[2 * i + 1]
        count = len(words)
        mentions: list[Mention] = []
        free = 0  # first word not inside a mention already taken
        capital = self._scan_capital
        for i in hits:
            if i < free:
                continue
            word = words[i]
            start = ends[2 * i + 1] - len(word)
            if word in capital and not text[start].isupper():
                continue  # "и", not "И. Сталин"
            width, found = 0, set()
            for form in first[word]:
                size = len(form.slots)
                if size < width:
                    break
                # The first word is in the first slot: that is how ``first`` is keyed.
                if size == 1:
                    fits = _written_as(text, start, start + len(word), form.capitals[0])
                else:  # the second word rules out most forms: test it before the call
                    fits = (i + size <= count and words[i + 1] in form.slots[1]
                            and _fits(text, parts, words, ends, i, form))  # fmt: skip
                if fits:
                    width = size
                    found.add((form.row.kind, form.row.slug))
            if not width:
                continue
            free = i + width
            if len(found) == 1:
                kind, slug = found.pop()
                end = ends[2 * (i + width) - 1]
                mentions.append(Mention(slug, kind, text[start:end], start, end))
        return mentions


def _written_as(text: str, start: int, end: int, case: int) -> bool:
    """Whether the word at text[start:end] is written with the capitals a form requires:
    "берут" the verb is not Bierut, "us" is not the US."""
    if case == _LOWER:
        return True
    return text[start].isupper() if case == _CAPITAL else text[start:end].isupper()


def _best_first(found: tuple[_Form, bool]) -> tuple[bool, bool]:
    """Order candidates: the exact spelling first, then the preferred form."""
    form, exact = found
    return (not exact, form.row.name_kind != "preferred")


def _fits(text: str, parts: list[str], words: list[str], ends: list[int], i: int,
          form: _Form) -> bool:  # fmt: skip
    for j, slot in enumerate(form.slots):
        word = words[i + j]
        if word not in slot:
            return False
        if j:
            gap = parts[2 * (i + j)]
            if len(gap) > 3 or not all(c in _GAP_CHARS for c in gap):
                return False  # a comma or a line between: two names, not one
        end = ends[2 * (i + j) + 1]
        if not _written_as(text, end - len(word), end, form.capitals[j]):
            return False
    return True


def _by_initials(
    found: list[tuple[_Form, bool]], initials: list[str], forms: list[_Form]
) -> list[tuple[_Form, bool]]:
    """Candidates whose full names start with these initials (Т.Ф. → Терентий Фомич)."""
    keep = []
    for form, exact in found:
        for other in forms:
            if other.row.slug == form.row.slug and len(other.words) > len(initials):
                spelled = [w[0] for w in other.words[: len(initials)]]
                if spelled == initials:
                    keep.append((form, exact))
                    break
    return keep


def rows_of(authorities: Authorities) -> list[NameRow]:
    """The name forms of every person and place entry, as matcher rows."""
    rows: list[NameRow] = []
    entries: list[tuple[str, PersonEntry | PlaceEntry]] = [
        *(("person", p) for p in authorities.people),
        *(("place", p) for p in authorities.places),
    ]
    for kind, entry in entries:
        for form in entry.names:
            scan = form.normalized not in entry.scan_exclude
            rows.append(NameRow(entry.slug, kind, form.name, form.language, form.kind, scan))
    return rows
