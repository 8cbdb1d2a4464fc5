"""Signing in and out with a form.

The sign-in form is protected against cross-site request forgery before any session exists by the
double-submit pattern: showing the form sets a random pre-session token in a cookie (HttpOnly,
SameSite=Strict, only sent to ``/login``) and puts the same token in a hidden field; a post whose field
does not match its cookie is refused — another site can make a browser post the form, but cannot read or
set the cookie. Passwords are checked (and throttled) by :func:`flis.access.authenticate`, and the session
cookie is the API's (:func:`flis.api.routes.session.set_session_cookie`). Signing out is a form post that
carries the session's own CSRF token.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from flis.access import Disabled, InvalidCredentials, Locked, Principal, authenticate, create_session, end_session
from flis.api.auth import SESSION_COOKIE, client_address, services, signed_in
from flis.api.errors import CsrfFailed
from flis.api.routes.session import set_session_cookie
from flis.web.i18n import Translator, language
from flis.web.pages import PageRoute, render

router = APIRouter(route_class=PageRoute)

FORM_COOKIE = "flis_login_csrf"
FORM_PATH = "/login"
LOGIN_ERRORS = {InvalidCredentials: ("login.invalid", 401), Locked: ("login.locked", 429),
                Disabled: ("login.disabled", 403)}


def safe_next(target: str | None) -> str:
    """Only a path on this site: never ``//evil.example`` or a full URL (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")) or "\n" in target:
        return "/"
    return target


def _form(request: Request, token: str, *, next_url: str, username: str = "", error: str | None = None,
          status: int = 200) -> Response:
    response = render(request, "login.html", status=status, form_token=token, next_url=next_url,
                      username=username, error=error)
    response.set_cookie(FORM_COOKIE, token, httponly=True, samesite="strict", path=FORM_PATH,
                        secure=request.url.scheme == "https")
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    token = request.cookies.get(FORM_COOKIE) or secrets.token_urlsafe(32)
    return _form(request, token, next_url=safe_next(next))


@router.post("/login")
def login(request: Request, username: str = Form(""), password: str = Form(""), csrf_token: str = Form(""),
          next: str = Form("/")) -> Response:
    t = Translator(language(request))
    expected = request.cookies.get(FORM_COOKIE)
    if not expected or not hmac.compare_digest(expected.encode(), csrf_token.encode()):
        raise CsrfFailed(t("login.csrf"), hint=t("login.csrf_hint"))
    store = services(request).store
    try:
        principal = authenticate(store, username, password, client=client_address(request))
    except (InvalidCredentials, Locked, Disabled) as exc:
        key, status = LOGIN_ERRORS[type(exc)]
        return _form(request, expected, next_url=safe_next(next), username=username, error=t(key), status=status)
    session = create_session(store, principal)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(request, response, session.token, int((session.expires_at - store.now()).total_seconds()))
    response.delete_cookie(FORM_COOKIE, path=FORM_PATH)
    return response


@router.post("/logout")
def logout(request: Request, principal: Principal = Depends(signed_in)) -> Response:
    """Ends the session (the CSRF token of the form is checked by ``signed_in``)."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        end_session(services(request).store, token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
