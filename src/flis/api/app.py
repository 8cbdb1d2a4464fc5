"""The FastAPI application: ``/api/v1`` (documented at ``/api/v1/docs``), one error shape, the services.

``create_app()`` builds everything from the settings (FLIS_HOME, FLIS_STATE_URL); tests pass their own
:class:`~flis.api.services.Services`. The web portal (issue 7) mounts its pages on the same app.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from flis import __version__
from flis.api import errors
from flis.api.routes import catalogue, corrections, figures, quality, releases, rows, session
from flis.api.services import Services
from flis.errors import FlisError
from flis.web import routes as portal

API = "/api/v1"

DESCRIPTION = """
Municipal key figures for benchmarking: the catalogue of definitions, values per municipality and period,
comparisons with all 98 municipalities, the region, the municipality group and computed comparable
municipalities, time series, and — for your own municipality — the rows behind a figure.

Authenticate with a bearer token (`Authorization: Bearer flis_…`, created with `flis tokens create`) or sign
in with `POST /api/v1/session` (browser session cookie; send the returned CSRF token as `X-CSRF-Token` on
requests that change something). Tables come as JSON, CSV (`?format=csv`, UTF-8, R- and Excel-friendly) or
XLSX (`?format=xlsx`). Every error is `{"error": {"code", "message", "hint"}}` with a stable code.
"""


def create_app(services: Services | None = None) -> FastAPI:
    if services is None:
        services = default_services()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Load the current release before the first request (a few seconds at scale 1.0), so that no user
        # waits for it and every server process is ready when it starts accepting connections.
        try:
            services.view()
        except FlisError:
            pass  # nothing computed yet: the first request after a compute loads it
        portal.warm_up(services.home)
        yield

    app = FastAPI(title="flis API", version=__version__, description=DESCRIPTION, docs_url=f"{API}/docs",
                  redoc_url=f"{API}/redoc", openapi_url=f"{API}/openapi.json", lifespan=lifespan)
    app.state.services = services
    errors.install(app)
    api = APIRouter(prefix=API)
    for module in (session, catalogue, figures, rows, quality, corrections, releases):
        api.include_router(module.router)

    @api.get("", summary="What this API offers", tags=["about"])
    def index() -> dict:
        return {"name": "flis", "version": __version__, "docs": f"{API}/docs", "openapi": f"{API}/openapi.json"}

    app.include_router(api)
    app.include_router(portal.router)
    app.mount("/static", portal.static_files(), name="static")
    return app


def default_services() -> Services:
    from flis.access import open_state, seed_tenants
    from flis.settings import get_settings

    store = open_state()
    seed_tenants(store)
    return Services(home=get_settings().home, store=store)
