"""A supervisor's own view (:mod:`..services.mine`), over the peers they may see."""

from __future__ import annotations

from datetime import date

from ..domain.enums import Role
from ..domain.models import Person
from ..services.mine import Mine, build_mine
from ..store.backend import Backend
from ..store.errors import Refused
from .people import visible_peers


def mine_of(store: Backend, supervisor: Person, today: date) -> Mine:
    """Refused for a peer: this view is a supervisor's own."""
    if supervisor.role != Role.SUPERVISOR:
        raise Refused(f"{supervisor.name} is a peer specialist; this view is a supervisor's own.")
    peers = visible_peers(store)
    sessions = {p.id: store.sessions(p.id) for p in peers}
    tracks = {p.id: store.tracks(p.id) for p in peers}
    return build_mine(supervisor, peers, sessions, tracks, today)
