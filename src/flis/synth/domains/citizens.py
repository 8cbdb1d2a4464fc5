"""Citizens (civil registration): residents at the start of each month and the month's events."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa

from flis.synth.context import MunicipalityContext
from flis.synth.domains.base import Dataset, Domain, Frame
from flis.synth.people import (BORN, DIED, EMIGRATED, IMMIGRATED, MOVED_IN, MOVED_OUT, People,
                               simulate_people)
from flis.synth.vendors.citizens import VENDORS

DATASETS = (
    Dataset("residents", "Every resident on the first day of the month, with birth date, sex, origin "
            "and address.", "register", id_column="person_id", countable=True),
    Dataset("events", "Births, deaths, moves in and out, immigration and emigration during the month.",
            "events", id_column="person_id"),
)


def residents(people: People, day: int, code: int) -> pa.Table:
    idx = np.flatnonzero(people.resident(day))
    return pa.table({
        "person_id": people.ids(idx),
        "birth_date": people.birth[idx],
        "sex": people.sex[idx],
        "origin": people.origin[idx],
        "municipality": np.full(len(idx), code, dtype=np.int16),
        "street": pa.array(np.array(people.street_names, dtype=object)[people.street[idx]], pa.string()),
        "house": people.house[idx],
        "district": people.district[idx] + 1,
        "moved_in": people.arrive[idx],
    })


def events(people: People, first: int, last: int) -> pa.Table:
    arrive_in = (people.arrive >= first) & (people.arrive < last)
    leave_in = (people.leave >= first) & (people.leave < last)
    parts = []
    for mask, date, label in (
        (arrive_in & (people.arrive_kind == BORN), people.arrive, "birth"),
        (arrive_in & (people.arrive_kind == MOVED_IN), people.arrive, "move_in"),
        (arrive_in & (people.arrive_kind == IMMIGRATED), people.arrive, "immigration"),
        (leave_in & (people.leave_kind == DIED), people.leave, "death"),
        (leave_in & (people.leave_kind == MOVED_OUT), people.leave, "move_out"),
        (leave_in & (people.leave_kind == EMIGRATED), people.leave, "emigration"),
    ):
        idx = np.flatnonzero(mask)
        parts.append((idx, date[idx], label))
    idx = np.concatenate([p[0] for p in parts])
    day = np.concatenate([p[1] for p in parts]).astype(np.int32)
    label = np.concatenate([np.full(len(p[0]), p[2], dtype=object) for p in parts])
    order = np.lexsort((idx, day))
    idx, day, label = idx[order], day[order], label[order]
    from_m = people.from_municipality[idx]
    to_m = people.to_municipality[idx]
    return pa.table({
        "person_id": people.ids(idx),
        "birth_date": people.birth[idx],
        "sex": people.sex[idx],
        "event": pa.array(label, pa.string()),
        "event_date": day,
        "from_municipality": pa.array(from_m, mask=(label != "move_in")),
        "to_municipality": pa.array(to_m, mask=(label != "move_out")),
    })


def frames(ctx: MunicipalityContext) -> Iterator[Frame]:
    ctx.people = simulate_people(ctx)
    starts = ctx.period_starts
    for t, period in enumerate(ctx.periods):
        yield Frame("residents", period, residents(ctx.people, int(starts[t]), ctx.code))
        yield Frame("events", period, events(ctx.people, int(starts[t]), int(starts[t + 1])))


DOMAIN = Domain("citizens", "Citizens (civil registration)", DATASETS, VENDORS, frames)

