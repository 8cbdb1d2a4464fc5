"""Pseudonymous identifiers.

Real records carry a CPR number; synthetic ones carry a pseudonym that can never be
mistaken for one: a letter for the kind of thing (P person, E employee) and nine
base-32 characters. The pseudonym is a bijective scramble of (municipality, serial
number), so ids are unique, stable for a seed, and carry no visible order.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

_ALPHABET = np.frombuffer(b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789", dtype=np.uint8)
_BITS = 45
_MASK = np.uint64((1 << _BITS) - 1)


def _scramble(x: np.ndarray) -> np.ndarray:
    # Odd multipliers and a right xor-shift are each invertible modulo 2**45.
    x = (x * np.uint64(0x5DEECE66D)) & _MASK
    x ^= x >> np.uint64(22)
    x = (x * np.uint64(0x1B873593)) & _MASK
    return x


def pseudonyms(prefix: str, municipality: int | np.ndarray, serials: np.ndarray) -> pa.Array:
    """Ids such as ``PK7Q2MX94T`` for serial numbers within a municipality (one code or one per serial)."""
    muni = np.asarray(municipality, dtype=np.uint64)
    keys = (muni << np.uint64(33)) | np.asarray(serials, dtype=np.uint64)
    mixed = _scramble(keys)
    shifts = np.arange(0, _BITS, 5, dtype=np.uint64)[::-1]
    chars = _ALPHABET[((mixed[:, None] >> shifts[None, :]) & np.uint64(31)).astype(np.intp)]
    full = np.concatenate([np.full((len(keys), 1), ord(prefix), dtype=np.uint8), chars], axis=1)
    return pa.array(np.ascontiguousarray(full).view(f"S{full.shape[1]}").ravel()).cast(pa.string())
