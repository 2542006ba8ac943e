"""Codes people read and type: the agency's recovery key and one-time setup codes."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L: codes are read aloud and copied by hand.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _code(groups: int, size: int) -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(size)) for _ in range(groups))


def new_recovery_code() -> str:
    """About 155 bits: eight groups of six (written down once, kept somewhere safe)."""
    return _code(8, 6)


def new_setup_code() -> str:
    """About 60 bits: three groups of four, used once to choose a passphrase."""
    return _code(3, 4)


def normalize(code: str) -> str:
    """As typed (spaces, lower case, missing dashes) to the code's own form."""
    letters = "".join(ch for ch in code.upper() if ch.isalnum())
    size = 6 if len(letters) == 48 else 4
    return "-".join(letters[i : i + size] for i in range(0, len(letters), size))
