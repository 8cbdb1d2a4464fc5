"""Alembic environment for the state store.

:func:`flis.access.store.upgrade` hands over an open connection in ``config.attributes``.
Developers writing a new revision run Alembic from the command line instead
(``alembic -c src/flis/access/migrations/alembic.ini revision --autogenerate -m "..."``),
which connects to the store named by the flis settings.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, text

from flis.access.models import Base


def run(connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Two processes starting at once must not both create the tables.
            connection.execute(text("SELECT pg_advisory_xact_lock(727001)"))
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    from flis.access.store import default_url

    with create_engine(default_url()).begin() as own_connection:
        run(own_connection)
