"""A synthetic corpus in the seed format, deterministic from a seed number.

    python -m benchmarks.synth --n 10000 --seed 1 OUT_DIR

Documents are built as ``ParsedDocument`` values and written with the parser's own
writer (``archive_db.seedfile.render``), so the files are what the parser reads.
Sizes follow the specimen (about 650 Russian words, 4.4 K characters, and an English
machine translation of the same text); the words come from the lexicon of
``benchmarks.words`` (12,000 lemmas, Zipf-distributed, a few topic words repeated in
each document), and the English version renders the same sentences as the Russian
one. People, places and archives come from the authority files, printed in Russian
in their case forms: each document has a small cast of people and places, drawn by
their prominence in the years of its volume. The variants of FORMAT.md are mixed in
at the rates noted beside each draw.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from archive_db.seedfile import render
from archive_db.seedfile.model import (
    ArchivalReference,
    Citation,
    DocumentDate,
    Origin,
    OriginKind,
    ParsedDocument,
    SourceKind,
    Version,
)
from benchmarks import prints
from benchmarks.names import CASES, Catalogue, Name, load_catalogue
from benchmarks.words import LEMMAS, Lexicon, lexicon

VERSION = 3  # of the generator: a cached corpus of another version is rewritten
TARGET_CHARS = 4400  # of the Russian text, as in the specimen
FIRST_YEAR, LAST_YEAR = 1901, 1953
TOPICS, TOPICAL = 6, 0.06  # topic lemmas a document repeats, and the share of its words
ARTICLE_P = 0.45  # an English content word with an article before it
PERSON_P, PLACE_P, PASSING_P = 0.2, 0.25, 0.01  # a name in a sentence; one outside the cast

# How often the texts name someone, and in which years (outside them, 2 % of that):
# slug: (weight, first year, last year). Others: weight 1, every year.
PROMINENCE = {
    "lenin": (10, 1901, 1953), "marx": (5, 1901, 1953), "engels": (4, 1901, 1953),
    "trotsky": (6, 1905, 1940), "molotov": (8, 1917, 1953), "kaganovich": (4, 1925, 1953),
    "voroshilov": (4, 1918, 1953), "kalinin": (3, 1918, 1946), "mikoyan": (3, 1923, 1953),
    "zhdanov": (3, 1930, 1948), "beria": (3, 1938, 1953), "malenkov": (3, 1938, 1953),
    "bulganin": (2, 1940, 1953), "zhukov": (2, 1939, 1953), "vasilevsky": (2, 1940, 1953),
    "khrushchev": (2, 1935, 1953), "vyshinsky": (2, 1935, 1953), "gromyko": (1, 1943, 1953),
    "hitler": (3, 1933, 1945), "churchill": (3, 1919, 1953), "roosevelt": (3, 1933, 1945),
    "truman": (2, 1945, 1953), "attlee": (1, 1945, 1951), "eisenhower": (1, 1943, 1953),
    "macarthur": (1, 1945, 1953), "acheson": (1, 1949, 1953), "tito": (2, 1941, 1953),
    "gottwald": (1, 1945, 1953), "bierut": (1, 1944, 1953), "dimitrov": (2, 1934, 1949),
    "rakosi": (1, 1945, 1953), "mao-zedong": (3, 1937, 1953), "chiang-kai-shek": (2, 1925, 1953),
    "zhou-enlai": (2, 1945, 1953), "liu-shaoqi": (1, 1949, 1953), "peng-dehuai": (1, 1950, 1953),
    "kim-il-sung": (2, 1945, 1953), "shtykov": (1, 1945, 1951), "syngman-rhee": (1, 1945, 1953),
    "pak-hon-yong": (1, 1948, 1953),
    "ussr": (10, 1922, 1953), "moscow": (8, 1901, 1953), "leningrad": (3, 1924, 1953),
    "germany": (5, 1901, 1953), "britain": (5, 1901, 1953), "france": (3, 1901, 1953),
    "usa": (4, 1901, 1953), "japan": (3, 1901, 1953), "china": (4, 1901, 1953),
    "poland": (3, 1901, 1953), "europe": (3, 1901, 1953), "korea": (2, 1945, 1953),
    "north-korea": (1, 1945, 1953), "south-korea": (1, 1945, 1953), "pyongyang": (1, 1945, 1953),
    "seoul": (1, 1945, 1953), "38th-parallel": (1, 1945, 1953), "taiwan": (1, 1945, 1953),
    "stalingrad": (2, 1925, 1953), "potsdam": (1, 1945, 1945), "yalta": (1, 1945, 1945),
    "berlin": (2, 1901, 1953), "manchuria": (1, 1931, 1953), "port-arthur": (1, 1904, 1953),
}  # fmt: skip


# kind: (weight, Russian title, English title); {ru} takes the dative, {en} the name.
KINDS = {
    "telegram": (25, "Телеграмма {ru}", "Telegram to {en}"),
    "letter": (25, "Письмо {ru}", "Letter to {en}"),
    "note": (10, "Записка {ru}", "Note to {en}"),
    "speech": (10, "Речь на пленуме ЦК", "Speech at the Plenum of the Central Committee"),
    "article": (
        8,
        "Статья о задачах хозяйственников",
        "Article on the tasks of business executives",
    ),
    "report": (7, "Доклад о работе ЦК", "Report on the work of the Central Committee"),
    "order": (
        5,
        "Приказ народного комиссара обороны",
        "Order of the People's Commissar of Defence",
    ),
    "interview": (5, "Беседа с {ins}", "Conversation with {en}"),
    "decree": (5, "Постановление Политбюро ЦК", "Resolution of the Politburo"),
}
_KIND_NAMES = list(KINDS)
_KIND_CW = list(itertools.accumulate(w for w, _, _ in KINDS.values()))
_ADDRESSED = {"telegram", "letter", "note", "interview"}
CLASSIFICATIONS = (
    ("Особо секретно.", "Top Secret."),
    ("Секретно.", "Secret."),
    ("Совершенно секретно.", "Strictly Secret."),
)
SIGNATURES = (("И. Сталин", "J. Stalin"), ("Фын Си", "Fyn Si"), ("Филиппов", "Filippov"))


@dataclass(frozen=True, slots=True)
class Slot:
    """Where one document goes: its global index, volume and position in it."""

    index: int
    volume: str
    volume_number: int
    volumes: int
    position: int


def plan(n: int, seed: int) -> list[Slot]:
    """Volumes of 200–400 documents, numbered from tom1 (as ``Том 1`` prints), in order."""
    rng = random.Random(f"volumes/{seed}")
    sizes: list[int] = []
    while sum(sizes) < n:
        sizes.append(rng.randint(200, 400))
    sizes[-1] -= sum(sizes) - n
    slots: list[Slot] = []
    for v, size in enumerate(sizes):
        slots += [Slot(len(slots) + p, f"tom{v + 1}", v, len(sizes), p) for p in range(size)]
    return slots


def _prominence(names: Sequence[Name], year: int) -> list[float]:
    weights = []
    for n in names:
        w, lo, hi = PROMINENCE.get(n.slug, (1, FIRST_YEAR, LAST_YEAR))
        weights.append(w if lo <= year <= hi else w * 0.02)
    return list(itertools.accumulate(weights))


@dataclass(frozen=True, slots=True)
class Sentence:
    """Lemma ranks or names, each with a number in [0, 1) that picks its form, and the
    positions of the commas: rendered alike in both languages."""

    tokens: tuple[tuple[int | Name, float], ...]
    breaks: frozenset[int]


Paragraph = tuple[Sentence, ...] | str  # a str: the same words in both languages
_RANKS = range(LEMMAS)
_CONTENT = range(LEMMAS - lexicon().content_from)


class Writer:
    """Sentences of Zipf-distributed lemmas naming the document's cast."""

    def __init__(self, rng: random.Random, cat: Catalogue, year: int) -> None:
        self.rng = rng
        self.cat = cat
        self.lex: Lexicon = lexicon()
        self.people = cat.people[1:]  # everyone but the author
        self.people_cw = _prominence(self.people, year)
        self.places_cw = _prominence(cat.places, year)
        self.topics = [self._content() for _ in range(TOPICS)]
        self.cast_people: list[Name] = []  # whom and what the sentences name
        self.cast_places: list[Name] = []

    def _content(self) -> int:
        """A lemma past the function words."""
        lex = self.lex
        return lex.content_from + self.rng.choices(_CONTENT, cum_weights=lex.content_cw)[0]

    def person(self) -> Name:
        return self.rng.choices(self.people, cum_weights=self.people_cw)[0]

    def place(self) -> Name:
        return self.rng.choices(self.cat.places, cum_weights=self.places_cw)[0]

    def sentence(self) -> Sentence:
        rng, lex = self.rng, self.lex
        n = rng.randint(6, 18)
        # A content word first, so that every sentence has a word in both languages.
        ranks = [self._content()]
        ranks += rng.choices(_RANKS, cum_weights=lex.cum_weights, k=n - 1)
        for i in range(n):
            if rng.random() < TOPICAL:
                ranks[i] = rng.choice(self.topics)
        tokens: list[tuple[int | Name, float]] = [(r, rng.random()) for r in ranks]
        for cast, pick, p in ((self.cast_people, self.person, PERSON_P),
                              (self.cast_places, self.place, PLACE_P)):  # fmt: skip
            r = rng.random()
            if r < p and cast:
                tokens.insert(rng.randrange(1, len(tokens)), (rng.choice(cast), rng.random()))
            elif r > 1 - PASSING_P:
                tokens.insert(rng.randrange(1, len(tokens)), (pick(), rng.random()))
        # Clauses of 3–9 words, as in real prose. (A first clause of 20+ words without a
        # comma sent the parser's citation regex into exponential backtracking.)
        breaks, i = set(), 0
        while i < len(tokens):
            i += rng.randint(3, 9)
            breaks.add(i)
        return Sentence(tuple(tokens), frozenset(breaks))

    def paragraph(self) -> tuple[Sentence, ...]:
        return tuple(self.sentence() for _ in range(self.rng.randint(2, 6)))

    def paragraphs(self, target: int, extra: str | None = None) -> list[tuple[Paragraph, str]]:
        """Paragraphs, each with its Russian text, until that has ``target`` characters;
        ``extra`` (a stage direction) stands for one paragraph in ten."""
        out: list[tuple[Paragraph, str]] = []
        size = 0
        while size < target:
            p: Paragraph = self.paragraph()
            if extra and self.rng.random() < 0.1:
                p = extra
            out.append((p, say(self.lex, p, ru=True)))
            size += len(out[-1][1]) + 1
        return out


