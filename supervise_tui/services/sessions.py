"""Starting a session: a new draft with what the walk-through needs to begin."""

from __future__ import annotations

from datetime import datetime

from ..domain.contacts import Contact, carried_items
from ..domain.enums import SessionKind
from ..domain.errors import ValidationError
from ..domain.links import carry_forward
from ..domain.models import PeerInput, Person, Session
from ..domain.schedule import next_due
from ..domain.tracks import Tracks


def new_draft(
    peer: Person,
    supervisor_ids: list[str],
    kind: SessionKind,
    when: datetime,
    pack_id: str,
    tracks: Tracks,
    peer_input: PeerInput | None = None,
    carried: list[Contact] = (),
) -> Session:
    """A draft for ``peer``: the next date proposed from their cadence, the walk-through
    starting at the review when anything is still open, the agenda the peer added, and
    what ``carried`` informal contacts asked to bring to it."""
    if not supervisor_ids:
        raise ValidationError("Please choose at least one supervisor.", "supervisor_ids")
    draft = Session(
        peer_id=peer.id,
        supervisor_ids=list(dict.fromkeys(supervisor_ids)),
        kind=kind,
        when=when,
        site=peer.site,
        pack_id=pack_id,
    )
    draft.next_session = next_due(peer.cadence, peer.weekday, when.date(), when.date())
    draft.step = "check_in" if carry_forward(tracks, when.date()).empty else "review"
    if peer_input is not None:
        draft.agenda = list(peer_input.items)
        draft.peer_note = peer_input.note
    # informal contacts since the last session that asked to be taken up in this one
    agenda, concerns = carried_items(list(carried))
    draft.agenda += agenda
    draft.concerns += concerns
    return draft
