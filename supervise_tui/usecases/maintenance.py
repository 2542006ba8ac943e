"""Looking after the records: rebuilding what is derived from them."""

from __future__ import annotations

from ..domain.derived import history_of
from ..store.backend import Backend


def repair(store: Backend, peer_ids: list[str]) -> None:
    """Rebuild what is derived from each peer's records (rows, tracks, counts, tally)."""
    for peer_id in peer_ids:
        sessions = store.sessions(peer_id)
        store.replace_history(history_of(peer_id, sessions), sessions)
