from __future__ import annotations

import pytest

from archive_db.authorities import normalize_name, script_of


@pytest.mark.parametrize(
    ("written", "normalized"),
    [
        ("Т.Ф. Штыков", "т ф штыков"),
        ("Т. Ф. Штыков", "т ф штыков"),
        ("т.ф.штыков", "т ф штыков"),
        ("Maо Цзэдун", "мао цзэдун"),  # Latin M and a, Cyrillic о
        ("Мао Цзэдун", "мао цзэдун"),
        ("Stаlin", "stalin"),  # Cyrillic а in a Latin word
        ("Хрущёв", "хрущев"),
        ("Чан Кай-ши", "чан кайши"),
        ("  Kim   Il-sung ", "kim ilsung"),
        ("«Правда»", "правда"),
        ("38-я параллель", "38я параллель"),
        ("Rhee’s", "rhees"),
        ("СССР", "ссср"),
    ],
)
def test_normalize_name(written: str, normalized: str) -> None:
    assert normalize_name(written) == normalized


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Фын Си", "Cyrl"),
        ("Fyn Si", "Latn"),
        ("毛泽东", "Hani"),
        ("Maо Цзэдун", "Cyrl"),
        ("38", "Other"),
        ("Rákosi", "Latn"),
    ],
)
def test_script_of(text: str, script: str) -> None:
    assert script_of(text) == script
