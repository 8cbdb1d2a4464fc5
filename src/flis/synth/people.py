"""The residents of one municipality over the generated months.

Everyone who lives in the municipality at some point of the horizon is one row of
:class:`People`, with the day they arrived (born, moved in, immigrated) and the day
they left (died, moved out, emigrated). A monthly civil-registration extract is then
just "who is resident on day d", and every other domain draws its clients from the
same people, so pupils are the municipality's children and home-help recipients its
old residents.

Calibration: the initial age structure combines the national profile (FOLK1A) with
the municipality's real number of residents aged 65+ by single year of age; the
number of in-movers each month keeps the total on the municipality's real monthly
population series (FOLK1AM, times the scale); births follow the number of women
aged 15-49; deaths follow a Gompertz mortality curve.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from flis import reference
from flis.synth.context import MunicipalityContext
from flis.synth.ids import pseudonyms
from flis.synth.profile import gravity

NEVER = np.iinfo(np.int32).max
YEAR = 365.2425

DANISH, WESTERN_IMMIGRANT, WESTERN_DESCENDANT, NON_WESTERN_IMMIGRANT, NON_WESTERN_DESCENDANT = 1, 2, 3, 4, 5
RESIDENT, BORN, MOVED_IN, IMMIGRATED = 0, 1, 2, 3
STAYS, DIED, MOVED_OUT, EMIGRATED = 0, 1, 2, 3

STREETS = (
    "Skolevej", "Kirkevej", "Østergade", "Vestergade", "Nørregade", "Søndergade", "Møllevej", "Engvej",
    "Skovvej", "Stationsvej", "Bøgevej", "Egevej", "Birkevej", "Ahornvej", "Lærkevej", "Mågevej",
    "Vibevej", "Ågade", "Strandvejen", "Havnegade", "Fælledvej", "Grønnegade", "Åbyvej", "Kærvej",
    "Solsikkevej", "Rosenvænget", "Præstevænget", "Bakkedraget", "Højvangen", "Markvej", "Søvej",
    "Bredgade", "Smedegade", "Tværgade", "Slotsvej", "Kongevej", "Dronningens Allé", "Fasanvej",
    "Granvej", "Hybenvej", "Kløvervej", "Lindevej", "Pilevej", "Rønnebærvej", "Tjørnevej", "Æblevej",
    "Ørnevej", "Hjortevej", "Rævebakken", "Bøgeløkken", "Fiskergade", "Brøndvej", "Gærdet",
)
STREET_PREFIXES = ("", "Store ", "Lille ", "Nye ", "Gamle ", "Øvre ", "Nedre ")


@dataclass
class People:
    serial: np.ndarray
    birth: np.ndarray
    sex: np.ndarray
    origin: np.ndarray
    latent: np.ndarray
    """Person-level disadvantage (standard normal, shifted by the municipality's social index);
    domains use it so that the same people tend to need several services."""
    arrive: np.ndarray
    arrive_kind: np.ndarray
    leave: np.ndarray
    leave_kind: np.ndarray
    from_municipality: np.ndarray
    to_municipality: np.ndarray
    street: np.ndarray
    house: np.ndarray
    district: np.ndarray
    municipality: int = 0
    street_names: tuple[str, ...] = ()
    districts: int = 1

    def __len__(self) -> int:
        return len(self.serial)

    def resident(self, day: int) -> np.ndarray:
        return (self.arrive <= day) & (self.leave > day)

    def present(self, first: int, last: int) -> np.ndarray:
        """Resident on at least one day of [first, last)."""
        return (self.arrive < last) & (self.leave > first)

    def age(self, day: int | np.ndarray, index: np.ndarray | None = None) -> np.ndarray:
        """Completed years of age on ``day`` (scalar, or one day per person of ``index`` / of everyone)."""
        d = np.asarray(day, dtype="datetime64[D]")
        b = (self.birth if index is None else self.birth[index]).astype("datetime64[D]")
        years = d.astype("datetime64[Y]").astype(int) - b.astype("datetime64[Y]").astype(int)
        before_birthday = _month_day(d) < _month_day(b)
        return (years - before_birthday).astype(np.int16)

    def ids(self, index: np.ndarray | None = None):
        serial = self.serial if index is None else self.serial[index]
        return pseudonyms("P", self.municipality, serial)

    def take(self, index: np.ndarray) -> "People":
        data = {f.name: getattr(self, f.name)[index] for f in fields(self)
                if isinstance(getattr(self, f.name), np.ndarray)}
        return People(**data, municipality=self.municipality, street_names=self.street_names,
                      districts=self.districts)


def _month_day(days: np.ndarray) -> np.ndarray:
    """Month * 100 + day of month, for comparing birthdays across leap and common years."""
    month = days.astype("datetime64[M]")
    return (month - days.astype("datetime64[Y]")).astype(int) * 100 + (days - month).astype(int)


def death_rate(age: np.ndarray) -> np.ndarray:
    """Yearly probability of death by age (Gompertz, close to Danish life tables)."""
    return np.minimum(np.exp(-11.4 + 0.106 * np.asarray(age, dtype=float)), 0.6)


def move_rate(age: np.ndarray) -> np.ndarray:
    """Yearly probability of moving out of the municipality, by age."""
    a = np.asarray(age)
    return np.select([a < 5, a < 15, a < 18, a < 25, a < 35, a < 50, a < 65],
                     [0.06, 0.035, 0.03, 0.15, 0.10, 0.045, 0.025], 0.015)


def _age_weights(code: int, young_adult_factor: float) -> tuple[np.ndarray, np.ndarray, float]:
    """Weights over ages 0..100 for men and women, and the municipality's share aged 65+."""
    national = reference.national_age_profile()
    men = np.array([national[min(a, 99)][0] for a in range(101)], dtype=float)
    women = np.array([national[min(a, 99)][1] for a in range(101)], dtype=float)
    young = np.arange(101) < 65
    tilt = np.where((np.arange(101) >= 20) & (np.arange(101) < 35), young_adult_factor, 1.0)
    elderly = reference.elderly_by_age(code)
    old_total = np.array([elderly.get(a, 0) for a in range(101)], dtype=float)
    female_share = women / (men + women)
    w_men = np.where(young, men * tilt, old_total * (1 - female_share))
    w_women = np.where(young, women * tilt, old_total * female_share)
    structure = reference.municipality(code).structure
    share_old = structure.aged_65_plus_2022 / structure.population_2022
    return w_men, w_women, share_old


def _sample_ages(rng: np.random.Generator, n: int, code: int, factor: float) -> tuple[np.ndarray, np.ndarray]:
    w_men, w_women, share_old = _age_weights(code, factor)
    n_old = int(round(n * share_old))
    ages, sexes = [], []
    for part, count in ((np.arange(101) < 65, n - n_old), (np.arange(101) >= 65, n_old)):
        w = np.concatenate([np.where(part, w_men, 0), np.where(part, w_women, 0)])
        # Systematic sampling: every age and sex gets its expected count up to rounding, so even a
        # tiny scale keeps the real age structure (the order is shuffled afterwards).
        cdf = np.cumsum(w / w.sum())
        pick = rng.permutation(np.searchsorted(cdf, (rng.random() + np.arange(count)) / max(count, 1)))
        pick = np.minimum(pick, 201)
        ages.append(pick % 101)
        sexes.append(np.where(pick < 101, 1, 2))
    return np.concatenate(ages).astype(np.int16), np.concatenate(sexes).astype(np.int8)


def _origin(rng: np.random.Generator, age: np.ndarray, nw: float, w: float, from_abroad: np.ndarray) -> np.ndarray:
    """Origin by age: descendants are mostly young, immigrants mostly adults."""
    u = rng.random(len(age))
    child, young, adult = age < 18, (age >= 18) & (age < 30), (age >= 30) & (age < 65)
    p_ni = np.select([child, young, adult], [0.08 * nw, 0.8 * nw, 1.2 * nw], 0.35 * nw)
    p_nd = np.select([child, young, adult], [1.1 * nw, 0.5 * nw, 0.05 * nw], 0.0)
    p_wi = np.select([child, young, adult], [0.2 * w, 1.6 * w, 1.2 * w], 0.5 * w)
    p_wd = np.select([child, young], [0.3 * w, 0.1 * w], 0.0)
    p_ni = np.where(from_abroad, 0.45, p_ni)
    p_wi = np.where(from_abroad, 0.40, p_wi)
    p_nd = np.where(from_abroad, 0.0, p_nd)
    p_wd = np.where(from_abroad, 0.0, p_wd)
    edges = np.cumsum(np.stack([p_ni, p_nd, p_wi, p_wd]), axis=0)
    return np.select([u < edges[0], u < edges[1], u < edges[2], u < edges[3]],
                     [NON_WESTERN_IMMIGRANT, NON_WESTERN_DESCENDANT, WESTERN_IMMIGRANT, WESTERN_DESCENDANT],
                     DANISH).astype(np.int8)


class _Builder:
    """Collects cohorts of people (initial residents, births, in-movers) in arrival order."""

    def __init__(self, ctx: MunicipalityContext, rng: np.random.Generator) -> None:
        self.ctx, self.rng = ctx, rng
        self.parts: list[dict[str, np.ndarray]] = []
        self.end = int(ctx.period_starts[-1])
        codes, matrix = gravity()
        self.codes = codes
        self.flows = matrix[int(np.flatnonzero(codes == ctx.code)[0])]
        self.streets = max(3, int(round(reference.population(ctx.code, ctx.periods[0]) * ctx.scale / 250)))
        self.districts = max(1, int(np.ceil(reference.population(ctx.code, ctx.periods[0]) * ctx.scale / 1500)))

    def add(self, birth: np.ndarray, sex: np.ndarray, arrive: np.ndarray, kind: int | np.ndarray,
            t0: np.ndarray) -> None:
        rng, n = self.rng, len(birth)
        age_mid = ((t0 + (self.end - t0) / 2 - birth) / YEAR).astype(int)
        t_death = rng.exponential(YEAR / death_rate(age_mid), n)
        t_move = rng.exponential(YEAR / (move_rate(age_mid) * (1.1 if self.ctx.profile.urban > 0.6 else 1.0)), n)
        leave = t0 + np.minimum(t_death, t_move)
        stays = leave >= self.end
        emigrate = rng.random(n) < 0.22
        leave_kind = np.where(stays, STAYS, np.where(t_death <= t_move, DIED, np.where(emigrate, EMIGRATED,
                                                                                       MOVED_OUT)))
        kind_arr = np.broadcast_to(np.asarray(kind, dtype=np.int8), (n,))
        from_abroad = kind_arr == IMMIGRATED
        age_now = ((t0 - birth) / YEAR).astype(int)
        p = self.ctx.profile
        street = rng.integers(0, self.streets, n)
        self.parts.append({
            "birth": birth.astype(np.int32), "sex": sex.astype(np.int8),
            "origin": _origin(rng, age_now, p.non_western_share, p.western_share, from_abroad),
            "latent": (rng.standard_normal(n) + 0.3 * p.social_index).astype(np.float32),
            "arrive": arrive.astype(np.int32), "arrive_kind": kind_arr.copy(),
            "leave": np.where(stays, NEVER, leave).astype(np.int32), "leave_kind": leave_kind.astype(np.int8),
            "from_municipality": np.where(kind_arr == MOVED_IN, rng.choice(self.codes, n, p=self.flows), 0
                                          ).astype(np.int16),
            "to_municipality": np.where(leave_kind == MOVED_OUT, rng.choice(self.codes, n, p=self.flows), 0
                                        ).astype(np.int16),
            "street": street.astype(np.int16),
            "house": rng.integers(1, 120, n).astype(np.int16),
            "district": (street % self.districts).astype(np.int16),
        })

    def resident_count(self, day: int) -> int:
        return int(sum(((p["arrive"] <= day) & (p["leave"] > day)).sum() for p in self.parts))

    def women_15_49(self, day: int) -> int:
        total = 0
        for p in self.parts:
            age = (day - p["birth"]) / YEAR
            total += int(((p["arrive"] <= day) & (p["leave"] > day) & (p["sex"] == 2) & (age >= 15)
                          & (age < 50)).sum())
        return total

    def street_names(self) -> tuple[str, ...]:
        rng = self.ctx.rng("streets")
        names = [pre + base for pre in STREET_PREFIXES for base in STREETS]
        order = rng.permutation(len(names))
        return tuple(names[i % len(names)] + ("" if i < len(names) else f" {i // len(names) + 1}")
                     for i in order[: self.streets].tolist() + list(range(len(names), self.streets)))

    def build(self) -> People:
        cols = {k: np.concatenate([p[k] for p in self.parts]) for k in self.parts[0]}
        return People(serial=np.arange(len(cols["birth"]), dtype=np.int64), **cols,
                      municipality=self.ctx.code, street_names=self.street_names(), districts=self.districts)


def simulate_people(ctx: MunicipalityContext) -> People:
    """Residents at the start, then month by month births, deaths, moves in and out."""
    rng = ctx.rng("people")
    starts = ctx.period_starts
    periods = ctx.periods + [ctx.periods[-1] + 1]
    target = np.array([reference.population(ctx.code, p) for p in periods], dtype=float) * ctx.scale
    b = _Builder(ctx, rng)

    n0 = int(round(target[0]))
    ages, sex = _sample_ages(rng, n0, ctx.code, ctx.profile.young_adult_factor)
    s = int(starts[0])
    birth = s - np.floor((ages + rng.random(n0)) * YEAR).astype(np.int64)
    born_here = rng.random(n0) < np.where(ages < 18, 0.6, 0.3)
    arrive = np.where(born_here, birth, s - 1 - np.floor(rng.random(n0) * np.minimum(ages, 30) * YEAR))
    b.add(birth, sex, np.minimum(arrive, s - 1), RESIDENT, np.full(n0, s))

    mover_ages = np.arange(80)
    mover_w = move_rate(mover_ages) * np.array([sum(reference.national_age_profile()[a]) for a in mover_ages])
    mover_w /= mover_w.sum()
    for t in range(len(ctx.periods)):
        first, nxt = int(starts[t]), int(starts[t + 1])
        days = nxt - first
        season = 1 + 0.06 * np.cos(2 * np.pi * (ctx.periods[t].month - 7) / 12)
        births = rng.poisson(b.women_15_49(first) * 0.045 / 12 * season)
        bday = first + rng.integers(0, days, births)
        b.add(bday, rng.choice([1, 2], births, p=[0.513, 0.487]), bday, BORN, bday)

        expected_inflow = target[t] * 0.055 / 12
        movers = max(int(round(target[t + 1] - b.resident_count(nxt))), int(0.6 * expected_inflow))
        movers = rng.poisson(movers) if movers > 0 else 0
        mage = rng.choice(mover_ages, movers, p=mover_w)
        mday = first + rng.integers(0, days, movers)
        mbirth = mday - np.floor((mage + rng.random(movers)) * YEAR).astype(np.int64)
        kind = np.where(rng.random(movers) < 0.28, IMMIGRATED, MOVED_IN).astype(np.int8)
        b.add(mbirth, rng.choice([1, 2], movers), mday, kind, mday)
    return b.build()
