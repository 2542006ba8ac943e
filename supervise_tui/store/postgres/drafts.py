"""Drafts on the server: each unfinished session a row, autosaved with no rules.

Finishing a session removes its draft in the same transaction that keeps it.
"""

from __future__ import annotations

from psycopg.types.json import Jsonb

from ...domain.enums import SessionStatus
from ...domain.errors import ValidationError
from ...domain.models import Session
from ...domain.serial import to_data
from ...domain.stamps import check_id
from .base import ServerBase
from .people import stamp


class DraftsRoom(ServerBase):
    def drafts(self) -> list[Session]:
        found = [
            self._load(Session, doc, f"draft {i}")
            for i, doc in self._all("SELECT id, record FROM drafts")
        ]
        return sorted(found, key=lambda s: s.updated_at, reverse=True)

    def save_draft(self, draft: Session) -> bool:
        self._guard_write()
        check_id(draft.id)
        check_id(draft.peer_id)
        if draft.status != SessionStatus.DRAFT:
            raise ValidationError("Only a draft can be autosaved.", "status")
        with self._write() as cur:
            cur.execute(
                "SELECT updated_at FROM sessions WHERE id = %s AND peer_id = %s",
                (draft.id, draft.peer_id),
            )
            held = cur.fetchone()
            if held is not None and not self._being_corrected(draft, held[0]):
                return False  # already finished: a late autosave must not revive the draft
            cur.execute(
                "INSERT INTO drafts (id, peer_id, updated_at, record) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (id) DO UPDATE SET peer_id = excluded.peer_id, "
                "updated_at = excluded.updated_at, record = excluded.record",
                (draft.id, draft.peer_id, stamp(draft.updated_at), Jsonb(to_data(draft))),
            )
        return True

    @staticmethod
    def _being_corrected(draft: Session, held_at: str) -> bool:
        """A correction of a held session, begun on the version that is still kept."""
        return draft.correcting is not None and held_at == stamp(draft.correcting.of)

    def discard_draft(self, session_id: str) -> None:
        with self._write() as cur:
            cur.execute("DELETE FROM drafts WHERE id = %s", (check_id(session_id),))
