"""The keyring of an encrypted folder (``keys.json``): who holds which key.

- Each person who can sign in has a **slot**: an X25519 key pair whose private half is
  boxed (AES-256-GCM) under a key derived from their passphrase (Argon2id, a salt of its
  own). The recovery key has a slot of its own, boxed under the recovery code.
- Records are sealed with random 256-bit **data keys**: one for the folder (the roster,
  the journal), one per peer (everything in ``peers/<id>/``). Each data key is **wrapped**
  for every slot that may read it, with HPKE (RFC 9180: X25519, HKDF-SHA256, AES-256-GCM,
  from ``cryptography``) — so a peer's passphrase opens their own key and never another's,
  and removing someone's access removes their wraps without re-encrypting anything.
- Nothing in the file names a person or a record: slot and key ids are keyed hashes
  (BLAKE2b with the folder's salt) of ids, and people sign in by a keyed hash of their name.

The keyring is four TinyDB tables, so a change to it goes into the same journaled commit
as the records it concerns (:data:`TABLES`). These functions work on those tables. A fifth
holds their checksum, so a damaged file is named as damaged, never read as a wrong
passphrase (:mod:`.integrity`: against accidental damage, not an attacker).
"""

from __future__ import annotations

import hashlib
import os
import unicodedata

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .integrity import KEYS as KEYS  # (the keyring's names, kept where they always were)
from .integrity import TABLES as TABLES
from .kdf import KdfParams, b64, derive, new_salt, unb64
from .names import RECOVERY as RECOVERY
from .names import KeyringDamaged as KeyringDamaged
from .names import KeyringError as KeyringError

_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)


def normalize_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


# -- ids --------------------------------------------------------------------------


def _keyed(tables: dict, text: str, size: int = 16) -> str:
    salt = unb64(tables["folder"]["salt"]["value"])
    return hashlib.blake2b(text.encode("utf-8"), key=salt, digest_size=size).hexdigest()


def slot_id(tables: dict, person_id: str) -> str:
    return _keyed(tables, "person:" + person_id)


def folder_key_id(tables: dict) -> bytes:
    return bytes.fromhex(_keyed(tables, "folder"))


def peer_key_id(tables: dict, peer_id: str) -> bytes:
    return bytes.fromhex(_keyed(tables, "peer:" + peer_id))


def login_id(tables: dict, name: str) -> str:
    return _keyed(tables, "login:" + normalize_name(name))


# -- a new keyring ------------------------------------------------------------------


def new_tables(params: KdfParams) -> dict:
    return {
        "folder": {
            "salt": {"value": b64(new_salt())},
            "kdf": params.to_data(),
            "format": {"value": 1},
        },
        "slots": {},
        "logins": {},
        "wraps": {},
    }


def params_of(tables: dict) -> KdfParams:
    return KdfParams.from_data(tables["folder"]["kdf"])


def new_data_key() -> bytearray:
    return bytearray(os.urandom(32))


# -- slots ------------------------------------------------------------------------------


def _box(secret_key: bytes, sid: str, payload: dict) -> tuple[str, str]:
    nonce = os.urandom(12)
    sealed = AESGCM(secret_key).encrypt(nonce, orjson.dumps(payload), b"slot|" + sid.encode())
    return b64(nonce), b64(sealed)


def make_slot(
    tables: dict, sid: str, secret: str, private: X25519PrivateKey, payload: dict, **flags
) -> dict:
    """A slot document: the private key (and ``payload``) boxed under ``secret``."""
    params = params_of(tables)
    salt = new_salt()
    raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    nonce, box = _box(derive(secret, salt, params), sid, {**payload, "private": b64(raw)})
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return {
        "public": b64(public),
        "salt": b64(salt),
        "kdf": params.to_data(),
        "nonce": nonce,
        "box": box,
        **flags,
    }


def open_slot(slot: dict, sid: str, secret: str) -> tuple[X25519PrivateKey, dict] | None:
    """The slot's private key and payload, or None when ``secret`` is not its secret."""
    try:
        key = derive(secret, unb64(slot["salt"]), KdfParams.from_data(slot["kdf"]))
        aad = b"slot|" + sid.encode()
        plain = AESGCM(key).decrypt(unb64(slot["nonce"]), unb64(slot["box"]), aad)
    except InvalidTag:
        return None
    except (KeyError, ValueError, TypeError):
        raise KeyringDamaged("a key in it does not have the expected shape") from None
    try:
        payload = orjson.loads(plain)
        private = X25519PrivateKey.from_private_bytes(unb64(payload.pop("private")))
    except (KeyError, ValueError, TypeError, AttributeError):
        raise KeyringDamaged("a key in it does not have the expected shape") from None
    return private, payload


def public_key(slot: dict) -> X25519PublicKey:
    return X25519PublicKey.from_public_bytes(unb64(slot["public"]))


def sign_in(tables: dict, name: str, secret: str) -> tuple[str, X25519PrivateKey, dict]:
    """The person whose name and passphrase these are: (person id, private key, slot).

    One plain refusal for a wrong name and a wrong passphrase alike; KeyringDamaged when
    the keyring itself is not as the app wrote it (never taken for a wrong passphrase)."""
    try:
        sids = tables["logins"].get(login_id(tables, name), {}).get("slots", [])
        if not isinstance(sids, list):
            raise TypeError
        for sid in sids:
            slot = tables["slots"].get(sid)
            opened = open_slot(slot, sid, secret) if slot else None
            if opened is not None:
                private, payload = opened
                person = payload["person"]
                if not isinstance(person, str):
                    raise TypeError
                return person, private, slot
    except KeyringError:
        raise
    except (KeyError, ValueError, TypeError, AttributeError):
        raise KeyringDamaged("it does not have the expected shape") from None
    raise KeyringError("That name and passphrase do not match.")


# -- wrapping data keys ------------------------------------------------------------------


def _info(key_id: bytes, sid: str) -> bytes:
    return b"supervise-tui/key/v1|" + key_id.hex().encode() + b"|" + sid.encode()


def wrap(tables: dict, key_id: bytes, data_key: bytes, sid: str) -> str:
    public = public_key(tables["slots"][sid])
    return b64(_SUITE.encrypt(bytes(data_key), public, _info(key_id, sid)))


def unwrap(tables: dict, key_id: bytes, sid: str, private: X25519PrivateKey) -> bytearray:
    wrapped = tables["wraps"].get(key_id.hex(), {}).get(sid)
    if wrapped is None:
        raise KeyringError("You do not have access to these records.")
    try:
        return bytearray(_SUITE.decrypt(unb64(wrapped), private, _info(key_id, sid)))
    except Exception:  # noqa: BLE001 - HPKE raises several kinds; all mean the same here
        raise KeyringDamaged("a key wrapped in it does not open") from None


def holders(tables: dict, key_id: bytes) -> set[str]:
    return set(tables["wraps"].get(key_id.hex(), {}))
