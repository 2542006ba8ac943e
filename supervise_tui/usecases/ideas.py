"""Ideas across the peers a person sees (the Team view's list, ``supervise ideas``), and a
peer's own (:mod:`..services.ideas`)."""

from __future__ import annotations

from ..domain.models import Session
from ..domain.tracks import Tracks
from ..services.ideas import IdeaLine, idea_lines, named_ideas, offered_as_strength
from ..store.backend import Backend
from .people import find_person, visible_peers


def ideas_of(
    store: Backend, *, peer_name: str | None = None, open_only: bool = False
) -> list[IdeaLine]:
    """Every idea of the peers the signed-in person sees (or of one, by name), oldest
    first; open ones are read from the peers' open items alone."""
    peers = [find_person(store, peer_name)] if peer_name else visible_peers(store)
    people = {p.id: p for p in store.people()}
    found: list[IdeaLine] = []
    with_records = set(store.peers_with_records())
    for peer in peers:
        if peer.id not in with_records:
            continue
        tracks = store.open_tracks(peer.id) if open_only else store.tracks(peer.id)
        found += idea_lines(peer, tracks, people, open_only=open_only)
    return sorted(found, key=lambda line: (line.raised_on, line.peer, line.id))


def ideas_named(store: Backend, draft: Session, tracks: Tracks) -> frozenset[str]:
    """The adopted ideas of the draft's peer already named as a strength in a held
    session (read only from the sessions since the earliest of those decisions)."""
    offered = offered_as_strength(tracks, draft)
    if not offered:
        return frozenset()
    start = min(t.decided_on for t in offered if t.decided_on)
    return named_ideas(store.sessions(draft.peer_id, start=start), tracks, draft.id)
