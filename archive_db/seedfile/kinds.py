"""The kind of a document (from its title) and its security classification."""

from __future__ import annotations

import re

# (pattern, kind): the earliest match in the title wins, so "Ответ на письмо" is a reply.
_KINDS: tuple[tuple[str, str], ...] = (
    (r"телеграмм|telegram|cable", "telegram"),
    (r"письм|letter|послани|message", "letter"),
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


_GREETING = re.compile(r"привет|поздравл|приветств|greet|congratulat", re.I)


def kind_from_layout(body: str, *, routed: bool, addressed: bool, to_no_one: bool,
                     signed: bool) -> str:
    """The kind of a document whose titles name none, from how it is laid out.

    ``routed``: its addressee lines give a destination or an intermediary (``Москва. ЦК
    ВКП. Двинскому для Кагановича.``); ``addressed``: someone is its addressee;
    ``to_no_one``: its title is addressed, but to no person (``ЛЕНИНГРАДСКОМУ
    ОСОАВИАХИМУ``, ``Саратов. Начальнику Комбайнстроя``); ``signed``: it has a signature.
    """
    if routed:
        return "telegram"
    short = len(body) <= 3000
    if short and _GREETING.search(body[:300]):
        return "greeting"  # "Привет и поздравления …", "Горячий привет рабочим …"
    if addressed:
        return "letter"
    if to_no_one and short and signed:
        return "greeting"
    if not signed and len(body) > 1500 and body.count("\n") < len(body) / 200:
        return "article"  # long prose, addressed to no one, signed by no one
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
