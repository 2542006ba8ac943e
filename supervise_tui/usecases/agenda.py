"""The peer's own agenda: topics and a note they add for their next session."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime

from ..domain.models import PeerInput
from ..domain.text import NOTE_MAX, SHORT_MAX, check_text
from ..store.backend import Backend


def save_agenda(
    store: Backend, peer_id: str, peer_input: PeerInput, *, clock: Callable[[], datetime]
) -> PeerInput:
    items = [
        dataclasses.replace(
            item,
            text=check_text(
                item.text, f"items[{i}]", limit=SHORT_MAX, required=True, label="agenda item"
            ),
        )
        for i, item in enumerate(peer_input.items)
    ]
    note = check_text(peer_input.note, "note", limit=NOTE_MAX)
    kept = PeerInput(items=items, note=note, updated_at=clock())
    store.save_peer_input(peer_id, kept)
    return kept
