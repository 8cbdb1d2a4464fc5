"""What every page shares: who is signed in, the language, template rendering and HTML error pages.

Pages use the API's session cookie and its checks (:func:`flis.api.auth.signed_in`, which also checks
the CSRF token of every form post) and the one access policy (:mod:`flis.access.policy`). They differ from
the API only in how a refusal looks: instead of a JSON error, a person gets a page in their language — or,
when not signed in, the sign-in form. :class:`PageRoute` does that translation for every page route.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from flis import reference
from flis.access import Principal, TenantKind, can_drill, can_see_deliveries, can_use
from flis.api.auth import services, signed_in
from flis.api.errors import BadRequest, Forbidden, Internal, Unauthenticated, status_for
from flis.api.params import municipality_code
from flis.api.services import Services
from flis.errors import FlisError
from flis.web.i18n import LANG_COOKIE, LANGUAGES, Translator, language

log = logging.getLogger("flis.web")

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")),
                        autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True,
                        undefined=StrictUndefined)
SECURITY_HEADERS = {
    # Scripts only from this server (plotly.min.js, portal.js); Plotly sets inline styles on its SVG.
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
LANG_COOKIE_SECONDS = 365 * 24 * 3600


@dataclass
class Page:
    """A signed-in user's request: principal, language, services."""

    request: Request
    principal: Principal
    t: Translator
    services: Services

    @property
    def lang(self) -> str:
        return self.t.lang

    def municipality(self, asked: str | None) -> reference.Municipality:
        """The municipality a page is about: the one asked for (aggregates of every municipality are open
        to every user), else the user's own, else (operator, statistics office) the first by code."""
        if asked and asked.strip():
            return reference.municipality(municipality_code(asked))
        if self.principal.municipality is not None:
            return reference.municipality(self.principal.municipality)
        return reference.municipalities()[0]

    def may_drill(self, municipality: int) -> bool:
        return can_drill(self.principal, municipality)

    def may_see_deliveries(self, municipality: int) -> bool:
        return can_see_deliveries(self.principal, municipality)

    def name(self, code: int) -> str:
        return names(self.lang)[code]

    def choices(self) -> list[tuple[int, str]]:
        """(code, name) of the 98 municipalities, for a picker."""
        return list(names(self.lang).items())


@lru_cache(maxsize=2)
def names(lang: str) -> dict[int, str]:
    """Municipality names by code in the page's language (Copenhagen / København)."""
    return {m.code: m.name_en if lang == "en" else m.name for m in reference.municipalities()}


async def page(request: Request) -> Page:
    """Dependency of every page behind the sign-in: the principal (401 becomes a redirect to the sign-in
    form; a form post without the session's CSRF token is refused), and rule 1 of the policy."""
    principal = await signed_in(request)
    request.state.principal = principal
    t = Translator(language(request))
    if not can_use(principal):
        raise Forbidden(t("refused.not_subscribed", name=reference.municipality(principal.municipality).name),
                        hint=t("refused.not_subscribed_hint"))
    return Page(request, principal, t, services(request))


def render(request: Request, template: str, *, status: int = 200, **context: object) -> HTMLResponse:
    """A template rendered with what the layout needs (texts, user, navigation, language switch)."""
    t = context.pop("t", None) or Translator(language(request))
    principal: Principal | None = getattr(request.state, "principal", None)
    html = TEMPLATES.get_template(template).render(
        t=t, lang=t.lang, principal=principal, nav=_nav(request, principal, t),
        languages=[(code, relative(request, lang=code), code == t.lang) for code in LANGUAGES],
        csrf_token=getattr(request.state, "csrf_token", None), user_label=_user_label(principal, t),
        mname=names(t.lang).__getitem__,
        **context)
    return HTMLResponse(html, status_code=status)


def relative(request: Request, **params: object) -> str:
    """This page's path and query with ``params`` changed, without scheme and host (right behind a proxy)."""
    url = request.url.include_query_params(**params)
    return f"{url.path}?{url.query}" if url.query else url.path


def finish(request: Request, response: Response) -> Response:
    """Remember an explicit ``?lang=`` and add the security headers (every page response passes here)."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES and request.cookies.get(LANG_COOKIE) != asked:
        response.set_cookie(LANG_COOKIE, asked, max_age=LANG_COOKIE_SECONDS, samesite="lax", path="/",
                            secure=request.url.scheme == "https")
    response.headers.update(SECURITY_HEADERS)
    return response


def _nav(request: Request, principal: Principal | None, t: Translator) -> list[tuple[str, str, bool]]:
    if principal is None or not can_use(principal):
        return []
    items = [("/", "nav.dashboard"), ("/figures", "nav.figures"), ("/compare", "nav.compare")]
    if can_see_deliveries(principal, principal.municipality or reference.municipalities()[0].code):
        items += [("/deliveries", "nav.deliveries"), ("/quality", "nav.quality")]
    path = request.url.path
    return [(href, t(key), path == href or (href != "/" and path.startswith(href + "/"))) for href, key in items]


def _user_label(principal: Principal | None, t: Translator) -> str | None:
    if principal is None:
        return None
    if principal.tenant_kind is TenantKind.MUNICIPALITY:
        where = reference.municipality(principal.municipality).name
    else:
        where = t(f"tenant.{principal.tenant_kind.value}")
    return f"{principal.username} · {t('role.' + principal.role.value)} · {where}"


def to_login(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query and request.method == "GET" else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


HEADINGS = {400: "errors.bad_request", 403: "errors.forbidden", 404: "errors.not_found", 429: "errors.locked",
            503: "errors.unavailable", 500: "errors.internal"}


def error_page(request: Request, error: FlisError, status: int | None = None) -> HTMLResponse:
    status = status or status_for(error)
    t = Translator(language(request))
    heading = t(HEADINGS.get(status, "errors.bad_request"))
    return render(request, "error.html", status=status, t=t, heading=heading, error=error)


class PageRoute(APIRoute):
    """A route whose failures are pages: not signed in → the sign-in form; any flis error → a page with
    the heading in the user's language, the message and the stable error code."""

    def get_route_handler(self):
        inner = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                response = await inner(request)
            except Unauthenticated:
                response = to_login(request)
            except FlisError as exc:
                response = error_page(request, exc)
            except RequestValidationError as exc:
                first = exc.errors()[0] if exc.errors() else {}
                where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body"))
                response = error_page(request, BadRequest(f"{where}: {first.get('msg', 'invalid value')}"))
            except Exception:
                log.exception("unexpected error on %s %s", request.method, request.url.path)
                response = error_page(request, Internal("an unexpected error occurred; it has been logged"))
            return finish(request, response)

        return handler
