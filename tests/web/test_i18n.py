"""Every UI text exists in Danish and English, and numbers are written the way each language writes them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flis.access import Role, TenantKind
from flis.web import i18n
from flis.web.dashboard import DOMAINS
from flis.web.i18n import Translator, number, signed, texts
from flis.web.matrix import STATUSES
from flis.web.standing import COMPARABLES

WEB = Path(i18n.__file__).parent
LITERAL = re.compile(r"""\bt\(\s*["']([a-z_]+\.[A-Za-z_.]+)["']\s*[,)]""")
"""``t("key")`` or ``t("key", ...)``; keys put together from data (``"domain." ~ d``) are the families below."""


def used_keys() -> set[str]:
    """Keys named literally in the templates and the page modules, plus the families built from data."""
    found = set()
    for path in [*WEB.glob("templates/*.html"), *WEB.glob("*.py")]:
        found |= set(LITERAL.findall(path.read_text(encoding="utf-8")))
    families = {
        "domain": [*DOMAINS, "general"], "status": STATUSES, "comparables": COMPARABLES,
        "verdict": ["better", "worse", "same", "neutral"], "role": [r.value for r in Role],
        "tenant": [k.value for k in TenantKind], "level": ["monthly", "annual", "start_of_year"],
        "direction": ["higher_better", "lower_better", "neutral"], "lang": list(i18n.LANGUAGES),
        "severity": ["FATAL", "ERROR", "WARNING", "INFO"], "drill": ["numerator", "denominator"],
    }
    for family, members in families.items():
        found |= {f"{family}.{m}" for m in members}
    found |= {f"verdict.{v}_icon" for v in families["verdict"]}
    found |= {f"status.{s}_{suffix}" for s in STATUSES for suffix in ("letter", "help")}
    return found


def test_both_languages_have_exactly_the_same_keys():
    assert set(texts("da")) == set(texts("en"))


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_key_the_portal_uses_exists(lang):
    missing = used_keys() - set(texts(lang))
    assert not missing, f"add to i18n/{lang}.yaml: {sorted(missing)}"


def test_placeholders_agree_between_languages():
    fields = re.compile(r"{(\w+)}")
    for key, text in texts("da").items():
        assert set(fields.findall(text)) == set(fields.findall(texts("en")[key])), key


def test_an_unknown_key_is_an_error_not_a_silent_gap():
    with pytest.raises(KeyError):
        Translator("da")("nav.nonexistent")


def test_unknown_languages_fall_back_to_danish():
    assert Translator("fr").lang == "da"


@pytest.mark.parametrize("value, decimals, da, en", [
    (1234.5, 1, "1.234,5", "1,234.5"),
    (1234567, 0, "1.234.567", "1,234,567"),
    (0.125, 2, "0,12", "0.12"),          # Python rounds half to even, as everywhere in flis
    (-3.25, 1, "\u22123,2", "\u22123.2"),
    (-0.04, 1, "0,0", "0.0"),            # no "minus zero"
    (None, 1, "–", "–"),
    (float("nan"), 1, "–", "–"),
])
def test_numbers_are_written_as_each_language_writes_them(value, decimals, da, en):
    assert number(value, decimals, "da") == da
    assert number(value, decimals, "en") == en


def test_deviations_always_show_their_sign():
    assert signed(2.5, 1, "da") == "+2,5"
    assert signed(-2.5, 1, "en") == "\u22122.5"
    assert signed(0.0, 1, "en") == "0.0"


def test_counts_have_no_decimals_unless_they_are_sums_of_fractions():
    t = Translator("da")
    assert t.count(506.0) == "506"
    assert t.count(12.25) == "12,25"
