"""Making a folder encrypted: a new one on first start, or one that holds plain records.

Either way the keyring is made (the first person's passphrase, the agency's recovery key,
the folder's key) and, for a folder with records, every data file is sealed in ONE
journaled commit (a kill part way leaves it plain, or wholly encrypted), then every
record is read back through its seal before anything else happens. The backups are then
sealed in place too: a plain copy of the records left in ``backups/`` would defeat the
point (:meth:`EncryptingRoom.seal_backups`, run again at every sign-in that can write,
finishes the job if it was interrupted).
"""

from __future__ import annotations

from pathlib import Path

import orjson

from .. import backups, journal
from ..crypto import integrity, lazy
from ..crypto.kdf import KdfParams
from ..crypto.names import KEYS, PLAIN, RECOVERY
from ..errors import DamagedFile, Refused, StoreError
from ..files import atomic_write
from ..layout import COPY_FILES, META, TALLIES
from .keys import KeysRoom

keyring = lazy("supervise_tui.store.crypto.keyring")  # cryptography, on first use
sealing = lazy("supervise_tui.store.crypto.sealing")
sealers = lazy("supervise_tui.store.crypto.sealer")


class EncryptingRoom(KeysRoom):
    kdf_params = KdfParams()  # how hard passphrases are made to guess (tests use less)

    def encrypt(
        self,
        person_id: str,
        name: str,
        secret: str,
        recovery_code: str,
        params: KdfParams | None = None,
    ) -> None:
        """Encrypt this folder, with ``person_id`` the first to hold its keys."""
        self._guard_write()
        if self.encrypted:
            raise Refused("These records are encrypted already.")
        tables = keyring.new_tables(params or self.kdf_params)
        folder_key, folder_id = keyring.new_data_key(), keyring.folder_key_id(tables)
        for sid, code, pid in ((RECOVERY, recovery_code, RECOVERY), (None, secret, person_id)):
            sid = sid or keyring.slot_id(tables, pid)
            private = keyring.X25519PrivateKey.generate()
            slot = keyring.make_slot(tables, sid, code, private, {"person": pid})
            if pid != RECOVERY:
                slot["login"] = keyring.login_id(tables, name)
                tables["logins"][slot["login"]] = {"slots": [sid]}
            tables["slots"][sid] = slot
            tables["wraps"].setdefault(folder_id.hex(), {})[sid] = keyring.wrap(
                tables, folder_id, folder_key, sid
            )
        sid = keyring.slot_id(tables, person_id)
        sealer = sealers.Sealer(lambda: tables, person_id, sid, None)
        sealer.adopt(folder_id, folder_key)
        for peer_id in sorted({*self.peers_with_records(), *self._peers_with_drafts()}):
            key_id = keyring.peer_key_id(tables, peer_id)  # the first lead's, and recovery's
            if key_id.hex() not in tables["wraps"]:
                key = keyring.new_data_key()
                sealer.adopt(key_id, key)
                tables["wraps"][key_id.hex()] = {
                    s: keyring.wrap(tables, key_id, key, s) for s in (sid, RECOVERY)
                }
        self._seal_everything(sealer, tables)
        self.encrypted = True
        self.codec, self.signed_in = sealer, person_id
        sealer.retarget(self._tables)
        self._dbs.clear()
        self._people = None
        self._verify()
        try:
            self.seal_backups()
        except (OSError, StoreError):  # the records are encrypted: that must not be lost
            self.notices.append(
                "Some backup copies could not be encrypted yet; they will be at the next sign-in."
            )

    def _peers_with_drafts(self) -> list[str]:
        """Peers with a draft, an informal contact or a group session but no session yet:
        their files are sealed with their key too."""
        found = {p.parent.parent.name for p in (self.root / "peers").glob("*/drafts/*.json")}
        found |= {p.parent.name for p in (self.root / "peers").glob("*/contacts-*.json")}
        found |= {p.parent.name for p in (self.root / "peers").glob("*/groups-*.json")}
        return sorted(found)

    def _seal_everything(self, sealer, tables: dict) -> None:
        """Every data file sealed, the keyring and the marker in meta.json: one commit."""
        staged: list[journal.Staged] = []
        try:
            for rel in [r.as_posix() for r in backups.data_files(self.root)]:
                if rel in PLAIN:
                    continue
                if rel in COPY_FILES:  # everyone's figures in one place: not kept encrypted
                    before = journal.file_digest(self.root / rel)
                    staged.append(journal.stage_removal(rel, before))
                    continue
                raw = (self.root / rel).read_bytes()
                before = journal.digest(raw)
                staged.append(journal.stage_bytes(self.root, rel, sealer.encode(rel, raw), before))
            keys_raw = orjson.dumps(integrity.stamped({n: tables[n] for n in keyring.TABLES}))
            staged.append(journal.stage_bytes(self.root, KEYS, keys_raw, None))
            meta = orjson.loads((self.root / META).read_bytes())
            meta["encryption"] = {"version": 1, "keys": KEYS}
            before = journal.file_digest(self.root / META)
            staged.append(journal.stage_bytes(self.root, META, orjson.dumps(meta), before))
            # A plain journal (file names and hashes only): a kill part way is completed
            # at the next start, which reads meta.json as plain until it is.
            listed = journal.write_journal(self.root, staged)
        except BaseException:
            journal.discard(self.root, staged)
            raise
        journal.finish(self.root, listed)
        try:
            (self.root / TALLIES).rmdir()  # (the copy's folder, emptied by the commit)
        except OSError:
            pass

    def _verify(self) -> None:
        """Every record read back through its seal, as the app will read it."""
        from ..records import file_problem

        for rel in [r.as_posix() for r in backups.data_files(self.root)]:
            raw = (self.root / rel).read_bytes()
            try:
                problem = file_problem(rel, self.codec.decode(rel, raw))
            except sealing.SealError as error:
                problem = error.reason
            if problem:
                raise DamagedFile(self.root / rel, f"after encrypting, {problem}")

    def seal_backups(self) -> int:
        """Seal every backup copy that is still plain; returns how many were."""
        if not self.encrypted or self.codec is None:
            return 0
        sealed = 0
        base = self.root / backups.BACKUPS
        for folder in sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []:
            for path in sorted(folder.rglob("*.json")):
                rel = path.relative_to(folder).as_posix()
                if rel in COPY_FILES:  # (derived, and everyone's: see tally_copy.py)
                    path.unlink()
                    if not any(path.parent.iterdir()):
                        path.parent.rmdir()
                    continue
                if rel in PLAIN or _starts_sealed(path):
                    continue
                if not self.codec.can_read(rel):
                    continue  # another peer's, and still plain: a lead's next start seals it
                atomic_write(path, self.codec.encode(rel, path.read_bytes()))
                sealed += 1
        return sealed


def _starts_sealed(path: Path) -> bool:
    with path.open("rb") as handle:
        return sealing.is_sealed(handle.read(len(sealing.MAGIC)))
