"""Reading the parameters every route shares: municipality, period, paging; JSON-ready results."""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Sequence

from fastapi import Query, Request

from flis import reference
from flis.api.errors import BadRequest
from flis.errors import PeriodError
from flis.periods import Period

MAX_PAGE_SIZE = 1000


class Track(str, enum.Enum):
    """Which numbers: as the municipalities delivered them, or with the corrections in force applied."""

    delivered = "delivered"
    corrected = "corrected"


TRACK = Query(Track.corrected, description="delivered: the numbers as delivered; corrected (default): with the "
                                         "corrections in force when the release was computed (the same numbers "
                                         "where nothing is corrected).")
"""The ``track`` query parameter (a plain parameter, not a dependency: cheaper on the hot endpoints)."""


def municipality_code(text: str | int) -> int:
    """A municipality by code (``101``) or name (``København``); 404 ``reference.unknown_municipality``."""
    return reference.municipality(int(text) if str(text).strip().isdigit() else str(text)).code


def period_or_none(text: str | None) -> Period | None:
    """``YYYY-MM`` or, for annual figures, ``YYYY`` (= its January)."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    if len(text) == 4 and text.isdigit():
        return Period(int(text), 1)
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise BadRequest(f"period: {exc.message}", hint="write YYYY-MM, or YYYY for annual figures") from None


class Paging:
    """``page`` (from 1) and ``page_size`` (1..1000) query parameters, and the envelope of a page.

    Use as ``paging: Paging = Depends(paging)``: an ``async`` dependency, because FastAPI runs a plain one
    (a class, too) in its thread pool on every request."""

    def __init__(self, page: int = 1, page_size: int = 100):
        self.page, self.size = page, page_size

    def cut(self, rows: Sequence) -> Sequence:
        start = (self.page - 1) * self.size
        return rows[start:start + self.size]

    def envelope(self, request: Request, total: int) -> dict:
        last = max(1, math.ceil(total / self.size))
        nxt = (str(request.url.include_query_params(page=self.page + 1)) if self.page < last else None)
        return {"page": self.page, "page_size": self.size, "total": total, "pages": last, "next": nxt}


async def paging(page: int = Query(1, ge=1, description="Page number, from 1."),
                 page_size: int = Query(100, ge=1, le=MAX_PAGE_SIZE, description="Rows per page (max 1000).")
                 ) -> Paging:
    return Paging(page, page_size)


def jsonable(obj: object) -> object:
    """Dataclasses, periods, dates, enums and NaN turned into plain JSON values."""
    kind = type(obj)
    if obj is None or kind is str or kind is int or kind is bool:
        return obj
    if kind is float:
        return None if math.isnan(obj) or math.isinf(obj) else obj
    if kind is list or kind is tuple:
        return [jsonable(v) for v in obj]
    if kind is dict:
        return {str(k): jsonable(v) for k, v in obj.items()}
    fields = getattr(kind, "__dataclass_fields__", None)
    if fields is not None:
        return {name: jsonable(getattr(obj, name)) for name in fields}
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, Period):
        return str(obj)
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, float):
        return None if math.isnan(obj) or math.isinf(obj) else obj
    if hasattr(obj, "item") and callable(obj.item):  # numpy scalars
        return jsonable(obj.item())
    return obj
