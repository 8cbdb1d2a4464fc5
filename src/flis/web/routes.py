"""The portal's router and static files, mounted by :func:`flis.api.app.create_app`.

Pages live at the root (``/`` is the dashboard); ``/static/`` serves the portal's CSS and JavaScript and
the ``plotly.min.js`` of the installed plotly package, so that no page needs the internet.
"""

from __future__ import annotations

from pathlib import Path

import plotly
from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from flis.web import compare, dashboard, deliveries, drill, figures, login, quality

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
STATIC = Path(__file__).with_name("static")
CACHE = "public, max-age=86400"

router = APIRouter(include_in_schema=False)


@router.get("/static/plotly.min.js")
def plotly_js() -> FileResponse:
    """Plotly's JavaScript as installed with the plotly package (its version matches the Python side)."""
    return FileResponse(PLOTLY_JS, media_type="text/javascript", headers={"Cache-Control": CACHE})


for module in (login, dashboard, figures, compare, drill, deliveries, quality):
    router.include_router(module.router)


def static_files() -> StaticFiles:
    """``/static``: mount *after* :data:`router`, whose ``/static/plotly.min.js`` route must match first."""
    return StaticFiles(directory=STATIC)


def warm_up(home: Path) -> None:
    """Draw one map and embed it, as a figure page would: the first Plotly figure of a process builds its
    validators and the map's shapes (about a quarter of a second), which no user should wait for."""
    from flis.web import charts, maps

    charts.embed(maps.choropleth({}, title="", unit="", home=home))
