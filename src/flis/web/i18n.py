"""UI texts in Danish and English, the language of a request, and numbers as each language writes them.

Every text a page shows lives in ``i18n/da.yaml`` and ``i18n/en.yaml`` under the same dotted keys (a test
checks that both files have the same keys and that every key the code and templates use exists). Texts are
Python format strings: ``t("dashboard.title", name="København")``. The language is chosen with
``?lang=da|en``, remembered in a cookie, and Danish by default, as municipal staff expect.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import yaml
from fastapi import Request

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"
LANG_COOKIE = "flis_lang"
FILES = Path(__file__).with_name("i18n")
MINUS = "\u2212"


def _flatten(node: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in node.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = str(value)
    return out


@lru_cache(maxsize=len(LANGUAGES))
def texts(lang: str) -> dict[str, str]:
    """All texts of one language, by dotted key."""
    with open(FILES / f"{lang}.yaml", encoding="utf-8") as fh:
        return _flatten(yaml.safe_load(fh) or {})


class Translator:
    """``t(key, **values)``: the text of ``key`` in one language. An unknown key is a bug and raises
    KeyError (the i18n test finds every key in use)."""

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._texts = texts(self.lang)

    def __call__(self, key: str, **values: object) -> str:
        text = self._texts[key]
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self._texts

    def number(self, value: float | None, decimals: int = 1) -> str:
        return number(value, decimals, self.lang)

    def signed(self, value: float | None, decimals: int = 1) -> str:
        return signed(value, decimals, self.lang)

    def count(self, value: float | None) -> str:
        """A numerator or denominator: no decimals when whole (a count), else two."""
        whole = value is None or (math.isfinite(value) and float(value).is_integer())
        return number(value, 0 if whole else 2, self.lang)


def language(request: Request) -> str:
    """``?lang=`` if valid, else the cookie, else Danish."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(LANG_COOKIE)
    return remembered if remembered in LANGUAGES else DEFAULT_LANGUAGE


def number(value: float | None, decimals: int = 1, lang: str = DEFAULT_LANGUAGE) -> str:
    """1.234,5 in Danish, 1,234.5 in English; an en dash for a missing value."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    text = f"{abs(value):,.{max(0, int(decimals))}f}"
    if lang == "da":
        text = text.translate(str.maketrans(",.", ".,"))
    return (MINUS + text) if value < 0 and text.strip("0.,") else text


def signed(value: float | None, decimals: int = 1, lang: str = DEFAULT_LANGUAGE) -> str:
    """A deviation with its sign always shown: +1,2 or −0,4 (a true minus sign)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    text = number(value, decimals, lang)
    return text if text.startswith(MINUS) or not text.strip("0.,") else "+" + text
