"""Password hashing with argon2id, strong generated passwords, a minimum length.

``HASHER`` holds the argon2 parameters. When they change (a stronger default in a new argon2-cffi,
or a deliberate change here), a user's hash is recomputed with the new parameters at their next
successful sign-in, the only moment the password is known.
"""

from __future__ import annotations

import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from flis.access.errors import WeakPassword

HASHER = PasswordHasher()
MIN_LENGTH = 12


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"a password must have at least {MIN_LENGTH} characters",
                           hint="leave out --password-stdin to have a strong one generated")
    return HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; with no hash (unknown user) the same work is done and False returned."""
    try:
        HASHER.verify(password_hash or _dummy_hash(HASHER), password)
    except (VerificationError, InvalidHashError):
        return False
    return password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    return HASHER.check_needs_rehash(password_hash)


def generate_password() -> str:
    """24 URL-safe characters (144 random bits)."""
    return secrets.token_urlsafe(18)


@lru_cache(maxsize=4)
def _dummy_hash(hasher: PasswordHasher) -> str:
    # Verifying against a real hash keeps "unknown user" as slow as "wrong password".
    return hasher.hash(secrets.token_urlsafe(18))
