"""Drafts: each unfinished session in a small file of its own, in its peer's folder
(``peers/<peer-id>/drafts/<id>.json``).

An autosave writes one file atomically, with no journal and no rules: a draft may be
half filled in. Finishing a session removes its draft in the same commit that keeps it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.enums import SessionStatus
from ...domain.errors import ValidationError
from ...domain.serial import to_data
from ...domain.stamps import check_id
from ..files import ensure_dir, remove
from ..layout import draft_file, index_file
from .base import FolderBase

if TYPE_CHECKING:  # (the session records are imported when a draft is read: a start
    from ...domain.models import Session  # with no draft to show does without them)


class DraftsRoom(FolderBase):
    def drafts(self) -> list[Session]:
        paths = self._draft_paths("*")
        if not paths:
            return []
        from ...domain.models import Session

        found: list[Session] = []
        for path in paths:
            rel = path.relative_to(self.root).as_posix()
            if not self._can_read(rel):
                continue
            for doc_id, doc in self._raw(rel, "draft"):
                found.append(self._load(Session, rel, doc, doc_id))
        return sorted(found, key=lambda s: s.updated_at, reverse=True)

    def _draft_paths(self, session_id: str) -> list[Path]:
        """The drafts' files, of every peer (``"*"``) or the one session's. (Listed with
        os.scandir: Home asks at every start, and glob took 4 ms at 678 peers.)"""
        peers = os.path.join(self.root, "peers")
        try:
            with os.scandir(peers) as entries:
                folders = [e.path for e in entries if e.is_dir() and not e.name.startswith(".")]
        except OSError:
            return []
        found = []
        for folder in folders:
            where = os.path.join(folder, "drafts")
            if session_id != "*":
                path = os.path.join(where, f"{session_id}.json")
                if os.path.isfile(path):
                    found.append(Path(path))
                continue
            try:
                with os.scandir(where) as entries:
                    found += [
                        Path(entry.path)
                        for entry in entries
                        if entry.name.endswith(".json")
                        and not entry.name.startswith(".")
                        and entry.is_file()
                    ]
            except OSError:  # (most peers have no drafts folder)
                continue
        return sorted(found)

    def save_draft(self, draft: Session) -> bool:
        self._guard_write()
        check_id(draft.id)
        if draft.status != SessionStatus.DRAFT:
            raise ValidationError("Only a draft can be autosaved.", "status")
        if self._is_held(draft) and not self._being_corrected(draft):
            return False  # already finished: a late autosave must not revive the draft
        rel = draft_file(check_id(draft.peer_id), draft.id)
        path = self.root / rel
        if not path.parent.exists():
            ensure_dir(path.parent)
        self._db(rel).table("draft").put(draft.id, to_data(draft))
        return True

    def _is_held(self, session: Session) -> bool:
        """Whether a session is already among the held ones (its year's index says)."""
        rel = index_file(check_id(session.peer_id), session.when.year)
        if not (self.root / rel).exists():
            return False
        return self._get(rel, "sessions", session.id) is not None

    def _being_corrected(self, draft: Session) -> bool:
        """A correction of a held session, begun on the version that is still kept."""
        if draft.correcting is None:
            return False
        held = self.filed_row(draft.peer_id, draft.id, draft.when.year, anywhere=True)
        return held is not None and held.updated_at == draft.correcting.of

    def discard_draft(self, session_id: str) -> None:
        self._guard_write()
        for path in self._draft_paths(check_id(session_id)):
            self._dbs.pop(path.relative_to(self.root).as_posix(), None)
            remove(path)
