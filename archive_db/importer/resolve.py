"""Resolving a name a document gives to an entry: an authority entry, a provisional
one, or nobody — with the link's provenance (method and confidence).

One place decides, in this order:

1. a curator's decision about the name form (``curation_decisions``): merged or
   promoted → that entry, method ``curator``; rejected → no link, nothing created;
2. the matcher (authority entries, and provisional ones as whole names);
3. else a provisional entry for the name, created by ``Linker.prepare``.

A find in running text (``Linker.mentions``) comes with its entry already; it is
dropped if its name form was rejected and follows merges. Pure apart from
``Decisions.load``, so worker processes need nothing else.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import psycopg

from archive_db.seedfile.model import NameMention
from archive_db.vocab import LINK_METHODS

CURATOR = "curator"
# How sure a find in running text is, by method; role names carry their own (the
# parser's NameMention.confidence). A curated name form found by the matcher is
# nearly always that entry, but short forms have homonyms (Мао, Chiang).
FOUND_CONFIDENCE: Mapping[str, float] = {"authority": 0.9, "ner": 0.6}


class _Match(Protocol):
    slug: str
    kind: str


class _Matcher(Protocol):
    def match(self, name: str, language: str) -> _Match | None: ...


def provisional_slug(normalized_name: str) -> str:
    """The slug of the provisional entry made for a name no authority entry knows."""
    return "provisional-" + (
        re.sub(r"[^\w]+", "-", normalized_name.casefold()).strip("-") or "unnamed"
    )


@dataclass(frozen=True, slots=True)
class Resolution:
    slug: str
    method: str  # vocab.LINK_METHODS
    confidence: float


@dataclass(slots=True)
class Decisions:
    """The curators' standing decisions, latest last (``curation_decisions``)."""

    rejected: set[tuple[str, str]] = field(default_factory=set)  # (kind, normalized name)
    chosen: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, name) → slug
    moved: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, slug) → slug

    @classmethod
    def load(cls, conn: psycopg.Connection) -> Decisions:
        out = cls()
        cur = conn.execute(
            "SELECT kind, action, slug, target, names_normalized FROM curation_decisions"
            " ORDER BY decided_at, id"
        )
        for kind, action, slug, target, names in cur:
            keys = {(kind, n) for n in names}
            if action == "reject":
                out.rejected |= keys
                for key in keys:
                    out.chosen.pop(key, None)
            else:
                out.rejected -= keys
                out.chosen.update(dict.fromkeys(keys, target))
                out.moved[(kind, slug)] = target
        if out.rejected:
            # The authority files win: a rejected form a curated entry now lists is its.
            curated = conn.execute(_CURATED_NAMES, {"names": [n for _, n in out.rejected]})
            out.rejected -= {(kind, n) for kind, n in curated}
        return out

    def follow(self, kind: str, slug: str) -> str:
        """The entry ``slug`` became, through merges and promotions (cycles stop)."""
        seen = {slug}
        while (nxt := self.moved.get((kind, slug))) is not None and nxt not in seen:
            seen.add(nxt)
            slug = nxt
        return slug


_CURATED_NAMES = """
SELECT 'person', n.name_normalized FROM person_names n JOIN people p ON p.id = n.person_id
 WHERE NOT p.provisional AND n.name_normalized = ANY(%(names)s)
UNION
SELECT 'place', n.name_normalized FROM place_names n JOIN places p ON p.id = n.place_id
 WHERE NOT p.provisional AND n.name_normalized = ANY(%(names)s)
"""


def _checked(method: str, confidence: float) -> tuple[str, float]:
    if method not in LINK_METHODS:  # a bug, not bad input: the database would refuse it
        raise ValueError(f"unknown link method {method!r}; see archive_db.vocab.LINK_METHODS")
    if math.isnan(confidence):
        return method, 0.0
    return method, min(max(confidence, 0.0), 1.0)


