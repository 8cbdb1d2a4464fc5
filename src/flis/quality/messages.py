"""The plain-language explanations of the plausibility findings, in English and Danish.

Each function takes the label of the value ("schools.pupils, rows"), the numbers behind the finding
and returns (english, danish), e.g. "schools.pupils, rows: 4,012 in 2025-03; the median of the previous
12 months is 2,003 (robust z 25.1)."
"""

from __future__ import annotations

from flis.quality.finding import both

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
             "november", "december")

Labels = tuple[str, str]


def _what(labels: Labels, value: float, period: str) -> tuple[str, str]:
    v_en, v_da = both(value)
    return f"{labels[0]}: {v_en} in {period}", f"{labels[1]}: {v_da} i {period}"


def reference_text(months: int, month: int, seasonal: bool, later: bool) -> tuple[str, str]:
    """How the reference was chosen; ``month`` 1-12 is the month checked."""
    name_en, name_da = MONTHS_EN[month - 1], MONTHS_DA[month - 1]
    if seasonal:
        if months == 1:
            return f"{name_en} a year earlier", f"{name_da} året før"
        return f"the median of {months} earlier {name_en}s", f"medianen af {months} tidligere {name_da}"
    if later:
        return (f"the median of the {months} later months of the school year",
                f"medianen af skoleårets {months} senere måneder")
    if months == 1:
        return "the month before", "måneden før"
    return f"the median of the previous {months} months", f"medianen af de foregående {months} måneder"


def history(labels: Labels, period: str, value: float, median: float, expected: float, common: float,
            z: float, reference: tuple[str, str]) -> tuple[str, str]:
    what_en, what_da = _what(labels, value, period)
    med_en, med_da = both(median)
    z_en, z_da = both(z, 1)
    adjust_en = adjust_da = ""
    if abs(common) >= 0.005:
        c_en, c_da = both(100 * common, 1)
        e_en, e_da = both(expected)
        adjust_en = f", {c_en} % for the month's common movement: expected {e_en}"
        adjust_da = f", {c_da} % for månedens fælles bevægelse: forventet {e_da}"
    return (f"{what_en}; {reference[0]} is {med_en}{adjust_en} (robust z {z_en}).",
            f"{what_da}; {reference[1]} er {med_da}{adjust_da} (robust z {z_da}).")


def peer(labels: Labels, period: str, value: float, last: float, before: str, ratio: float,
         median_ratio: float, score: float, lower: float, upper: float, municipalities: int
         ) -> tuple[str, str]:
    what_en, what_da = _what(labels, value, period)
    l_en, l_da = both(last)
    r_en, r_da = both(ratio, 2)
    m_en, m_da = both(median_ratio, 3)
    e_en, e_da = both(score, 1)
    lo_en, lo_da = both(lower, 1)
    hi_en, hi_da = both(upper, 1)
    return (f"{what_en} against {l_en} in {before}, a ratio of {r_en}; the median ratio of {municipalities} "
            f"municipalities is {m_en} (Hidiroglou–Berthelot score {e_en}, accepted {lo_en} to {hi_en}).",
            f"{what_da} mod {l_da} i {before}, et forhold på {r_da}; medianforholdet for {municipalities} "
            f"kommuner er {m_da} (Hidiroglou–Berthelot-score {e_da}, accepteret {lo_da} til {hi_da}).")


def accumulation(labels: Labels, period: str, value: float, last: float, before: str, common_ratio: float
                 ) -> tuple[str, str]:
    what_en, what_da = _what(labels, value, period)
    q_en, q_da = both(value / last, 2)
    c_en, c_da = both(common_ratio, 2)
    l_en, l_da = both(last)
    return (f"{what_en}, {q_en} times the {l_en} of {before} (all municipalities: {c_en} times).",
            f"{what_da}, {q_da} gange de {l_da} i {before} (alle kommuner: {c_da} gange).")


def level(labels: Labels, period: str, value: float, expected: float, z: float) -> tuple[str, str]:
    what_en, what_da = _what(labels, value, period)
    e_en, e_da = both(expected)
    z_en, z_da = both(z, 1)
    return (f"{what_en}; municipalities of its size have about {e_en} (robust z {z_en}).",
            f"{what_da}; kommuner af dens størrelse har omkring {e_da} (robust z {z_da}).")


def unit(labels: Labels, period: str, value: float, per_row: float, reference: float, basis: str,
         direction: int) -> tuple[str, str]:
    what_en, what_da = _what(labels, value, period)
    a_en, a_da = both(per_row)
    ref_en, ref_da = both(reference)
    if basis == "history":
        basis_en, basis_da = "the municipality's own earlier months", "kommunens egne tidligere måneder"
    else:
        basis_en, basis_da = "the other municipalities this month", "de andre kommuner samme måned"
    if direction < 0:
        size_en, size_da = "about 1/1,000 of", "omkring 1/1.000 af"
        hint_en = "amounts in thousands of kroner instead of kroner?"
        hint_da = "beløb i tusinde kroner i stedet for kroner?"
    else:
        size_en, size_da = "about 1,000 times", "omkring 1.000 gange"
        hint_en = "amounts in kroner where thousands were declared?"
        hint_da = "beløb i kroner, hvor der var angivet tusinder?"
    return (f"{what_en}, {a_en} per row, {size_en} the {ref_en} per row of {basis_en}: {hint_en}",
            f"{what_da}, {a_da} pr. række, {size_da} de {ref_da} pr. række i {basis_da}: {hint_da}")
