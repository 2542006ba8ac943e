"""Home's copy of every peer's tally, in ``tallies/<0-f>.json`` (plain folders only).

Each peer's tally (Home's figures: sessions, last session, open items, awaiting
sign-off) is kept in their ``peer.json``. Home lists the whole team before its first
paint, and reading one small document out of hundreds of files grew the start with
the number of peers; so a plain folder also keeps a copy of every tally, in 16 files
by a hash of the peer's id (:func:`~..layout.copy_file`): Home reads the 16, and a save
rewrites the one small file of its peer, however many peers there are.

The copy never drifts: every unit of work is watched, and whatever it does to a
``peer.json``'s tally (a save, a rebuilt history, an import, a removal) is done to the
copy in the same journaled commit. The 16 files are all there once the copy is made;
while one is missing or does not read, Home reads each peer's file (as before) and the
next commit that changes a tally makes every such file whole again from the peers'
files. Once Home shows, the app's upkeep holds the copy to the peers' own tallies and
rebuilds one that differs (:meth:`TallyCopyRoom._verify_tally_copy`); ``supervise check``
does the same and ``--repair`` rebuilds it.

An encrypted folder keeps no copy: each peer's figures are sealed with that peer's key,
and a file of everyone's would show them to anyone who can sign in.
"""

from __future__ import annotations

import os

from ...domain.tallies import PeerTally
from ..errors import DamagedFile
from ..layout import (
    COPY_FILES,
    PEER_TABLES,
    TALLIES,
    TALLY,
    copies_by_file,
    copy_file,
    peer_file,
    peer_tally,
)
from ..unit import Change, UnitOfWork
from .base import FolderBase


def peer_of(rel: str) -> str | None:
    """The peer whose ``peer.json`` ``rel`` is, or None for any other file."""
    parts = rel.split("/")
    if len(parts) == 3 and parts[0] == "peers" and parts[2] == "peer.json":
        return parts[1]
    return None


class TallyCopyRoom(FolderBase):
    _copy_doubted = False  # found to differ from the peers' own, and not rebuilt (read-only)

    def _keeps_copy(self) -> bool:
        return not self.encrypted and self.codec is None

    def _watch(self, uow: UnitOfWork, change: Change) -> None:
        if not self._keeps_copy():
            return
        peer_id = peer_of(change.file)
        if peer_id is None:
            return
        if change.table is None:  # the whole file: removed, or written afresh
            doc = peer_tally(change.doc)
        elif change.table == TALLY and change.doc_id == TALLY:
            doc = change.doc
        else:
            return
        notes = uow.notes.setdefault(TALLIES, {})
        assert isinstance(notes, dict)
        notes[peer_id] = doc

    def _before_commit(self, uow: UnitOfWork) -> None:
        notes = uow.notes.pop(TALLIES, None)
        if not notes or not self._keeps_copy():
            return
        assert isinstance(notes, dict)
        copies = {rel: self._copy_in(rel) for rel in COPY_FILES}
        broken = [rel for rel, docs in copies.items() if docs is None]
        if broken:  # missing or damaged: made whole again, from every peer's file
            files = copies_by_file(self._tallies_in_peers(notes))
            uow.apply(Change(rel, None, "", {TALLY: files[rel]}) for rel in broken)
        changes = []
        for peer_id, doc in sorted(notes.items()):
            docs = copies[copy_file(peer_id)]
            if docs is not None and (doc is not None or peer_id in docs):
                changes.append(Change(copy_file(peer_id), TALLY, peer_id, doc))
        uow.apply(changes)

    def _copy_in(self, rel: str) -> dict[str, dict] | None:
        """One file of the copy, by peer id; None when it is missing or does not read."""
        if not (self.root / rel).exists():
            return None
        try:
            return dict(self._raw(rel, TALLY))
        except DamagedFile:
            self._dbs.pop(rel, None)
            return None

    def _whole_copy(self) -> dict[str, dict] | None:
        """Every document of the copy, by peer id; None when a file of it is missing or
        does not read."""
        found: dict[str, dict] = {}
        for rel in COPY_FILES:
            docs = self._copy_in(rel)
            if docs is None:
                return None
            found.update(docs)
        return found

    def _tallies_in_peers(self, notes: dict | None = None) -> dict[str, dict]:
        """Every peer's tally as their own ``peer.json`` holds it (``notes``: those a unit
        of work under way is changing, as it changes them)."""
        notes = notes or {}
        found = {}
        for peer_id in sorted({*self.peers_with_records(), *notes}):
            if peer_id in notes:
                doc = notes[peer_id]
            else:
                try:
                    doc = self._peek(peer_file(peer_id), TALLY, TALLY, PEER_TABLES)
                except DamagedFile:  # left out: check names the file, and the copy's gap
                    doc = None
            if doc is not None:
                found[peer_id] = doc
        return found

    def tallies_from_copy(self) -> dict[str, PeerTally] | None:
        """Home's tallies out of the copy's 16 files, when the folder keeps them and every
        one reads (else None: each peer's own file is read)."""
        copy = self._whole_copy() if self._keeps_copy() and not self._copy_doubted else None
        if copy is None:
            return None
        try:  # (a peer's folder removed by hand: their figures are not shown)
            present = set(os.listdir(self.root / "peers"))
        except OSError:
            present = set()
        try:
            return {
                peer_id: self._load(PeerTally, copy_file(peer_id), doc, peer_id)
                for peer_id, doc in copy.items()
                if peer_id in present
            }
        except DamagedFile:  # a document of the wrong shape: read past, like a damage
            return None

    def _verify_tally_copy(self) -> bool:
        """Once Home shows (the upkeep): the copy held to each peer's own tally. A copy
        that differs (edited by hand, or synced part way from elsewhere) is not used again
        and, when the folder can be written, is rebuilt. True when it differed: Home's
        figures are to be read again."""
        copy = self._whole_copy() if self._keeps_copy() and not self._copy_doubted else None
        if copy is None:  # (missing or damaged: not used, and rebuilt at the next save)
            return False
        if copy == self._tallies_in_peers():
            return False
        self._copy_doubted = True
        if not self.read_only:
            self.rebuild_tally_copy()
            self._copy_doubted = False
        return True

    def rebuild_tally_copy(self) -> None:
        """The copy made afresh from every peer's own tally (`supervise check --repair`);
        in an encrypted folder, one found there removed."""
        if self._keeps_copy():
            files = copies_by_file(self._tallies_in_peers())
            self.commit(Change(rel, None, "", {TALLY: docs}) for rel, docs in files.items())
        else:
            there = [rel for rel in COPY_FILES if (self.root / rel).exists()]
            if there:
                self.commit(Change(rel, None, "", None) for rel in there)