def _word(lex: Lexicon, item: int | Name, u: float, ru: bool) -> str | None:
    if isinstance(item, Name):
        return item.ru[CASES[int(u * len(CASES))]] if ru else item.en
    forms = lex.lemmas[item].ru if ru else lex.lemmas[item].en
    if not forms:
        return None
    word = forms[int(len(forms) * u * u)]  # the first forms most often
    if not ru and item >= lex.content_from and (a := u * 97 % 1) < ARTICLE_P:
        # English says "the", "a", "of the" where Russian has no word: a third more words.
        return (
            f"{'the' if a < ARTICLE_P * 0.6 else 'a' if a < ARTICLE_P * 0.8 else 'of the'} {word}"
        )
    return word


def say(lex: Lexicon, p: Paragraph, ru: bool) -> str:
    """A paragraph in Russian or in English."""
    if isinstance(p, str):
        return p
    sentences = []
    for s in p:
        clauses: list[list[str]] = [[]]
        for i, (item, u) in enumerate(s.tokens):
            if i in s.breaks:
                clauses.append([])
            if (word := _word(lex, item, u, ru)) is not None:
                clauses[-1].append(word)
        text = ", ".join(" ".join(c) for c in clauses if c)
        sentences.append(text[:1].upper() + text[1:] + ".")  # no "!" or "?": they join
    return " ".join(sentences)


