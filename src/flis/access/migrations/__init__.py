"""Alembic migrations of the state store (a package so that ``env.py`` ships with flis)."""
