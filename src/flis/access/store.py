"""Opening the state store: SQLite in the data directory by default, PostgreSQL via FLIS_STATE_URL.

:func:`open_state` brings the schema up to date with the Alembic migrations shipped inside this
package (no ``alembic.ini`` needed at run time), so every process that opens the store sees the
same tables. Upgrading an up-to-date store changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from flis.settings import get_settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class StateStore:
    """The engine, a session factory and the clock every time stamp comes from.

    Tests replace ``clock`` to move time forward instead of sleeping.
    """

    engine: Engine
    sessionmaker: sessionmaker[Session]
    clock: Callable[[], datetime] = field(default=utc_now)

    def now(self) -> datetime:
        return self.clock()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session that commits when the block ends normally and rolls back on an exception."""
        with self.sessionmaker.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def default_url() -> str:
    settings = get_settings()
    if settings.state_url:
        return settings.state_url
    home = settings.home.resolve()
    home.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{home / 'state.sqlite'}"


def open_state(url: str | None = None) -> StateStore:
    """Connect to the state store at ``url`` (default: :func:`default_url`), migrated to the newest schema."""
    engine = create_engine(url or default_url())
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    upgrade(engine)
    return StateStore(engine, sessionmaker(engine, expire_on_commit=False))


def upgrade(engine: Engine) -> None:
    """Run every migration not yet applied (none, when the store is up to date)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # Foreign keys are off by default in SQLite; WAL lets the server read while the CLI writes.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()
