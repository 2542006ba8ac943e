"""Finding one held session by its id (or the start of it), among those the person at
the keyboard may read, with what is needed to show it."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.models import Person, Session
from ..domain.tracks import Tracks
from ..services.ids import NoSuchId, pick_by_id
from ..store.backend import Backend
from ..store.errors import NotFound
from .people import visible_peers

WHERE = "`supervise history --peer NAME` lists a peer's sessions with their ids"


@dataclass
class ShownSession:
    """A held session with the people it names and its peer's tracks (to say which
    earlier item an update is about)."""

    session: Session
    people: dict[str, Person]
    tracks: Tracks


def find_session(store: Backend, given: str) -> ShownSession:
    """The held session ``given`` names: its whole id, or its first four or more
    characters when no other session's id begins so. NotFound in one sentence otherwise
    (a session of a peer whose records this person may not read is not found either)."""
    readable = {p.id for p in visible_peers(store)}
    owners = [((sid,), (sid, peer)) for sid, peer in store.session_owners().items()]
    try:
        session_id, peer_id = pick_by_id(
            given, [(ids, o) for ids, o in owners if o[1] in readable], "session", WHERE
        )
    except NoSuchId as error:
        raise NotFound(str(error)) from None
    session = store.session(peer_id, session_id)
    return ShownSession(session, {p.id: p for p in store.people()}, store.tracks(peer_id))