def make_document(cat: Catalogue, seed: int, slot: Slot, revision: int = 0) -> ParsedDocument:
    """The document of ``slot``; a ``revision`` > 0 changes its texts (a new paragraph)."""
    rng = random.Random(f"doc/{seed}/{slot.index}")
    key = f"{rng.getrandbits(64):016x}"
    year_from = FIRST_YEAR + (LAST_YEAR - FIRST_YEAR) * slot.volume_number // slot.volumes
    year = min(LAST_YEAR, year_from + rng.randint(0, 2))
    w = Writer(rng, cat, year)
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    date = prints.printed_date(rng, day)
    kind = rng.choices(_KIND_NAMES, cum_weights=_KIND_CW)[0]
    _, title_ru, title_en = KINDS[kind]
    to, via, where = w.person(), w.person(), w.place()
    # The cast: the addressee, 0–3 more people, the destination and 0–3 more places.
    cast = (to, *(w.person() for _ in range(rng.choice((0, 1, 1, 2, 2, 3)))),
            where, *(w.place() for _ in range(rng.choice((0, 1, 1, 2, 3)))))  # fmt: skip
    w.cast_people = [n for n in cast if n in w.people]
    w.cast_places = [n for n in cast if n in cat.places]
    title_ru = title_ru.format(ru=to.ru["dat"], ins=to.ru["ins"])
    title_en = title_en.format(en=to.en)
    index_title = f"{title_ru} {date.title_ru}"
    sig = SIGNATURES[0] if rng.random() < 0.8 or kind != "telegram" else rng.choice(SIGNATURES)
    classified = rng.choice(CLASSIFICATIONS) if kind in _ADDRESSED and rng.random() < 0.3 else None
    target = max(800, min(30000, int(rng.lognormvariate(0, 0.45) * TARGET_CHARS * 0.92)))

    # Everything the two versions share is drawn before either is written.
    block = via_block = salute = False
    if kind in _ADDRESSED:
        block = rng.random() < 0.5
        via_block = block and rng.random() < 0.3  # through an intermediary, as in the specimen
        salute = rng.random() < 0.6
    extra = "(Аплодисменты.)" if kind == "speech" else None
    paragraphs = w.paragraphs(target, extra)
    if revision:
        rev = Writer(random.Random(f"rev/{seed}/{slot.index}/{revision}"), cat, year)
        rev.cast_people, rev.cast_places = w.cast_people, w.cast_places
        p = rev.paragraph()
        paragraphs.append((p, say(w.lex, p, ru=True)))
    closing = kind not in ("speech", "article")
    pass_on = closing and rng.random() < 0.1
    note = w.paragraph() if rng.random() < 0.05 else None

    def body(ru: bool) -> str:
        lang = 0 if ru else 1
        head: list[str] = []
        if via_block:
            head += (
                [f"{where.ru['nom']}, {via.ru['dat']}", "для", to.ru["gen"]]
                if ru
                else [f"{where.en}, {via.en}", "for", to.en]
            )
        elif block:
            head.append(f"Товарищу {to.ru['dat']}" if ru else f"To Comrade {to.en}")
        if classified:
            head.append(classified[lang])
        if salute:
            head.append(f"Товарищ {to.ru['nom']}!" if ru else f"Comrade {to.en}!")
        text = [
            ru_text if ru else "(Applause.)" if p == extra else say(w.lex, p, ru)
            for p, ru_text in paragraphs
        ]
        tail: list[str] = []
        if closing:
            tail = [date.ru if ru else date.en, sig[lang]]
            if pass_on:
                tail.append(
                    ("Прошу Вас, товарищ " + via.ru["nom"] + ", передать это письмо.")
                    if ru
                    else f"I ask you, Comrade {via.en}, to pass on this letter."
                )
        sep = "\n" if ru else "\n\n"
        return sep.join([*head, *text, *tail])

    def notes(ru: bool) -> list[str]:
        # An editor's note follows the citations, as the exporter prints it.
        return [("Примечание. " if ru else "Note. ") + say(w.lex, note, ru)] if note else []

    r = rng.random()
    languages = ("ru",) if r < 0.06 else ("en",) if r < 0.08 else ("ru", "en")
    versions = []
    if "ru" in languages:
        origin = Origin(slot.volume, OriginKind.VOLUME, str(slot.volume_number + 1))
        versions.append(
            Version(
                "ru",
                origin,
                index_title,
                body(True),
                0,
                0,
                source_line=f"Том {slot.volume_number + 1}",
                notes=notes(True),
            )
        )
    if "en" in languages:
        origin = Origin("AI", OriginKind.MACHINE_TRANSLATION, translated_from="ru")
        versions.append(
            Version(
                "en",
                origin,
                title_en,
                body(False),
                0,
                0,
                source_line=f"Source: Tom {slot.volume_number + 1}",
                printed_date=date.en,
                notes=notes(False),
            )
        )
    provenance = ";".join(f"{lang}:{slot.volume if lang == 'ru' else 'AI'}" for lang in languages)
    archive = cat.archives[rng.choices(range(4), cum_weights=(4, 8, 9, 10))[0]]
    fond, opis = prints.FONDS.get(archive.code, ("1", "1"))
    file = prints.FileRef(archive, fond, opis, delo=100 + 40 * slot.volume_number)
    refs = [
        ArchivalReference(
            ru,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            printed={
                lang: p for lang, p in zip(("ru", "en"), (ru, en), strict=True) if lang in languages
            },
        )
        for ru, en in prints.references(rng, file, slot.position)
    ]
    cites = [
        Citation(
            SourceKind.OTHER,
            ru,
            printed={
                lang: p for lang, p in zip(("ru", "en"), (ru, en), strict=True) if lang in languages
            },
        )
        for ru, en in prints.citations(rng, year)
    ]
    return ParsedDocument(
        path=f"{slot.volume}/{slot.position:03d}_{key}.txt",
        key=key,
        position=slot.position,
        volume=slot.volume,
        title=title_en if "en" in languages else index_title,
        index_title=index_title,
        kind=kind,
        classification=None,
        date=DocumentDate(header=date.header),
        provenance=provenance,
        badge="AI translated" if "en" in languages else None,
        versions=versions,
        archival_references=refs,
        citations=cites,
        crlf=rng.random() < 0.03,
        bom=rng.random() < 0.02,
        trailing_newline=rng.random() < 0.5,
    )


def documents(n: int, seed: int) -> Iterator[ParsedDocument]:
    cat = load_catalogue()
    for slot in plan(n, seed):
        yield make_document(cat, seed, slot)


def write_file(out: Path, doc: ParsedDocument) -> Path:
    path = out / doc.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render(doc).encode("utf-8"))
    return path


def write_corpus(out: Path, n: int, seed: int = 1) -> list[Path]:
    """Write ``n`` documents under ``out`` (one folder per volume); the paths written."""
    return [write_file(out, doc) for doc in documents(n, seed)]


def change(out: Path, n: int, seed: int, indexes: list[int], revision: int = 1) -> None:
    """Rewrite the documents at ``indexes`` of the corpus ``(n, seed)`` with changed texts."""
    cat = load_catalogue()
    slots = plan(n, seed)
    for i in indexes:
        write_file(out, make_document(cat, seed, slots[i], revision))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.synth", description=__doc__)
    ap.add_argument("--n", type=int, default=10_000, help="documents (default 10000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    paths = write_corpus(args.out, args.n, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} documents ({size / 1e6:.1f} MB) under {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
