"""Sign-off on plain lines: the summary as plain text, then each participant who may
sign here is asked, by the TUI's rules (:class:`~..ui.screens.summary.SummaryScreen`)."""

from __future__ import annotations

from ..domain.enums import Role, SessionStatus
from ..domain.errors import ValidationError
from ..domain.models import Person, Session
from ..store.errors import StoreError
from .common import EXIT_FAIL, EXIT_OK
from .plain_io import EndOfInput, Lines


def signable(session: Session, me: Person | None) -> list[str]:
    """Who may sign here, in the order asked: signed in, yourself first and anyone beside
    you with their own passphrase (a peer signed in: only themselves); at a folder nobody
    signs in to, anyone who has not yet."""
    unsigned = [p for p in session.participants if session.signed_by(p) is None]
    if me is None:
        return unsigned
    if me.role == Role.PEER:
        return [p for p in unsigned if p == me.id]
    return sorted(unsigned, key=lambda p: p != me.id)


def sign_off(
    ctx, store, lines: Lines, me: Person | None, session: Session, people, tracks, *, finished=False
) -> int:
    """The summary, then each participant who may sign here is asked, by the TUI's rules:
    signed in, you sign as yourself and anyone beside you types their own passphrase;
    a folder nobody signs in to, anyone not yet signed."""
    from ..services.plain_text import plain_text
    from ..services.summary import session_markdown
    from ..usecases.sessions import sign_session

    lines.say("\nFinished. The summary, as it is kept:\n" if finished else "\nThe summary:\n")
    lines.say(plain_text(session_markdown(session, people, tracks), lines.width).rstrip())
    try:
        for person_id in signable(session, me):
            name = people[person_id].name if person_id in people else "someone no longer listed"
            lines.say("")
            if not lines.yes_no(f"Sign off as {name}? Signing says this summary is a fair record."):
                continue
            comment = lines.read("A comment (optional):")
            secret = None
            if me is not None and person_id != me.id:
                secret = lines.secret(f"{name}, type your own passphrase:")
            try:
                session = sign_session(
                    store, session, person_id, comment, clock=ctx.clock, passphrase=secret
                )
                lines.say(f"Signed by {name}.")
            except (ValidationError, StoreError) as error:
                lines.say(f"Not signed: {error}")
    except EndOfInput:
        ended = True
    else:
        ended = False
    waiting = [people[p].name for p in session.participants if session.signed_by(p) is None]
    if session.status == SessionStatus.ACKNOWLEDGED:
        lines.say("Signed off by everyone: the session is acknowledged.")
    else:
        lead = "The input ended: the session" if ended else "The session"
        lines.say(
            f"{lead} is kept, awaiting sign-off from {', '.join(waiting)}. "
            "They sign in the app, or here: supervise session --plain."
        )
    lines.say(f"Its id is {session.id[:8]}: supervise show {session.id[:8]} prints it.")
    return EXIT_FAIL if ended else EXIT_OK
