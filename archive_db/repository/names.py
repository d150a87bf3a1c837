"""Name matching: the same normalization ``person_names.name_normalized`` stores."""

from __future__ import annotations

import re
import unicodedata

# Latin letters that look like Cyrillic ones, as typeset mixed-script words carry them.
_LOOKALIKES = str.maketrans("aceopxyk", "асеорхук")
_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")
_CYRILLIC = re.compile(r"[а-яё]")


def normalize_name(name: str, *, fold_always: bool = False) -> str:
    """Lowercase, ё as е, punctuation dropped, spaces collapsed; look-alike Latin
    letters folded to Cyrillic in a name that has Cyrillic letters (``Maо`` → ``мао``),
    or always with ``fold_always``."""
    text = unicodedata.normalize("NFC", name).lower().replace("ё", "е")
    text = _SPACE.sub(" ", _PUNCT.sub(" ", text)).strip()
    if fold_always or _CYRILLIC.search(text):
        text = text.translate(_LOOKALIKES)
    return text


def name_forms(name: str) -> list[str]:
    """The normalized forms a stored name may have, whichever folding the importer used."""
    forms = [normalize_name(name), normalize_name(name, fold_always=True)]
    return list(dict.fromkeys(forms))
