"""The keys one signed-in person holds, and which key seals which file.

Everything in ``peers/<id>/`` is sealed with that peer's key; the roster, the folder's
conflicts and the journal with the folder's key; ``meta.json`` and ``keys.json`` are not
sealed (they hold no record). A data key is unwrapped the first time it is needed and
kept until :meth:`Sealer.forget` (the idle lock, sign-out) overwrites it.
"""

from __future__ import annotations

from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from . import keyring, sealing
from .names import PLAIN as PLAIN  # kept where it always was


def peer_of(rel: str) -> str | None:
    parts = rel.split("/")
    return parts[1] if len(parts) >= 3 and parts[0] == "peers" else None


class Sealer:
    def __init__(
        self,
        tables: Callable[[], dict],
        person_id: str,
        slot_id: str,
        private: X25519PrivateKey,
    ) -> None:
        self._tables = tables  # the keyring as it stands now (it changes as people are added)
        self.person_id = person_id
        self.slot_id = slot_id
        self._private: X25519PrivateKey | None = private
        self._keys: dict[bytes, bytearray] = {}

    def key_id_for(self, rel: str) -> bytes | None:
        """The id of the key that seals ``rel`` (None: the file is not sealed)."""
        if rel in PLAIN:
            return None
        peer = peer_of(rel)
        tables = self._tables()
        return keyring.peer_key_id(tables, peer) if peer else keyring.folder_key_id(tables)

    def data_key(self, key_id: bytes) -> bytearray:
        key = self._keys.get(key_id)
        if key is None:
            if self._private is None:
                raise keyring.KeyringError("The records are locked; sign in again.")
            key = keyring.unwrap(self._tables(), key_id, self.slot_id, self._private)
            self._keys[key_id] = key
        return key

    def holds(self, key_id: bytes) -> bool:
        return key_id in self._keys or self.slot_id in keyring.holders(self._tables(), key_id)

    def can_read(self, rel: str) -> bool:
        key_id = self.key_id_for(rel)
        return key_id is None or self.holds(key_id)

    def rekey(self, private: X25519PrivateKey) -> None:
        """The signed-in person's new key pair (their passphrase was set anew)."""
        self._private = private

    def retarget(self, tables: Callable[[], dict]) -> None:
        """Read the keyring from elsewhere from now on (once it is kept in the folder)."""
        self._tables = tables

    def adopt(self, key_id: bytes, key: bytearray) -> None:
        """A key this person just made (a new peer's): usable at once."""
        self._keys[key_id] = key

    # -- the codec the folder's storage uses ------------------------------------------

    def encode(self, rel: str, plain: bytes) -> bytes:
        key_id = self.key_id_for(rel)
        if key_id is None:
            return plain
        return sealing.seal(self.data_key(key_id), key_id, rel, plain)

    def decode(self, rel: str, raw: bytes) -> bytes:
        """Raises SealError (damaged, moved) or KeyringError (not this person's to read)."""
        if rel in PLAIN:
            return raw
        key_id = sealing.key_id_of(raw)
        if key_id != self.key_id_for(rel):
            raise sealing.SealError(
                "it is sealed with another key than its place says: it was moved from elsewhere"
            )
        return sealing.unseal(self.data_key(key_id), rel, raw)

    def forget(self) -> None:
        """Overwrite every key held in memory (as far as Python allows) and let go."""
        for key in self._keys.values():
            key[:] = bytes(len(key))
        self._keys.clear()
        self._private = None
