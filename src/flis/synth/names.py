"""Names for synthetic institutions: plausible, Danish, and obviously generic."""

from __future__ import annotations

import numpy as np

PLACES = (
    "Nord", "Syd", "Øster", "Vester", "Lunde", "Birke", "Hylde", "Mølle", "Eng", "Skov", "Sø", "Bakke",
    "Rosen", "Linde", "Kirke", "Strand", "Hede", "Kær", "Å", "Fjord", "Bøge", "Ege", "Toft", "Vang",
    "Holm", "Høj", "Dal", "Mose", "Ager", "Klinte", "Ørne", "Svane", "Lærke", "Solsikke", "Kastanje",
)

SUFFIXES = {
    "school": ("skolen", " Skole"),
    "special_school": ("skolen (specialskole)", " Specialskole"),
    "youth_school": (" 10. klassecenter", " Ungdomsskole"),
    "daycare": ("huset", " Børnehus", "hytten", "bo", " Vuggestue", " Børnehave"),
    "nursing_home": ("hjemmet", " Plejecenter", "gården", "parken"),
    "home_care": (" Hjemmepleje", " Hjemmeplejedistrikt"),
    "centre": (" Aktivitetscenter", " Bocenter", " Bofællesskab", "huset"),
    "office": (" Rådhus", " Borgerservice", " Jobcenter", " Familieafdeling", " Teknik og Miljø"),
}


def institution_names(rng: np.random.Generator, kind: str, count: int) -> list[str]:
    """``count`` distinct names for institutions of ``kind`` (numbered when the list runs out)."""
    suffixes = SUFFIXES[kind]
    combos = [p + s for s in suffixes for p in PLACES]
    order = rng.permutation(len(combos))
    names = [combos[i] for i in order[:count]]
    for i in range(len(names), count):
        names.append(f"{combos[order[i % len(combos)]]} {i // len(combos) + 1}")
    return names
