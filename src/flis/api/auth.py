"""Who is asking: a bearer token (API clients) or the session cookie (the portal), then the policy.

Bearer tokens are for programs (Excel, Power BI, R, Python): ``Authorization: Bearer flis_…``. The cookie
is for browsers; because a browser sends it on its own, every request that changes something and is
authenticated by the cookie must also carry the session's CSRF token (header ``X-CSRF-Token`` or form
field ``csrf_token``). Whether a user may act at all, and on which municipality, is decided only by
:mod:`flis.access.policy`.
"""

from __future__ import annotations

import hashlib
import threading
import time

from fastapi import Depends, Request

from flis.access import (Principal, can_admin, can_drill, can_see_aggregates, can_see_deliveries, can_use,
                         csrf_matches, lookup_session, user_for_token)
from flis.api.errors import CsrfFailed, Forbidden, Unauthenticated
from flis.api.services import Services

SESSION_COOKIE = "flis_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOKEN_CACHE_SECONDS = 5.0
"""How long a verified bearer token is trusted without asking the state store again. Programs such as
Power BI send hundreds of requests a minute; a revoked token or a disabled user is refused at the latest
this many seconds later (documented in docs/access.md)."""
_TOKEN_CACHE_MAX = 10_000


class TokenCache:
    """Verified bearer tokens for a few seconds, keyed by the token's SHA-256 (the secret is not kept)."""

    def __init__(self, seconds: float = TOKEN_CACHE_SECONDS):
        self.seconds = seconds
        self._entries: dict[str, tuple[float, Principal]] = {}
        self._lock = threading.Lock()

    def get(self, store, secret: str) -> Principal | None:
        key = hashlib.sha256(secret.encode()).hexdigest()
        now = time.monotonic()
        hit = self._entries.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        principal = user_for_token(store, secret)
        with self._lock:
            if len(self._entries) >= _TOKEN_CACHE_MAX:
                self._entries.clear()
            if principal is None:
                self._entries.pop(key, None)
            else:
                self._entries[key] = (now + self.seconds, principal)
        return principal


def services(request: Request) -> Services:
    return request.app.state.services


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


async def signed_in(request: Request) -> Principal:
    """The principal behind the request, or 401."""
    svc = services(request)
    store = svc.store
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise Unauthenticated("the Authorization header must be 'Bearer <token>'",
                                  hint="create a token with `flis tokens create`")
        principal = svc.tokens.get(store, secret.strip())
        if principal is None:
            raise Unauthenticated("the token is unknown, revoked or expired",
                                  hint="create a new one with `flis tokens create`")
        return principal
    cookie = request.cookies.get(SESSION_COOKIE)
    session = lookup_session(store, cookie) if cookie else None
    if session is None:
        raise Unauthenticated("sign in first (POST /api/v1/session) or send a bearer token")
    if request.method not in SAFE_METHODS:
        submitted = request.headers.get("x-csrf-token")
        if submitted is None and request.headers.get("content-type", "").startswith(
                ("application/x-www-form-urlencoded", "multipart/form-data")):
            submitted = (await request.form()).get("csrf_token")
        if not csrf_matches(session, submitted if isinstance(submitted, str) else None):
            raise CsrfFailed("the request lacks this session's CSRF token",
                             hint="send the token from GET /api/v1/me as X-CSRF-Token")
    request.state.csrf_token = session.csrf_token
    return session.principal


async def user(request: Request) -> Principal:
    """A principal allowed to use the system at all (rule 1 of the policy: subscription). One dependency
    (not one on :func:`signed_in`): FastAPI's dependency solving is a good part of a quick answer's cost."""
    principal = await signed_in(request)
    if not can_use(principal):
        raise Forbidden(f"municipality {principal.municipality} does not subscribe to flis",
                        hint="ask your municipality's flis contact about a subscription")
    if not can_see_aggregates(principal):
        raise Forbidden("your role cannot see key figures")
    return principal


def require_drill(principal: Principal, municipality: int) -> None:
    if not can_drill(principal, municipality):
        raise Forbidden(f"row-level data of municipality {municipality} is not available to you",
                        hint="analysts and stewards may drill down in their own municipality only")


def require_deliveries(principal: Principal, municipality: int) -> None:
    if not can_see_deliveries(principal, municipality):
        raise Forbidden(f"deliveries and findings of municipality {municipality} are not available to you",
                        hint="data stewards see their own municipality's deliveries")


def require_admin(principal: Principal) -> None:
    if not can_admin(principal):
        raise Forbidden("only the operator's administrators may do this")
