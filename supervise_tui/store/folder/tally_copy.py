"""Home's copy of every peer's tally, in ``tallies.json`` (plain folders only).

Each peer's tally (Home's figures: sessions, last session, open items, awaiting
sign-off) is kept in their ``peer.json``. Home lists the whole team before its first
paint, and reading one small document out of hundreds of files grew the start with
the number of peers; so a plain folder also keeps a copy of every tally in one file.

The copy never drifts: every unit of work is watched, and whatever it does to a
``peer.json``'s tally (a save, a rebuilt history, an import, a removal) is done to the
copy in the same journaled commit. A copy that is missing or does not read is rebuilt
whole from the peers' files at the next commit, and read past until then, so Home is
never wrong because of it. ``supervise check`` holds the copy equal to the peers' own
tallies, and ``--repair`` rebuilds it.

An encrypted folder keeps no copy: each peer's figures are sealed with that peer's key,
and one file of everyone's would show them to anyone who can sign in.
"""

from __future__ import annotations

from ...domain.tallies import PeerTally
from ..errors import DamagedFile
from ..layout import PEER_TABLES, TALLIES, TALLY, peer_file
from ..unit import Change, UnitOfWork
from .base import FolderBase


def peer_of(rel: str) -> str | None:
    """The peer whose ``peer.json`` ``rel`` is, or None for any other file."""
    parts = rel.split("/")
    if len(parts) == 3 and parts[0] == "peers" and parts[2] == "peer.json":
        return parts[1]
    return None


class TallyCopyRoom(FolderBase):
    def _keeps_copy(self) -> bool:
        return not self.encrypted and self.codec is None

    def _watch(self, uow: UnitOfWork, change: Change) -> None:
        if not self._keeps_copy():
            return
        peer_id = peer_of(change.file)
        if peer_id is None:
            return
        if change.table is None:  # the whole file: removed, or written afresh
            tables = change.doc or {}
            doc = tables.get(TALLY, {}).get(TALLY) if isinstance(tables, dict) else None
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
        copy = self._tally_copy()
        if copy is None:  # missing or damaged: made whole again, from every peer's file
            uow.apply([Change(TALLIES, None, "", {TALLY: self._tallies_in_peers(notes)})])
            return
        changes = [
            Change(TALLIES, TALLY, peer_id, doc)
            for peer_id, doc in sorted(notes.items())
            if doc is not None or peer_id in copy
        ]
        uow.apply(changes)

    def _tally_copy(self) -> dict[str, dict] | None:
        """The copy's documents by peer id; None when there is none, or it does not read."""
        if not (self.root / TALLIES).exists():
            return None
        try:
            return dict(self._raw(TALLIES, TALLY))
        except DamagedFile:
            self._dbs.pop(TALLIES, None)
            return None

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
        """Home's tallies out of the one file, when the folder keeps it and it reads."""
        if not self._keeps_copy():
            return None
        copy = self._tally_copy()
        if copy is None:
            return None
        try:
            return {pid: self._load(PeerTally, TALLIES, doc, pid) for pid, doc in copy.items()}
        except DamagedFile:  # a document of the wrong shape: read past, like a damaged file
            return None

    def rebuild_tally_copy(self) -> None:
        """The copy made afresh from every peer's own tally (`supervise check --repair`);
        in an encrypted folder, one found there removed."""
        if self._keeps_copy():
            self.commit([Change(TALLIES, None, "", {TALLY: self._tallies_in_peers()})])
        elif (self.root / TALLIES).exists():
            self.commit([Change(TALLIES, None, "", None)])
