"""Spells of service: who receives something, from when, to when.

Most municipal services are spells (a home-help decision, a placement, a benefit
period, a housing offer). :func:`sample_spells` draws them for a population in a
steady state: people already in a spell at the start of the horizon (prevalence =
onset rate x mean duration), and new spells starting during the horizon. Rates depend
on age (a function), on the person's latent disadvantage and on the municipality; a
spell ends when its duration is over or when the person dies or moves away.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from flis.synth.people import NEVER, YEAR, People


@dataclass
class Spells:
    person: np.ndarray
    """Index into ``People``."""
    start: np.ndarray
    end: np.ndarray
    """Day after the last day; ``NEVER`` when the spell outlasts the horizon."""

    def __len__(self) -> int:
        return len(self.person)

    def active(self, day: int) -> np.ndarray:
        return (self.start <= day) & (self.end > day)

    def overlapping(self, first: int, last: int) -> np.ndarray:
        """Spells with at least one day in [first, last)."""
        return (self.start < last) & (self.end > first)

    def days_in(self, first: int, last: int) -> np.ndarray:
        """Days of each spell inside [first, last)."""
        return np.clip(np.minimum(self.end, last) - np.maximum(self.start, first), 0, None)

    def take(self, index: np.ndarray) -> "Spells":
        return Spells(self.person[index], self.start[index], self.end[index])


def latent_weight(people: People, beta: float) -> np.ndarray:
    """``exp(beta * latent)`` normalised to mean 1, so ``beta`` shifts who, not how many."""
    return np.exp(beta * people.latent - beta**2 / 2)


def sample_spells(
    rng: np.random.Generator,
    people: People,
    horizon: tuple[int, int],
    onset_per_year: Callable[[np.ndarray], np.ndarray],
    mean_years: float,
    *,
    weight: np.ndarray | float = 1.0,
    eligible: np.ndarray | None = None,
    min_days: int = 1,
) -> Spells:
    """Spells for ``people`` over ``horizon`` = (first day, day after the last day).

    ``onset_per_year(age)`` is the yearly rate of starting a spell at an age; ``weight``
    multiplies it per person (latent disadvantage, sex, municipality); durations are
    exponential with mean ``mean_years``.
    """
    first, end = horizon
    n = len(people)
    if eligible is None:
        eligible = np.ones(n, dtype=bool)
    weight = np.broadcast_to(np.asarray(weight, dtype=float), (n,))
    present = eligible & people.present(first, end)
    idx = np.flatnonzero(present)
    if len(idx) == 0:
        return Spells(np.zeros(0, np.int64), np.zeros(0, np.int32), np.zeros(0, np.int32))
    arrive = np.maximum(people.arrive[idx], first)
    leave = np.minimum(people.leave[idx], end).astype(np.int64)
    age0 = people.age(arrive, idx)
    rate = onset_per_year(age0) * weight[idx]
    mean_days = mean_years * YEAR

    # Already in a spell when observation starts (only for people resident on day `first`).
    resident_at_start = people.arrive[idx] <= first
    prevalence = rate * mean_years / (1 + rate * mean_years)
    ongoing = resident_at_start & (rng.random(len(idx)) < prevalence)
    start_prev = first - np.floor(rng.exponential(mean_days, len(idx))).astype(np.int64)
    start_prev = np.maximum(start_prev, people.arrive[idx])
    end_prev = first + np.maximum(np.floor(rng.exponential(mean_days, len(idx))).astype(np.int64), min_days)

    # New spells: the first onset after observation starts (or after the ongoing spell ends).
    from_day = np.where(ongoing, end_prev, arrive)
    with np.errstate(divide="ignore"):
        wait = rng.exponential(np.where(rate > 0, YEAR / np.maximum(rate, 1e-12), np.inf))
    onset = from_day + np.floor(wait).astype(np.int64)
    new = (rate > 0) & (onset < leave)
    end_new = onset + np.maximum(np.floor(rng.exponential(mean_days, len(idx))).astype(np.int64), min_days)

    person = np.concatenate([idx[ongoing], idx[new]])
    start = np.concatenate([start_prev[ongoing], onset[new]])
    stop = np.concatenate([end_prev[ongoing], end_new[new]])
    # A spell ends when the person dies or moves away; beyond the horizon it is open.
    stop = np.minimum(stop, people.leave[person])
    stop = np.where(stop >= end, NEVER, stop)
    order = np.lexsort((start, person))
    return Spells(person[order].astype(np.int64), start[order].astype(np.int32), stop[order].astype(np.int32))
