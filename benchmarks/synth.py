"""A synthetic corpus in the seed format, deterministic from a seed number.

    python -m benchmarks.synth --n 10000 --seed 1 OUT_DIR

Documents are built as ``ParsedDocument`` values and written with the parser's own
writer (``archive_db.seedfile.render``), so the files are what the parser reads.
Sizes follow the specimen (about 5 KB per version, a Russian volume text and an
English machine translation); people, places and archives come from the authority
files, printed in Russian in their case forms; the variants of FORMAT.md are mixed
in at the rates noted beside each draw.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
from collections.abc import Iterator
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
from benchmarks.names import Catalogue, Name, load_catalogue
from benchmarks.words import EN_WORDS, RU_WORDS

TARGET_BYTES = 5000  # per version, as in the specimen
FIRST_YEAR, LAST_YEAR = 1901, 1953


def _zipf(n: int) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 1) for rank in range(n)))


_RU_CW, _EN_CW = _zipf(len(RU_WORDS)), _zipf(len(EN_WORDS))

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


class Writer:
    """Russian and English text with names mentioned, Zipf-distributed words."""

    def __init__(self, rng: random.Random, cat: Catalogue) -> None:
        self.rng = rng
        self.cat = cat
        self.people = list(cat.people[1:])  # everyone but the author
        self.people_cw = _zipf(len(self.people))
        self.places_cw = _zipf(len(cat.places))

    def person(self) -> Name:
        return self.rng.choices(self.people, cum_weights=self.people_cw)[0]

    def place(self) -> Name:
        return self.rng.choices(self.cat.places, cum_weights=self.places_cw)[0]

    def _sentence(self, ru: bool) -> str:
        rng = self.rng
        words = rng.choices(
            RU_WORDS if ru else EN_WORDS, cum_weights=_RU_CW if ru else _EN_CW, k=rng.randint(6, 18)
        )
        for pick, p in ((self.person, 0.35), (self.place, 0.4)):
            if rng.random() < p:
                name = pick()
                text = name.ru[rng.choice(("nom", "gen", "dat", "ins", "acc"))] if ru else name.en
                words.insert(rng.randrange(1, len(words)), text)
        words[0] = words[0][:1].upper() + words[0][1:]
        # Clauses of 3–9 words, as in real prose. (A first clause of 20+ words without a
        # comma sends the parser's citation regex into exponential backtracking.)
        clauses, i = [], 0
        while i < len(words):
            step = rng.randint(3, 9)
            clauses.append(" ".join(words[i : i + step]))
            i += step
        return ", ".join(clauses) + "."  # "!" and "?" would join clauses across sentences

    def paragraph(self, ru: bool) -> str:
        return " ".join(self._sentence(ru) for _ in range(self.rng.randint(2, 6)))

    def paragraphs(self, ru: bool, target: int, extra: list[str]) -> list[str]:
        out: list[str] = []
        size = 0
        while size < target:
            p = self.paragraph(ru)
            if extra and self.rng.random() < 0.1:
                p = self.rng.choice(extra)
            out.append(p)
            size += len(p.encode()) + 1
        return out


def make_document(cat: Catalogue, seed: int, slot: Slot, revision: int = 0) -> ParsedDocument:
    """The document of ``slot``; a ``revision`` > 0 changes its texts (a new paragraph)."""
    rng = random.Random(f"doc/{seed}/{slot.index}")
    key = f"{rng.getrandbits(64):016x}"
    w = Writer(rng, cat)
    year_from = FIRST_YEAR + (LAST_YEAR - FIRST_YEAR) * slot.volume_number // slot.volumes
    year = min(LAST_YEAR, year_from + rng.randint(0, 2))
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    date = prints.printed_date(rng, day)
    kind = rng.choices(_KIND_NAMES, cum_weights=_KIND_CW)[0]
    _, title_ru, title_en = KINDS[kind]
    to, via, where = w.person(), w.person(), w.place()
    title_ru = title_ru.format(ru=to.ru["dat"], ins=to.ru["ins"])
    title_en = title_en.format(en=to.en)
    index_title = f"{title_ru} {date.title_ru}"
    sig = SIGNATURES[0] if rng.random() < 0.8 or kind != "telegram" else rng.choice(SIGNATURES)
    classified = rng.choice(CLASSIFICATIONS) if kind in _ADDRESSED and rng.random() < 0.3 else None
    target = max(800, min(30000, int(rng.lognormvariate(0, 0.45) * TARGET_BYTES * 0.92)))

    def body(ru: bool) -> str:
        lang = 0 if ru else 1
        head: list[str] = []
        if kind in _ADDRESSED and rng.random() < 0.5:
            if rng.random() < 0.3:  # through an intermediary, as in the specimen
                head += (
                    [f"{where.ru['nom']}, {via.ru['dat']}", "для", to.ru["gen"]]
                    if ru
                    else [f"{where.en}, {via.en}", "for", to.en]
                )
            else:
                head.append(f"Товарищу {to.ru['dat']}" if ru else f"To Comrade {to.en}")
        if classified:
            head.append(classified[lang])
        if kind in _ADDRESSED and rng.random() < 0.6:
            head.append(f"Товарищ {to.ru['nom']}!" if ru else f"Comrade {to.en}!")
        extra = ["(Аплодисменты.)" if ru else "(Applause.)"] if kind == "speech" else []
        size = sum(len(h.encode()) for h in head)
        text = w.paragraphs(ru, target - size, extra)
        if revision:
            text.append(
                Writer(random.Random(f"rev/{seed}/{slot.index}/{revision}"), cat).paragraph(ru)
            )
        tail: list[str] = []
        if kind not in ("speech", "article"):
            tail = [date.ru if ru else date.en, sig[lang]]
            if rng.random() < 0.1:
                tail.append(
                    ("Прошу Вас, товарищ " + via.ru["nom"] + ", передать это письмо.")
                    if ru
                    else f"I ask you, Comrade {via.en}, to pass on this letter."
                )
        if rng.random() < 0.05:
            tail.append(("Примечание. " if ru else "Note. ") + w.paragraph(ru))
        sep = "\n" if ru else "\n\n"
        return sep.join([*head, *text, *tail])

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
