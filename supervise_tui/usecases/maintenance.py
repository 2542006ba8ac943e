"""Looking after the records: rebuilding what is derived from them."""

from __future__ import annotations

from ..domain.derived import history_of
from ..store.backend import Backend


def repair(store: Backend, peer_ids: list[str], *, tally_copy: bool = False) -> None:
    """Rebuild what is derived from each peer's records (rows, tracks, counts, tally);
    with ``tally_copy``, then a folder's copy of every peer's tally as well."""
    for peer_id in peer_ids:
        sessions = store.sessions(peer_id)
        store.replace_history(history_of(peer_id, sessions), sessions)
    rebuild = getattr(store, "rebuild_tally_copy", None)  # (a folder's: the server has none)
    if tally_copy and rebuild is not None:
        rebuild()
