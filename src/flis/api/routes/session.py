"""Signing in and out, and who am I: ``/api/v1/session`` and ``/api/v1/me``.

Browsers sign in here (or through the portal's form) and get the session cookie: HttpOnly (no script can
read it), SameSite=Lax (not sent on cross-site form posts), Secure when served over HTTPS. The response
carries the session's CSRF token for requests that change something.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from flis.access import Principal, authenticate, create_session, end_session
from flis.api.auth import SESSION_COOKIE, client_address, services, signed_in

router = APIRouter(tags=["session"])


class Credentials(BaseModel):
    username: str = Field(..., min_length=1, max_length=64)
    password: str = Field(..., min_length=1, max_length=1024)


def describe(p: Principal) -> dict:
    return {"username": p.username, "role": p.role.value, "tenant_kind": p.tenant_kind.value,
            "municipality": p.municipality, "subscribed": p.subscribed}


def set_session_cookie(request: Request, response: Response, token: str, max_age: int) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=max_age, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", path="/")


@router.post("/session", summary="Sign in with username and password (sets the session cookie)")
def sign_in(credentials: Credentials, request: Request, response: Response) -> dict:
    store = services(request).store
    principal = authenticate(store, credentials.username, credentials.password, client=client_address(request))
    session = create_session(store, principal)
    seconds = int((session.expires_at - store.now()).total_seconds())
    set_session_cookie(request, response, session.token, seconds)
    return {**describe(principal), "csrf_token": session.csrf_token, "expires_at": session.expires_at.isoformat()}


@router.delete("/session", summary="Sign out (ends the session)")
def sign_out(request: Request, response: Response, principal: Principal = Depends(signed_in)) -> dict:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        end_session(services(request).store, token)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return {"signed_out": principal.username}


@router.get("/me", summary="The signed-in user, their role and municipality")
def me(request: Request, principal: Principal = Depends(signed_in)) -> dict:
    out = describe(principal)
    csrf = getattr(request.state, "csrf_token", None)
    if csrf:
        out["csrf_token"] = csrf
    return out
