"""Corrections: the layer beside the delivered data, and what the current release's corrected track applies.

Everybody who sees aggregates sees which corrections the current release applies (a corrected value must say
why). Adding and withdrawing corrections, and the full list with withdrawn ones, is for those who may see the
municipality's deliveries and findings — its data stewards and the operator's administrators — and is
audited (``correction.add``, ``correction.withdraw``; answering a finding also ``finding.correct``). A new
correction takes effect in the corrected track of the next compute.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from flis.access import Principal
from flis.api.auth import require_deliveries, services, user
from flis.api.errors import BadRequest
from flis.api.params import municipality_code, period_or_none
from flis.corrections import (AggregateCorrection, RowsCorrection, add_correction, get_correction,
                              list_corrections, withdraw_correction)
from flis.warehouse.deliveries import find_delivery

router = APIRouter(tags=["corrections"])


class NewCorrection(BaseModel):
    """A correction: ``aggregate`` (series, side, municipality, period, new_value) or ``rows`` (table,
    delivery_id, lines, action exclude|set, column and new_value for set)."""

    kind: Literal["aggregate", "rows"]
    reason: str = ""
    finding_id: int | None = None
    series_id: str | None = None
    side: Literal["numerator", "denominator"] = "numerator"
    municipality: str | None = None
    period: str | None = None
    table: str | None = None
    delivery_id: str | None = None
    lines: list[int] = Field(default_factory=list, max_length=100_000)
    action: Literal["exclude", "set"] = "exclude"
    column: str | None = None
    new_value: float | str | None = None


class Withdrawal(BaseModel):
    reason: str = ""


@router.get("/corrections/applied", summary="The corrections the current release's corrected track applies")
def applied(request: Request, municipality: str | None = Query(None), period: str | None = Query(None),
            principal: Principal = Depends(user)) -> dict:
    view = services(request).view()
    rows = view.corrections
    if municipality:
        code = municipality_code(municipality)
        rows = [r for r in rows if r["municipality"] == code]
    if period:
        p = str(period_or_none(period))
        rows = [r for r in rows if r["period"] == p]
    return {"release": view.release_id, "corrections": rows}


@router.get("/corrections", summary="Corrections of a municipality, with withdrawn ones on request "
                                    "(stewards: own municipality)")
def corrections(request: Request, municipality: str = Query(..., description="Municipality code or name."),
                period: str | None = Query(None, description="YYYY-MM"), withdrawn: bool = Query(False),
                principal: Principal = Depends(user)) -> dict:
    code = municipality_code(municipality)
    require_deliveries(principal, code)
    p = period_or_none(period)
    records = list_corrections(services(request).store, municipality=code, period=p, include_withdrawn=withdrawn)
    return {"municipality": code, "corrections": [r.to_dict() | {"description": r.describe()} for r in records]}


@router.post("/corrections", status_code=201, summary="Add a correction (audited); it takes effect at the next "
                                                      "compute")
def add(body: NewCorrection, request: Request, principal: Principal = Depends(user)) -> dict:
    svc = services(request)
    with svc.warehouse() as wh:
        if body.kind == "aggregate":
            if not (body.series_id and body.municipality and body.period) or body.new_value is None:
                raise BadRequest("an aggregate correction needs series_id, municipality, period and new_value")
            code = municipality_code(body.municipality)
            require_deliveries(principal, code)
            try:
                value = float(body.new_value)
            except ValueError:
                raise BadRequest(f"new_value: {body.new_value!r} is not a number") from None
            request_ = AggregateCorrection(body.series_id, body.side, code, body.period, value, body.reason,
                                           body.finding_id)
        else:
            if not (body.table and body.delivery_id and body.lines):
                raise BadRequest("a rows correction needs table, delivery_id and lines")
            if len(body.delivery_id.strip()) < 8:
                raise BadRequest("delivery_id: give at least 8 characters of the id")
            owner = find_delivery(wh.con, body.delivery_id.strip())["municipality"]
            if owner is None:
                raise BadRequest(f"delivery {body.delivery_id} has no municipality")
            require_deliveries(principal, int(owner))
            request_ = RowsCorrection(body.table, body.delivery_id.strip(), tuple(body.lines), body.action,
                                      body.reason, body.column,
                                      None if body.new_value is None else str(body.new_value), body.finding_id)
        record = add_correction(svc.store, wh.con, svc.catalogue, request_, principal)
    return record.to_dict() | {"description": record.describe()}


@router.post("/corrections/{correction_id}/withdraw", summary="Withdraw a correction (audited)")
def withdraw(correction_id: int, body: Withdrawal, request: Request, principal: Principal = Depends(user)) -> dict:
    store = services(request).store
    require_deliveries(principal, get_correction(store, correction_id).municipality)
    record = withdraw_correction(store, correction_id, body.reason, principal)
    return record.to_dict() | {"description": record.describe()}