class Resolver:
    def __init__(
        self,
        matcher: _Matcher,
        normalize: Callable[[str], str],
        decisions: Decisions | None = None,
    ) -> None:
        self.matcher = matcher
        self.normalize = normalize
        self.decisions = decisions or Decisions()
        # (kind, text, language, nominative, method) → (slug or None, decided by a curator)
        self._names: dict[tuple[str, str, str, str | None, str], tuple[str | None, bool]] = {}

    def use(self, decisions: Decisions) -> None:
        self.decisions = decisions
        self._names.clear()

    def slug(
        self, kind: str, name: NameMention, known: Container[tuple[str, str]]
    ) -> tuple[str | None, bool]:
        """The entry a name resolves to (an unknown one's provisional slug), None for a
        rejected name or one not to file; and whether a curator's decision chose it."""
        key = (kind, name.text, name.language, name.lemma, name.method)
        if (found := self._names.get(key)) is None:
            found = self._resolve(kind, name, known)
            self._names[key] = found
        return found

    def _resolve(
        self, kind: str, name: NameMention, known: Container[tuple[str, str]]
    ) -> tuple[str | None, bool]:
        d = self.decisions
        # As written, then in the nominative ("Аллилуевой", "Аллилуева").
        forms = list(dict.fromkeys(f for f in (name.text, name.lemma) if f))
        for form in forms:
            normalized = self.normalize(form)
            if (target := d.chosen.get((kind, normalized))) is not None:
                target = d.follow(kind, target)
                if (kind, target) in known:
                    return target, True
        # An entry that exists now wins over an older rejection: a rejected entry's forms
        # went with it, so what still matches is what the authority files list since.
        for form in forms:
            match = self.matcher.match(form, name.language)
            if match is not None and match.kind == kind and (kind, match.slug) in known:
                slug = d.follow(kind, match.slug)
                return slug, slug != match.slug
            if match is not None and name.method == "ner":
                return None, False  # the recognizer's "place" Энгельса is Engels
        if any((kind, self.normalize(form)) in d.rejected for form in forms):
            return None, True
        slug = self._unknown(kind, name, known)
        if slug is None:
            return None, False
        target = d.follow(kind, slug)
        return target, target != slug

    def _unknown(
        self, kind: str, name: NameMention, known: Container[tuple[str, str]]
    ) -> str | None:
        """The provisional slug of a name no entry knows. A person is filed under the
        nominative without initials, so that "В. В. Мартышин" of a title and "Мартышину"
        of the addressee lines are one entry. A Russian place: a country under its CLDR
        name (which may be a curated entry's), else under its English name; a multi-word
        place the recognizer proposes is too often a phrase to file unconfirmed."""
        nominative = name.lemma or name.text
        if kind == "person":
            words = nominative.split()
            core = " ".join(w for w in words if not w.endswith(".")) or nominative
            return provisional_slug(self.normalize(core))
        if name.language != "ru":
            return provisional_slug(self.normalize(nominative))
        from archive_db.recognition import placenames

        if (country := placenames.country(nominative)) is not None:
            match = self.matcher.match(country, "en")
            if match is not None and match.kind == "place" and ("place", match.slug) in known:
                return match.slug
        elif name.method == "ner" and " " in nominative.strip():
            return None
        return provisional_slug(self.normalize(placenames.english(nominative)))

    def role(
        self, kind: str, name: NameMention, known: Container[tuple[str, str]]
    ) -> Resolution | None:
        """A name the layout, title, salutation or recognizer gives the document."""
        slug, decided = self.slug(kind, name, known)
        if slug is None:
            return None
        if decided:
            return Resolution(slug, CURATOR, 1.0)
        return Resolution(slug, *_checked(name.method, name.confidence))

    def found(self, kind: str, slug: str, written: str, method: str) -> Resolution | None:
        """A name found in running text (by the matcher or recognition)."""
        d = self.decisions
        if not (d.rejected or d.chosen or d.moved):  # the usual case: no normalizing per find
            return Resolution(slug, *_checked(method, FOUND_CONFIDENCE.get(method, 1.0)))
        key = (kind, self.normalize(written))
        if key in d.rejected:
            return None
        target = d.follow(kind, slug)
        if target != slug or key in d.chosen:
            return Resolution(target, CURATOR, 1.0)
        return Resolution(slug, *_checked(method, FOUND_CONFIDENCE.get(method, 1.0)))
