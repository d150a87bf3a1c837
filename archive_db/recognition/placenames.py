"""English names for places an authority file does not list, from the field's libraries.

A country takes its conventional English name from the Unicode CLDR (through ``babel``:
``Финляндия`` → Finland, ``Россия`` → Russia); any other place the Wikipedia romanization
of its Russian nominative (``iuliia``'s WIKIPEDIA schema: ``Сухуми`` → Sukhumi,
``Монастырское`` → Monastyrskoye, ``Нижний Новгород`` → Nizhny Novgorod). Both are a
provisional entry's name until a curator confirms it; the Russian form is kept beside it.
"""

from __future__ import annotations

from functools import cache


@cache
def _countries() -> dict[str, str]:
    from babel import Locale

    russian, english = Locale("ru").territories, Locale("en").territories
    return {name.casefold(): english[code] for code, name in russian.items()
            if code.isalpha() and code in english}  # fmt: skip


def country(name_ru: str) -> str | None:
    """The CLDR English name of a country named in Russian, or None."""
    return _countries().get(name_ru.casefold().replace("ё", "е"))


def english(name_ru: str) -> str:
    """A place's English name: the CLDR country name, else the Wikipedia romanization."""
    if (found := country(name_ru)) is not None:
        return found
    import iuliia

    return iuliia.WIKIPEDIA.translate(name_ru)
