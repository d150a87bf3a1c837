"""People, places, archives and sources for the synthetic corpus, read from the
authority files, with the Russian case forms a text prints them in."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

AUTHORITIES = Path(__file__).resolve().parent.parent / "seeds" / "authorities"
CASES = ("nom", "gen", "dat", "ins", "acc")
_VOWELS = set("оеиуэюыё")


def inflect(word: str, person: bool = True) -> dict[str, str]:
    """Case forms of a Russian name word (nominative, genitive, dative, instrumental,
    accusative of a person): Штыков → Штыкова, Штыкову, Штыковым."""
    if word.isupper() or word[-1] in _VOWELS:  # СССР, Мао, Тито, Кайши
        return dict.fromkeys(CASES, word)
    if word.endswith(("ий", "ой", "ый")):
        s = word[:-2]
        return {"nom": word, "gen": s + "ого", "dat": s + "ому", "ins": s + "им", "acc": s + "ого"}
    if word.endswith("а"):
        s = word[:-1]
        gen = s + ("и" if s[-1] in "кгхжшчщ" else "ы")
        return {"nom": word, "gen": gen, "dat": s + "е", "ins": s + "ой", "acc": s + "у"}
    if word.endswith("я"):
        s = word[:-1]
        dat = s + ("и" if s.endswith("и") else "е")  # Берии, Корее
        return {"nom": word, "gen": s + "и", "dat": dat, "ins": s + "ей", "acc": s + "ю"}
    if word.endswith(("ь", "й")):
        s = word[:-1]
        return {"nom": word, "gen": s + "я", "dat": s + "ю", "ins": s + "ем", "acc": s + "я"}
    surname = person and word.endswith(("ов", "ев", "ин", "ын"))
    ins = "ым" if surname else "ом"
    return {"nom": word, "gen": word + "а", "dat": word + "у", "ins": word + ins, "acc": word + "а"}


@dataclass(frozen=True, slots=True)
class Name:
    slug: str
    en: str
    ru: dict[str, str]  # case → the name with its last word in that case


def _ru_forms(full: str, person: bool) -> dict[str, str]:
    """Case forms of a name; a person's first name and patronymic as initials
    (Иосиф Виссарионович Сталин → И.В. Сталина)."""
    words = full.split()
    if person and len(words) == 3 and words[1].endswith(("ич", "вна", "чна")):
        words = [f"{words[0][0]}.{words[1][0]}.", words[2]]
    head, last = " ".join(words[:-1]), words[-1]
    return {case: f"{head} {form}".strip() for case, form in inflect(last, person).items()}


@dataclass(frozen=True, slots=True)
class Archive:
    code: str
    latin: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    people: tuple[Name, ...]
    places: tuple[Name, ...]  # one-word places inflect; the others stay nominative
    archives: tuple[Archive, ...]


def load_catalogue(directory: Path = AUTHORITIES) -> Catalogue:
    def read(name: str) -> dict[str, list[dict[str, object]]]:
        return tomllib.loads((directory / f"{name}.toml").read_text(encoding="utf-8"))

    people = tuple(
        Name(str(p["slug"]), str(p["name_en"]), _ru_forms(str(p["name_ru"]), person=True))
        for p in read("people")["person"]
    )
    places = tuple(
        Name(
            str(p["slug"]),
            str(p["name_en"]),
            _ru_forms(str(p["name_ru"]), person=False)
            if " " not in str(p["name_ru"])
            else dict.fromkeys(CASES, str(p["name_ru"])),
        )
        for p in read("places")["place"]
    )
    archives = tuple(
        Archive(str(a["code"]), str(a["code_latin"])) for a in read("archives")["archive"]
    )
    return Catalogue(people, places, archives)
