"""From a passphrase to a key: Argon2id (argon2-cffi), with a salt of its own each time.

The parameters are kept beside each wrapped secret (a versioned header), so they can be
raised later without locking anyone out. The defaults take about a quarter of a second
on two cores and 128 MiB of memory: slow for someone guessing, quick for a person.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass

SALT_LEN = 16
KEY_LEN = 32


@dataclass(frozen=True)
class KdfParams:
    time_cost: int = 3
    memory_kib: int = 128 * 1024
    parallelism: int = 2
    name: str = "argon2id"

    def to_data(self) -> dict:
        return {
            "name": self.name,
            "time_cost": self.time_cost,
            "memory_kib": self.memory_kib,
            "parallelism": self.parallelism,
        }

    @classmethod
    def from_data(cls, data: dict) -> KdfParams:
        if not isinstance(data, dict) or data.get("name") != "argon2id":
            raise ValueError("unknown key derivation")
        values = [data.get(k) for k in ("time_cost", "memory_kib", "parallelism")]
        if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values):
            raise ValueError("bad key derivation parameters")
        time_cost, memory_kib, parallelism = values
        if time_cost > 100 or memory_kib > 4 * 1024 * 1024 or parallelism > 64:
            raise ValueError("key derivation parameters out of range")
        return cls(time_cost, memory_kib, parallelism)


FAST = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)  # for tests only


def new_salt() -> bytes:
    return os.urandom(SALT_LEN)


def derive(secret: str, salt: bytes, params: KdfParams) -> bytes:
    """A 32-byte key from a passphrase (or a setup or recovery code)."""
    from argon2.low_level import Type, hash_secret_raw  # (slow to load: a plain folder never)

    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_LEN,
        type=Type.ID,
    )


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)
