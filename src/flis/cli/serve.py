"""``flis serve``: the portal and the API with uvicorn."""

from __future__ import annotations

import typer

from flis.cli.output import console
from flis.settings import get_settings


def serve(host: str = typer.Option(None, help="Address to listen on (default FLIS_HOST)."),
          port: int = typer.Option(None, help="Port (default FLIS_PORT)."),
          workers: int = typer.Option(1, help="Server processes; each keeps the current release in memory.")
          ) -> None:
    """Serve the portal at http://HOST:PORT/ and the API at /api/v1 (documentation at /api/v1/docs)."""
    import uvicorn

    settings = get_settings()
    host, port = host or settings.host, port or settings.port
    console.print(f"Serving the flis portal on [bold]http://{host}:{port}/[/] and the API on /api/v1 "
                  "(documentation: /api/v1/docs); Ctrl+C stops.")
    uvicorn.run("flis.api.app:create_app", factory=True, host=host, port=port, workers=workers,
                log_level="warning")
