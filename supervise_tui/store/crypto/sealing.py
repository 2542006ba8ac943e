"""Sealing one data file: AES-256-GCM, bound to its place in the folder.

A sealed file is ``MAGIC | key id (16 bytes) | nonce (12) | ciphertext and tag``. The
associated data is the format version, the file's path inside the folder and the key
id, so a file swapped for another (between peers, folders or places) fails its check
like a tampered one. Only ``cryptography``'s AESGCM is used; a fresh random nonce per
write (files are rewritten whole, never appended to).
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .names import MAGIC as MAGIC
from .names import SealError as SealError

KEY_ID_LEN = 16
NONCE_LEN = 12
HEADER_LEN = len(MAGIC) + KEY_ID_LEN + NONCE_LEN


def _aad(rel: str, key_id: bytes) -> bytes:
    return b"supervise-tui/file/v1\x00" + rel.encode("utf-8") + b"\x00" + key_id


def seal(key: bytes, key_id: bytes, rel: str, plaintext: bytes) -> bytes:
    nonce = os.urandom(NONCE_LEN)
    return MAGIC + key_id + nonce + AESGCM(bytes(key)).encrypt(nonce, plaintext, _aad(rel, key_id))


def is_sealed(raw: bytes) -> bool:
    return raw[: len(MAGIC)] == MAGIC


def key_id_of(raw: bytes) -> bytes:
    """Which key a sealed file needs (no secret: an opaque id)."""
    if not is_sealed(raw) or len(raw) < HEADER_LEN:
        raise SealError("it is not an encrypted data file of this app, or it is cut short")
    return raw[len(MAGIC) : len(MAGIC) + KEY_ID_LEN]


def unseal(key: bytes, rel: str, raw: bytes) -> bytes:
    key_id = key_id_of(raw)
    nonce = raw[len(MAGIC) + KEY_ID_LEN : HEADER_LEN]
    try:
        return AESGCM(bytes(key)).decrypt(nonce, raw[HEADER_LEN:], _aad(rel, key_id))
    except InvalidTag:
        raise SealError(
            "it does not pass its integrity check: it was changed or moved outside the app"
        ) from None
