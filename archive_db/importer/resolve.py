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
        # (kind, text, language) → (slug or None, decided by a curator)
        self._names: dict[tuple[str, str, str], tuple[str | None, bool]] = {}

    def use(self, decisions: Decisions) -> None:
        self.decisions = decisions
        self._names.clear()

    def slug(
        self, kind: str, text: str, language: str, known: Container[tuple[str, str]]
    ) -> tuple[str | None, bool]:
        """The entry a name resolves to (an unknown one's provisional slug), None for a
        rejected name; and whether a curator's decision chose it."""
        key = (kind, text, language)
        if (found := self._names.get(key)) is None:
            found = self._resolve(kind, text, language, known)
            self._names[key] = found
        return found

    def _resolve(
        self, kind: str, text: str, language: str, known: Container[tuple[str, str]]
    ) -> tuple[str | None, bool]:
        d = self.decisions
        normalized = self.normalize(text)
        if (target := d.chosen.get((kind, normalized))) is not None:
            target = d.follow(kind, target)
            if (kind, target) in known:
                return target, True
        if (kind, normalized) in d.rejected:
            return None, True
        match = self.matcher.match(text, language)
        if match is not None and match.kind == kind and (kind, match.slug) in known:
            slug = d.follow(kind, match.slug)
            return slug, slug != match.slug
        slug = provisional_slug(normalized)
        target = d.follow(kind, slug)
        return target, target != slug

    def role(
        self,
        kind: str,
        text: str,
        language: str,
        method: str,
        confidence: float,
        known: Container[tuple[str, str]],
    ) -> Resolution | None:
        """A name the layout, title, salutation or collection gives a role."""
        slug, decided = self.slug(kind, text, language, known)
        if slug is None:
            return None
        if decided:
            return Resolution(slug, CURATOR, 1.0)
        return Resolution(slug, *_checked(method, confidence))

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
