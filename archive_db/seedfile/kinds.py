"""The kind of a document (from its title) and its security classification."""

from __future__ import annotations

import re

# (pattern, kind): the earliest match in the title wins, so "Ответ на письмо" is a reply.
_KINDS: tuple[tuple[str, str], ...] = (
    (r"телеграмм|telegram|cable", "telegram"),
    (r"письм|letter", "letter"),
    (r"речь|речи|speech|выступлени|address", "speech"),
    (r"приказ|order", "order"),
    (r"стать|article", "article"),
    (r"записк|memorandum|note", "note"),
    (r"бесед|conversation|interview|интервью", "interview"),
    (r"постановлени|resolution|decree|резолюци", "decree"),
    (r"директив|directive", "directive"),
    (r"приветстви|greeting", "greeting"),
    (r"доклад|report", "report"),
    (r"ответ|reply|answer", "reply"),
    (r"заявлени|statement", "statement"),
    (r"инструкци|instruction", "instruction"),
)
_KIND_RE = re.compile(
    "|".join(rf"(?P<k{i}>\b(?:{p})\w*)" for i, (p, _) in enumerate(_KINDS)), re.I
)

KINDS: tuple[str, ...] = (*dict.fromkeys(k for _, k in _KINDS), "other")


def kind_from_titles(*titles: str | None) -> str:
    """The kind named first in the first title that names one; "other" otherwise."""
    for title in titles:
        if not title:
            continue
        m = _KIND_RE.search(title)
        if m is not None:
            index = int(next(name for name, v in m.groupdict().items() if v)[1:])
            return _KINDS[index][1]
    return "other"


# Normalized levels (archive_db.vocab.CLASSIFICATIONS), highest first. "Особой важности"
# (above top secret) folds into top_secret and "для служебного пользования" into
# confidential: the vocabulary has no finer level, and the print is kept as written.
_LEVELS: tuple[tuple[str, str], ...] = (
    (r"особой\s+важности|of\s+(?:special|particular)\s+importance", "top_secret"),
    (r"(?:совершенно|особо|строго)\s+секретно|top\s+secret|strictly\s+secret|most\s+secret",
     "top_secret"),
    (r"секретно|secret", "secret"),
    (r"(?:строго\s+)?доверительно|(?:strictly\s+)?confidential", "confidential"),
    (r"для\s+служебного\s+пользования|for\s+official\s+use(?:\s+only)?|restricted",
     "confidential"),
)
_PERSONAL = re.compile(r"^\s*(?:лично|personal(?:ly)?|строго\s+лично)\s*[.!]?\s*$", re.I)
_CLASSIFICATION_LINE = re.compile(
    r"^\s*(?:(?:лично|personal(?:ly)?)\s*(?:и|and|,)?\s*)?(?P<level>"
    + "|".join(p for p, _ in _LEVELS)
    + r")(?:\s*(?:и|and|,|\.)\s*(?:лично|personal(?:ly)?))?\s*[.!]?\s*$",
    re.I,
)


def classification_level(text: str) -> str | None:
    """``Top Secret.`` / ``Особо секретно.`` → ``top_secret``; None if the line is not one."""
    if _PERSONAL.match(text):
        return "personal"
    m = _CLASSIFICATION_LINE.match(text)
    if m is None:
        return None
    level = m.group("level")
    return next(name for pattern, name in _LEVELS if re.fullmatch(pattern, level, re.I))


LEVELS: tuple[str, ...] = ("top_secret", "secret", "confidential", "personal")
