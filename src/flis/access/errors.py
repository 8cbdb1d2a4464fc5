"""Errors of the state store, sign-in and access checks, each with a stable code.

Sign-in errors never say whether a username exists: a wrong password and an unknown user give
the same :class:`InvalidCredentials`, and throttling locks unknown usernames exactly like real ones.
"""

from __future__ import annotations

from flis.errors import FlisError


class InvalidCredentials(FlisError):
    """Wrong username or password (deliberately not saying which)."""

    code = "access.invalid_credentials"


class Locked(FlisError):
    """Too many failed sign-ins for this username or from this client; try again later."""

    code = "access.locked"


class Disabled(FlisError):
    """The account has been disabled by an administrator."""

    code = "access.disabled"


class PurposeRequired(FlisError):
    """Row-level data (drill-down, export) is only given out with a stated purpose, for the audit log."""

    code = "access.purpose_required"
    exit_code = 2


class UnknownUser(FlisError):
    """An administrator named a user that does not exist."""

    code = "access.unknown_user"
    exit_code = 2


class UserExists(FlisError):
    code = "access.user_exists"
    exit_code = 2


class InvalidUsername(FlisError):
    code = "access.invalid_username"
    exit_code = 2


class WeakPassword(FlisError):
    code = "access.weak_password"
    exit_code = 2


class UnknownTenant(FlisError):
    code = "access.unknown_tenant"
    exit_code = 2


class InvalidRole(FlisError):
    """Not a role, or a role the tenant cannot hold (e.g. an admin in a municipality)."""

    code = "access.invalid_role"
    exit_code = 2


class UnknownToken(FlisError):
    code = "access.unknown_token"
    exit_code = 2
