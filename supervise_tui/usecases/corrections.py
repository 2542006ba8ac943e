"""Putting right a finished session: correcting it (an amendment once everyone signed)
and withdrawing one made by mistake. The rules are :mod:`..domain.corrections`'; each
function here reads once, applies them once and keeps the result in one commit."""

from __future__ import annotations

import dataclasses

from ..domain import corrections, lifecycle
from ..domain.links import link_problem
from ..domain.models import Session
from ..domain.rows import SessionRow, row_of
from ..domain.tracks import Tracks
from ..store.backend import Backend
from ..store.errors import Refused
from .keeping import keep_session
from .sessions import Clock, session_change


def _kept(store: Backend, peer_id: str, session_id: str) -> tuple[SessionRow, Session]:
    filed = store.filed_row(peer_id, session_id, None, anywhere=True)
    if filed is None:
        raise Refused("That session is not in the records.")
    return filed, store.session(peer_id, session_id, filed.when.year)


def begin_correction(
    store: Backend, peer_id: str, session_id: str, by: str, reason: str = ""
) -> tuple[Session, Tracks]:
    """A draft correcting a finished session, kept at once (so nothing typed into it is
    lost), and the tracks it reviews: the peer's items as they were without it.

    A correction already begun on the same version is picked up again instead."""
    _filed, kept = _kept(store, peer_id, session_id)
    begun = next((d for d in store.drafts() if d.id == session_id), None)
    if begun is not None and begun.correcting and begun.correcting.of == kept.updated_at:
        draft = begun
        if reason.strip():  # said again: the latest words, and who said them
            draft.correcting = dataclasses.replace(begun.correcting, by=by, reason=reason)
    else:
        draft = corrections.open_correction(kept, by, reason)
        if not store.save_draft(draft):
            raise Refused("That session could not be opened for correction.")
    return draft, tracks_before(store, kept)


def tracks_for_draft(store: Backend, draft: Session) -> Tracks:
    """What a draft reviews: the peer's items; for a correction, as they were before the
    session it corrects."""
    if draft.correcting is None:
        return store.tracks(draft.peer_id)
    return tracks_before(store, _kept(store, draft.peer_id, draft.id)[1])


def tracks_before(store: Backend, kept: Session) -> Tracks:
    """The peer's items as they would be had ``kept`` never been held."""
    return corrections.as_it_was(store.tracks(kept.peer_id), kept)


def finish_correction(store: Backend, draft: Session, *, clock: Clock) -> Session:
    """F6 on a correction: the corrected session replaces the kept one (an amendment
    when everyone had signed it); everyone signs again. Nothing changed: the draft is
    dropped and the kept session stays as it was."""
    filed, kept = _kept(store, draft.peer_id, draft.id)
    tracks = store.tracks_for(draft.peer_id, row_of(draft).item_ids() | filed.item_ids())
    before = corrections.as_it_was(tracks, kept)
    now = clock()
    finished = lifecycle.finish(lifecycle.drop_noop_updates(draft, before), now)
    problem = link_problem(finished, before)
    if problem is not None:
        raise problem
    session = corrections.finish_correction(finished, kept, now, tracks)
    if session is None:
        store.discard_draft(draft.id)
        return kept
    change = session_change(
        store, session, tracks, filed=filed, replaces=kept.updated_at, drop_draft=True
    )
    keep_session(store, change, clock=clock)
    return session


def withdraw_session(
    store: Backend, peer_id: str, session_id: str, by: str, reason: str, *, clock: Clock
) -> Session:
    """Withdraw a session made by mistake: kept and readable, out of every figure."""
    filed, kept = _kept(store, peer_id, session_id)
    tracks = store.tracks_for(peer_id, filed.item_ids())
    withdrawn = corrections.withdraw(kept, by, reason, clock(), tracks)
    change = session_change(
        store, withdrawn, tracks, filed=filed, replaces=kept.updated_at, drop_draft=True
    )
    keep_session(store, change, clock=clock)
    return withdrawn
