"""A session, from the first draft to the last signature.

Each function is what a person does, as one straight descent: read what is needed
once, apply the domain's rules once, work out everything that changes once (the
record, the tracks it touches, the yearly counts, Home's tally and the team view's,
the peer's agenda),
then one commit through the store (:class:`~..store.backend.SessionChange`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime, timedelta

from ..domain import lifecycle
from ..domain.dates import local
from ..domain.enums import Role, SessionKind, SessionStatus
from ..domain.errors import ValidationError
from ..domain.links import CarryForward, carry_forward, link_problem
from ..domain.models import PeerInput, Person, Session, next_revisions, next_stamp
from ..domain.rows import SessionRow, row_of, tracks_from_rows
from ..domain.tallies import tally_from_counts, year_counts
from ..domain.team_tally import TeamTally, team_after, team_tally_of
from ..domain.tracks import Tracks, apply_session
from ..services.sessions import new_draft
from ..store.backend import Backend, SessionChange
from ..store.errors import Refused
from .contacts import contacts_to_carry, mark_taken
from .keeping import keep_session

Clock = Callable[[], datetime]


def start_session(
    store: Backend,
    peer: Person,
    supervisor_ids: list[str],
    kind: SessionKind,
    when: datetime,
    pack_id: str,
    *,
    clock: Clock,
) -> Session:
    """A new draft with the peer, kept at once: it reviews what is still open and brings
    the agenda the peer added for it, and what informal contacts since asked to carry."""
    carried = contacts_to_carry(store, peer.id)
    draft = new_draft(
        peer,
        supervisor_ids,
        kind,
        when,
        pack_id,
        store.open_tracks(peer.id),
        store.peer_input(peer.id),
        carried,
    )
    now = clock()
    # it begins now, or at the time planned when opened ahead of it; a session recorded
    # afterwards (more than an hour after its time) has no known beginning
    opened = local(now).replace(second=0, microsecond=0)
    began = None if opened - when > timedelta(hours=1) else max(opened, when)
    draft = dataclasses.replace(draft, created_at=now, updated_at=now, started=began)
    store.save_draft(draft)
    # then (a stop between the two carries them again, never loses them) the contacts it
    # brought in are not carried again while it lasts
    mark_taken(store, carried, draft.id, clock=clock)
    return draft


def usual_supervisors(store: Backend, peer_id: str | None, me: str | None = None) -> list[str]:
    """Who to tick when a session starts: the supervisors named on the peer, else whoever
    met them last; else ``me`` (the supervisor signed in); else the only one there is.
    Active supervisors only."""
    active = [p.id for p in store.people(role=Role.SUPERVISOR) if p.active]
    if peer_id:
        named = [i for i in store.person(peer_id).supervisor_ids if i in active]
        if named:
            return named
        held = [r for r in store.rows(peer_id) if r.status != SessionStatus.WITHDRAWN]
        last = max(held, key=lambda r: r.when, default=None)
        met = [i for i in last.supervisor_ids if i in active] if last else []
        if met:
            return met
    if me in active:
        return [me]
    return active if len(active) == 1 else []


def save_draft(store: Backend, draft: Session, *, clock: Clock) -> Session:
    """Autosave: the draft as it is, stamped (no rules: a draft may be half filled in)."""
    draft = dataclasses.replace(draft, updated_at=clock())
    store.save_draft(draft)
    return draft


def finish_session(store: Backend, draft: Session, *, clock: Clock) -> Session:
    """F6: the draft becomes a held session, awaiting everyone's sign-off.

    Raises ValidationError naming the first field that needs attention; then nothing is
    stored and the draft stays as it is."""
    _check_people(store, draft)
    if draft.correcting is not None:
        from .corrections import finish_correction

        return finish_correction(store, draft, clock=clock)
    if store.filed_row(draft.peer_id, draft.id, draft.when.year, anywhere=False) is not None:
        raise Refused("This session is already finished: it is in the peer's history.")
    tracks = store.tracks_for(draft.peer_id, row_of(draft).item_ids())
    session = lifecycle.finish(lifecycle.drop_noop_updates(draft, tracks), clock())
    problem = link_problem(session, tracks)
    if problem is not None:
        raise problem
    change = session_change(store, session, tracks, filed=None, replaces=None, drop_draft=True)
    keep_session(store, change, clock=clock)
    return session


def sign_session(
    store: Backend,
    session: Session,
    person_id: str,
    comment: str = "",
    *,
    clock: Clock,
    passphrase: str | None = None,
) -> Session:
    """One participant's acknowledgement; once everyone has, the session is acknowledged.
    On encrypted records the person signed in signs as themselves; someone beside them
    signs by typing their own ``passphrase``."""
    me = store.signed_in
    beside = me not in (None, "recovery") and person_id != me  # someone beside me signs
    if beside and not (passphrase and store.vouches(person_id, passphrase)):
        raise Refused(
            "To sign for someone else, they type their own passphrase "
            "(or sign when they sign in themselves)."
        )
    filed = store.filed_row(session.peer_id, session.id, session.when.year, anywhere=True)
    if filed is None:
        raise Refused("That session is not in the records.")
    if any(d.id == session.id and d.correcting for d in store.drafts()):
        raise Refused(
            "This session is being corrected: sign it once the correction is finished "
            "(or discarded)."
        )
    stored = store.session(session.peer_id, session.id, filed.when.year)
    signed = lifecycle.sign_off(stored, person_id, comment, next_stamp(stored.updated_at, clock()))
    signed = dataclasses.replace(
        signed, revisions=next_revisions(stored.revisions, stored.updated_at)
    )
    tracks = store.tracks_for(stored.peer_id, row_of(signed).item_ids() | filed.item_ids())
    change = session_change(
        store, signed, tracks, filed=filed, replaces=stored.updated_at, drop_draft=False
    )
    keep_session(store, change, clock=clock)
    return signed


def _check_people(store: Backend, session: Session) -> None:
    from ..domain.validation import validate_session

    validate_session(session)
    peer = store.person(session.peer_id)
    if peer.role != Role.PEER:
        raise ValidationError(f"{peer.name} is not a peer specialist.", "peer_id")
    for sup_id in session.supervisor_ids:
        sup = store.person(sup_id)
        if sup.role != Role.SUPERVISOR:
            raise ValidationError(f"{sup.name} is not a supervisor.", "supervisor_ids")


def session_change(
    store: Backend,
    session: Session,
    tracks: Tracks,
    *,
    filed: SessionRow | None,
    replaces: datetime | None,
    drop_draft: bool,
) -> SessionChange:
    """Everything that keeping ``session`` changes. ``tracks`` holds the peer's open
    tracks and every settled one the session (or its stored version) touches."""
    peer_id, year = session.peer_id, session.when.year
    before = {
        item_id: dataclasses.replace(track, updates=list(track.updates))
        for table in (tracks.concerns, tracks.ideas, tracks.goals, tracks.actions)
        for item_id, track in table.items()
    }
    touched = apply_session(tracks, session)
    after = {**tracks.concerns, **tracks.ideas, **tracks.goals, **tracks.actions}
    changed_tracks = {i: (before.get(i), after.get(i)) for i in touched}
    counts = store.years(peer_id)
    changed_counts = {}
    row = row_of(session)
    for y in {year} | ({filed.when.year} if filed else set()):
        rows = {r.id: r for r in store.rows(peer_id, start=date(y, 1, 1), end=date(y, 12, 31))}
        rows.pop(session.id, None)
        if y == year:
            rows[session.id] = row
        counted = year_counts(rows.values()).get(y)
        changed_counts[y] = counted
        if counted is None:
            counts.pop(y, None)
        else:
            counts[y] = counted
    peer_input = None
    if drop_draft and (session.agenda or session.peer_note.strip()):
        # What the peer brought was discussed: it comes off their list for next time.
        waiting = store.peer_input(peer_id)
        used = {item.id for item in session.agenda}
        peer_input = PeerInput(
            items=[item for item in waiting.items if item.id not in used],
            note="" if waiting.note.strip() == session.peer_note.strip() else waiting.note,
            updated_at=session.updated_at,
        )
    return SessionChange(
        team=_team_after(store, peer_id, filed, row, changed_tracks),
        session=session,
        replaces=replaces,
        filed_year=filed.when.year if filed else None,
        tracks=changed_tracks,
        counts=changed_counts,
        tally=tally_from_counts(peer_id, counts, tracks),
        peer_input=peer_input,
        drop_draft=drop_draft,
    )


def _team_after(store: Backend, peer_id: str, filed, row, changed) -> TeamTally | None:
    """The team view's tally after this save. Records from before it was kept have it
    worked out from the rows once, at their next save; a backend that keeps none gets
    None."""
    if getattr(store, "team_tally", None) is None:
        return None
    team = store.team_tally(peer_id)
    if team is None:
        counted = [r for r in store.rows(peer_id) if r.status != SessionStatus.WITHDRAWN]
        team = team_tally_of(peer_id, counted, tracks_from_rows(peer_id, counted))
    return team_after(team, filed, row, changed)


def discard_draft(store: Backend, session_id: str) -> None:
    store.discard_draft(session_id)


def review_for(store: Backend, peer_id: str, before: date | None = None) -> CarryForward:
    """What a session (on ``before``, if given) reviews: open items raised by then."""
    return carry_forward(store.open_tracks(peer_id), before)


def awaiting_signoff(store: Backend, peer_id: str) -> list[SessionRow]:
    """Finished sessions not yet acknowledged by everyone, oldest first."""
    found: list[SessionRow] = []
    for year, count in sorted(store.years(peer_id).items()):
        if count.awaiting:
            rows = store.rows(peer_id, start=date(year, 1, 1), end=date(year, 12, 31))
            found += [r for r in rows if r.status == SessionStatus.COMPLETED]
    return found
