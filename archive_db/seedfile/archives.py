"""The archives that references cite, with Cyrillic and Latin codes.

``KNOWN_ARCHIVES`` is the reference table the importer seeds the archives table from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Archive:
    code: str  # Cyrillic code as printed in Russian: "АП РФ"
    code_latin: str  # "AP RF"
    name_ru: str
    name_en: str
    aliases: tuple[str, ...] = ()  # other spellings seen in prints


KNOWN_ARCHIVES: tuple[Archive, ...] = (
    Archive("АП РФ", "AP RF", "Архив Президента Российской Федерации",
            "Archive of the President of the Russian Federation", ("APRF",)),
    Archive("РГАСПИ", "RGASPI", "Российский государственный архив социально-политической истории",
            "Russian State Archive of Socio-Political History"),
    Archive("ЦАМО РФ", "TsAMO RF", "Центральный архив Министерства обороны Российской Федерации",
            "Central Archive of the Ministry of Defence of the Russian Federation",
            ("ЦАМО", "TsAMO")),
    Archive("ГАРФ", "GARF", "Государственный архив Российской Федерации",
            "State Archive of the Russian Federation"),
    Archive("РГВА", "RGVA", "Российский государственный военный архив",
            "Russian State Military Archive"),
    Archive("АВП РФ", "AVP RF", "Архив внешней политики Российской Федерации",
            "Archive of Foreign Policy of the Russian Federation",
            ("АВП", "AVP", "АВП СССР", "AVP SSSR", "AVP USSR")),  # АВП СССР: its name until 1991
    Archive("РГАНИ", "RGANI", "Российский государственный архив новейшей истории",
            "Russian State Archive of Contemporary History"),
    Archive("РГАЭ", "RGAE", "Российский государственный архив экономики",
            "Russian State Archive of the Economy"),
    Archive("РГВИА", "RGVIA", "Российский государственный военно-исторический архив",
            "Russian State Military History Archive"),
    Archive("РГАЛИ", "RGALI", "Российский государственный архив литературы и искусства",
            "Russian State Archive of Literature and Art"),
    Archive("ЦА ФСБ РФ", "TsA FSB RF",
            "Центральный архив Федеральной службы безопасности Российской Федерации",
            "Central Archive of the Federal Security Service of the Russian Federation",
            ("ЦА ФСБ", "TsA FSB")),
    Archive("ЦПА ИМЛ", "TsPA IML", "Центральный партийный архив Института марксизма-ленинизма",
            "Central Party Archive of the Institute of Marxism-Leninism", ("ЦПА", "TsPA")),
)


def _squash(code: str) -> str:
    """Compare codes without spaces, dots or case: "АП  РФ", "АПРФ", "ap rf." all meet."""
    return re.sub(r"[\s.]", "", code).upper()


_BY_SQUASHED: dict[str, Archive] = {}
for _a in KNOWN_ARCHIVES:
    for _c in (_a.code, _a.code_latin, *_a.aliases):
        _BY_SQUASHED[_squash(_c)] = _a


def lookup_archive(code: str) -> Archive | None:
    """The archive printed as ``code`` (Cyrillic or Latin, any spacing), if known."""
    return _BY_SQUASHED.get(_squash(code))
