"""The names every part of the store needs about encryption, without loading any
cryptography: the keyring's file and tables, the recovery slot's name, the seal's magic,
and the errors. (A plain folder never loads ``cryptography`` at all: see :func:`lazy`.)"""

from __future__ import annotations

from .integrity import KEYS, TABLES

__all__ = ["KEYS", "TABLES", "MAGIC", "PLAIN", "RECOVERY", "KeyringDamaged", "KeyringError"]

RECOVERY = "recovery"
MAGIC = b"SVTE\x01"  # a sealed file starts so: supervise-tui encrypted, version 1
PLAIN = frozenset({"meta.json", KEYS})  # the files of an encrypted folder left unsealed


class KeyringError(ValueError):
    """Something about keys, said plainly (never naming a secret)."""


class KeyringDamaged(KeyringError):
    """The keyring is not as the app wrote it: damage to ``keys.json``, never a wrong
    passphrase (the folder names the file, with a good backup). ``reason`` in the words
    of :class:`~..errors.DamagedFile`."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"The keyring ({KEYS}) is damaged ({reason}).")
        self.reason = reason


class SealError(ValueError):
    """A sealed file that cannot be opened: ``reason`` says why, in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
