"""A sealed bundle: an export for moving records between sites, behind a passphrase.

``MAGIC | header length (2 bytes) | header (JSON: Argon2id parameters and salt) | nonce
(12) | ciphertext and tag``. The key comes from the passphrase with Argon2id (the same
parameters as a person's passphrase); AES-256-GCM with the magic and the header as
associated data, so changing either is caught like changing the records. A wrong
passphrase and a damaged file cannot be told apart, and are not.
"""

from __future__ import annotations

import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .kdf import KdfParams, b64, derive, new_salt, unb64
from .sealing import NONCE_LEN, SealError

MAGIC = b"SVTB\x01"  # supervise-tui sealed bundle, version 1
PARAMS = KdfParams()  # how a bundle's passphrase is stretched (tests use less)
MAX_MEMORY_KIB = 1024 * 1024  # a bundle asking for more is refused before any work


def is_sealed_bundle(raw: bytes) -> bool:
    return raw[: len(MAGIC)] == MAGIC


def seal_bundle(data: bytes, passphrase: str, params: KdfParams | None = None) -> bytes:
    params = params or PARAMS
    salt = new_salt()
    header = json.dumps({"kdf": params.to_data(), "salt": b64(salt)}).encode()
    key = derive(passphrase, salt, params)
    nonce = os.urandom(NONCE_LEN)
    head = MAGIC + len(header).to_bytes(2, "big") + header
    return head + nonce + AESGCM(key).encrypt(nonce, data, head)


def open_bundle(raw: bytes, passphrase: str) -> bytes:
    """The bundle's JSON, or SealError (a wrong passphrase, or a damaged file)."""
    wrong = SealError("That passphrase does not open this bundle, or the bundle is damaged.")
    if not is_sealed_bundle(raw) or len(raw) < len(MAGIC) + 2:
        raise SealError("This is not a sealed bundle of this app.")
    size = int.from_bytes(raw[len(MAGIC) : len(MAGIC) + 2], "big")
    end = len(MAGIC) + 2 + size
    if len(raw) < end + NONCE_LEN + 16:
        raise wrong
    try:
        header = json.loads(raw[len(MAGIC) + 2 : end])
        params = KdfParams.from_data(header["kdf"])
        salt = unb64(header["salt"])
    except (ValueError, KeyError, TypeError):
        raise wrong from None
    if params.memory_kib > MAX_MEMORY_KIB or params.time_cost > 10 or len(salt) < 8:
        raise wrong
    key = derive(passphrase, salt, params)
    try:
        return AESGCM(key).decrypt(raw[end : end + NONCE_LEN], raw[end + NONCE_LEN :], raw[:end])
    except InvalidTag:
        raise wrong from None
