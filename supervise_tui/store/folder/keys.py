"""The keys of an encrypted folder: signing in and out, passphrases, who may read whom.

The keyring is ``keys.json`` (:mod:`..crypto.keyring`), four tables changed through the
same units of work as the records, so a person added with their access is one commit.
In a plain folder every method here does nothing (or says the folder is not encrypted).
"""

from __future__ import annotations

from ...domain.enums import Role
from ..crypto import lazy
from ..crypto.codes import normalize
from ..crypto.names import KEYS, RECOVERY, KeyringDamaged, KeyringError
from ..errors import DamagedFile, NoAccess, Refused, StoreError
from ..unit import Change
from .base import FolderBase

keyring = lazy("supervise_tui.store.crypto.keyring")  # cryptography, on first use
sealer = lazy("supervise_tui.store.crypto.sealer")


class KeysRoom(FolderBase):
    signed_in: str | None = None  # the person id whose keys are held ("recovery" for it)
    _open_check = True

    def seal_backups(self) -> int:  # (the encrypting room's)
        return 0

    def _tables(self) -> dict:
        return {name: dict(self._raw(KEYS, name)) for name in keyring.TABLES}

    def _keyring_doc(self, tables: dict) -> dict:
        return {name: tables[name] for name in keyring.TABLES}

    def _keyring_damaged(self, reason: str) -> DamagedFile:
        """``keys.json`` named as damaged, with the newest backup of a good copy."""
        return self._damaged(self.root / KEYS, reason, KEYS)

    # -- signing in and out -----------------------------------------------------------

    def unlock(self, name: str, secret: str) -> tuple[str, bool]:
        """Sign in by name and passphrase (or setup code). Returns the person's id and
        whether they must now choose a passphrase (they signed in with a setup code)."""
        if not self.encrypted:
            raise Refused("These records are not encrypted: there is nothing to sign in to.")
        tables = self._tables()  # (checked against its checksum as it is read)
        try:
            person_id, private, slot = keyring.sign_in(tables, name, secret)
        except KeyringDamaged as error:
            raise self._keyring_damaged(error.reason) from None
        except KeyringError as error:
            raise NoAccess(str(error)) from None
        self._start(person_id, keyring.slot_id(tables, person_id), private)
        return person_id, bool(slot.get("setup"))

    def vouches(self, person_id: str, secret: str) -> bool:
        """Whether ``secret`` is this person's own passphrase (someone signing beside the
        person signed in, at the same keyboard). Nothing changes either way."""
        if not self.encrypted:
            return False
        tables = self._tables()
        try:
            name = self.person(person_id).name
            found, _, slot = keyring.sign_in(tables, name, secret)
        except (keyring.KeyringError, StoreError):
            return False
        return found == person_id and not slot.get("setup")

    def unlock_recovery(self, code: str) -> None:
        """Sign in with the agency's recovery key: every key, to set passphrases again."""
        if not self.encrypted:
            raise Refused("These records are not encrypted: there is nothing to recover.")
        slot = self._tables()["slots"].get(RECOVERY)
        try:
            opened = keyring.open_slot(slot, RECOVERY, normalize(code)) if slot else None
        except KeyringDamaged as error:
            raise self._keyring_damaged(error.reason) from None
        if opened is None:
            raise NoAccess("That recovery key does not open these records.")
        self._start(RECOVERY, RECOVERY, opened[0])

    def _start(self, person_id: str, sid: str, private) -> None:
        self.codec = sealer.Sealer(self._tables, person_id, sid, private)
        self.signed_in = person_id
        self._dbs.clear()
        if (self.root / KEYS).exists():
            try:  # every slot holds the folder's key: without it the keyring is damaged
                self.codec.data_key(keyring.folder_key_id(self._tables()))
            except KeyringError as error:
                self.lock()
                reason = getattr(error, "reason", "the folder's key is not in it")
                raise self._keyring_damaged(reason) from None
        self._open_unlocked(self._open_check)
        if not self.read_only:
            self.seal_backups()  # any left plain when encrypting was cut short

    def lock(self) -> None:
        """Forget every key and every record read (the idle lock, leaving the app)."""
        with self._mutex:
            if self.codec is not None:
                self.codec.forget()
            self.codec = None
            self.signed_in = None
            self._dbs.clear()
            self._people = None

    # -- who may read whom ---------------------------------------------------------------

    def set_readers(self, peer_id: str, readers: set[str]) -> None:
        """Wrap the peer's key for exactly ``readers`` (who have a passphrase) and the
        recovery key; a new peer's key is made here. Nothing in a plain folder."""
        if not self.encrypted:
            return
        tables = self._tables()
        key_id = keyring.peer_key_id(tables, peer_id)
        wanted = {keyring.slot_id(tables, p) for p in readers} & set(tables["slots"])
        wanted.add(RECOVERY)
        have = keyring.holders(tables, key_id)
        if not have:
            key = keyring.new_data_key()
            self.codec.adopt(key_id, key)
        elif not self.codec.holds(key_id):
            raise NoAccess("You cannot give access to records you cannot read yourself.")
        else:
            key = self.codec.data_key(key_id)
        if wanted == have:
            return
        wraps = {s: w for s, w in tables["wraps"].get(key_id.hex(), {}).items() if s in wanted}
        for sid in wanted - have:
            wraps[sid] = keyring.wrap(tables, key_id, key, sid)
        self.commit([Change(KEYS, "wraps", key_id.hex(), wraps)])

    def readable_peers(self) -> set[str] | None:
        """The peers whose records the signed-in person holds a key to (None: all)."""
        if not self.encrypted:
            return None
        tables = self._tables()
        sid = keyring.slot_id(tables, self.signed_in) if self.signed_in != RECOVERY else RECOVERY
        return {
            peer.id
            for peer in self.people(role=Role.PEER)
            if sid in keyring.holders(tables, keyring.peer_key_id(tables, peer.id))
        }

    # -- passphrases ---------------------------------------------------------------------

    def set_secret(self, person_id: str, name: str, secret: str, *, setup: bool = False) -> None:
        """Give someone a passphrase (or a one-time setup code): a new key pair of their
        own, the folder's key wrapped for it. Their peers' keys follow (set_readers)."""
        tables = self._tables()
        sid = keyring.slot_id(tables, person_id)
        kept = self._keys_of(tables, sid)  # what they could read, the granter can pass on
        private = keyring.X25519PrivateKey.generate()
        flags = {"setup": True} if setup else {}
        login = keyring.login_id(tables, name)
        slot = keyring.make_slot(tables, sid, secret, private, {"person": person_id}, **flags)
        slot["login"] = login
        changes = self._forget_slot(tables, sid)
        changes.append(Change(KEYS, "slots", sid, slot))
        tables["slots"][sid] = slot
        others = [s for s in tables["logins"].get(login, {}).get("slots", []) if s != sid]
        changes.append(Change(KEYS, "logins", login, {"slots": [*others, sid]}))
        folder = keyring.folder_key_id(tables)
        kept.setdefault(folder.hex(), self.codec.data_key(folder))
        for key_hex, key in kept.items():
            wraps = {s: w for s, w in tables["wraps"].get(key_hex, {}).items() if s != sid}
            wraps[sid] = keyring.wrap(tables, bytes.fromhex(key_hex), key, sid)
            changes.append(Change(KEYS, "wraps", key_hex, wraps))
        self.commit(changes)
        if person_id == self.signed_in:
            self.codec.rekey(private)  # their own: the new key pair from now on

    def _keys_of(self, tables: dict, sid: str) -> dict[str, bytearray]:
        """The data keys wrapped for a slot, as far as the signed-in person can open them."""
        found = {}
        for key_hex, wraps in tables["wraps"].items():
            if sid in wraps:
                try:
                    found[key_hex] = self.codec.data_key(bytes.fromhex(key_hex))
                except KeyringError:
                    pass
        return found

    def change_secret(self, old: str, new: str) -> None:
        """The signed-in person's own passphrase: their key pair stays, boxed anew."""
        tables = self._tables()
        sid = keyring.slot_id(tables, self.signed_in)
        slot = tables["slots"].get(sid)
        opened = keyring.open_slot(slot, sid, old) if slot else None
        if opened is None:
            raise NoAccess("That is not your current passphrase; nothing was changed.")
        private, payload = opened
        fresh = keyring.make_slot(tables, sid, new, private, payload)
        fresh["login"] = slot.get("login")
        self.commit([Change(KEYS, "slots", sid, fresh)])

    def remove_secret(self, person_id: str) -> None:
        """Someone leaves: their passphrase and every key wrapped for them go."""
        tables = self._tables()
        self.commit(self._forget_slot(tables, keyring.slot_id(tables, person_id)))

    def rename_login(self, person_id: str, name: str) -> None:
        tables = self._tables()
        sid = keyring.slot_id(tables, person_id)
        slot = tables["slots"].get(sid)
        if slot is None:
            return
        login = keyring.login_id(tables, name)
        changes = [
            Change(KEYS, "logins", lid, {"slots": [s for s in entry["slots"] if s != sid]})
            for lid, entry in tables["logins"].items()
            if sid in entry.get("slots", []) and lid != login
        ]
        others = [s for s in tables["logins"].get(login, {}).get("slots", []) if s != sid]
        changes.append(Change(KEYS, "logins", login, {"slots": [*others, sid]}))
        changes.append(Change(KEYS, "slots", sid, {**slot, "login": login}))
        self.commit(changes)

    def has_secret(self, person_id: str) -> bool:
        if not self.encrypted:
            return False
        tables = self._tables()
        return keyring.slot_id(tables, person_id) in tables["slots"]

    def _forget_slot(self, tables: dict, sid: str) -> list[Change]:
        changes = [Change(KEYS, "slots", sid, None)] if sid in tables["slots"] else []
        for lid, entry in tables["logins"].items():
            if sid in entry.get("slots", []):
                left = [s for s in entry["slots"] if s != sid]
                changes.append(Change(KEYS, "logins", lid, {"slots": left} if left else None))
        for key_hex, wraps in tables["wraps"].items():
            if sid in wraps:
                kept = {s: w for s, w in wraps.items() if s != sid}
                changes.append(Change(KEYS, "wraps", key_hex, kept))
        return changes
