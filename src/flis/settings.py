"""The one table of settings.

Every setting is a field of :class:`Settings`, read from the environment (prefix
``FLIS_``) or a ``.env`` file. The same field descriptions feed ``flis settings``,
the documentation (``docs/settings.md``, checked by a test) and later the API.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from flis.errors import ConfigError


class Settings(BaseSettings):
    """Runtime settings. Change them with environment variables such as ``FLIS_HOME``."""

    model_config = SettingsConfigDict(env_prefix="FLIS_", env_file=".env", extra="ignore")

    home: Path = Field(
        default=Path("flis-data"),
        description="Data directory: raw archive, warehouse, state store, generated data and exports. "
        "Nothing outside it is written.",
    )
    workers: int = Field(
        default=2, ge=1, le=256,
        description="Worker processes for parallel work: data generation, and reading and checking files at "
                    "ingest (the process that started the ingest writes to the warehouse).",
    )
    ingest_commit_rows: int = Field(
        default=16_000_000, ge=1,
        description="Canonical rows an ingest writes between two commits (it also commits before its last "
                    "windows of files and at its end). A crash loses what was written since the last commit, and "
                    "the next ingest loads it again; fewer commits cost the writing process less (docs/benchmarks.md).",
    )
    memory_limit: str = Field(
        default="4GB",
        description="Memory limit handed to the embedded DuckDB engine.",
    )

    state_url: str | None = Field(
        default=None,
        description="State store (tenants, users, roles, tokens, audit log) as an SQLAlchemy URL, e.g. "
        "postgresql+psycopg://flis@db/flis. Default: SQLite file state.sqlite in the data directory.",
    )
    host: str = Field(default="127.0.0.1", description="Address `flis serve` listens on.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `flis serve` listens on.")

    def path(self, *parts: str) -> Path:
        """A path inside the data directory."""
        return self.home.joinpath(*parts)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read once per process; tests call ``get_settings.cache_clear()``."""
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "FLIS_" + str(first["loc"][0]).upper() if first.get("loc") else "a FLIS_ setting"
        raise ConfigError(f"{name}: {first['msg']}", hint="see `flis settings`") from exc


def settings_table() -> list[dict[str, str]]:
    """One row per setting: environment variable, default and meaning."""
    rows = []
    for name, field in Settings.model_fields.items():
        rows.append({
            "setting": name,
            "env": f"FLIS_{name.upper()}",
            "default": str(field.default),
            "description": field.description or "",
        })
    return rows
