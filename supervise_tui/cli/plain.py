"""`supervise session --plain`: a whole session on plain lines, for a screen reader or a
braille display (or answers piped in). The same use cases and store as the TUI: the same
draft, autosaved after every answer and resumable; finished and signed off by the same
rules. The end of input keeps the draft and says so (exit 1)."""

from __future__ import annotations

from ..domain.dates import human_datetime, parse_datetime
from ..domain.enums import Role, SessionKind, SessionStatus
from ..domain.errors import ValidationError
from ..domain.models import Person, Session
from ..services.walkthrough import step_name
from ..store.errors import StoreError
from .common import EXIT_FAIL, EXIT_OK, Ctx, UsageError, open_records
from .plain_io import Command, EndOfInput, Lines

EXIT_STOPPED = 130  # Ctrl+C, as the other commands


def cmd_session(ctx: Ctx, args) -> int:
    if not args.plain:
        raise UsageError(
            "add --plain for the session line by line (`supervise` opens the app for one)"
        )
    lines = Lines()
    with open_records(ctx) as store:
        me = store.person(store.signed_in) if store.signed_in not in (None, "recovery") else None
        if me is not None and me.role == Role.PEER:
            lines.say(
                "A session is run by a supervisor: they start it, and you sign it off with them."
            )
            return EXIT_FAIL
        started: list[Session] = []  # the draft once there is one, then the held session
        try:
            return _session(ctx, store, lines, me, args.peer, started)
        except (EndOfInput, KeyboardInterrupt) as stop:
            why = "The input ended" if isinstance(stop, EndOfInput) else "Stopped"
            if not started:
                lines.say(f"{why} before a session was started: nothing was changed.")
            elif started[-1].status == SessionStatus.DRAFT:
                lines.say(f"{why}: the draft is kept. Run the same command again to resume it.")
            else:
                lines.say(f"{why}: the session is finished and kept; it is signed in the app.")
            return EXIT_FAIL if isinstance(stop, EndOfInput) else EXIT_STOPPED


def _session(ctx: Ctx, store, lines: Lines, me, peer_name: str | None, started: list) -> int:
    from ..services.questions import Walk
    from ..store.packs import load_library
    from ..usecases.people import find_person, visible_peers
    from .plain_walk import Walker

    if peer_name:
        peer = find_person(store, peer_name, Role.PEER)
    else:
        peers = [p for p in visible_peers(store) if p.active]
        if not peers:
            lines.say("There is no peer specialist yet: add one in the app first (People).")
            return EXIT_FAIL
        peer = peers[_pick(lines, "Which peer specialist is this session with", peers)]
    library = load_library()
    lines.say(
        f"A session with {peer.name}, line by line. Enter alone keeps an answer as it is; "
        "at any question, help says what the step is for and the words that steer "
        "(back, skip, done, finish)."
    )
    draft, resumed = _resume_or_start(ctx, store, lines, me, peer, library)
    if draft is None:
        return EXIT_FAIL
    started.append(draft)
    people = {p.id: p for p in store.people()}
    today = ctx.today() if resumed else draft.when.date()  # as the TUI has it
    walk = Walk(draft, store.tracks(peer.id), people, today)
    held = Walker(lines, store, walk, library.get(draft.pack_id), ctx).run()
    started.append(held)  # finished: no draft any more
    return _sign(ctx, store, lines, me, held, people, walk.tracks)


def _pick(lines: Lines, question: str, people: list[Person]) -> int:
    while True:
        chosen = lines.choose(question, [p.display for p in people])
        if isinstance(chosen, int):
            return chosen
        lines.say("Please choose one by its number.")


def _resume_or_start(ctx, store, lines, me, peer, library) -> tuple[Session | None, bool]:
    """The peer's unfinished session, when they have one and it is wanted; else a new one."""
    open_ones = [d for d in store.drafts() if d.peer_id == peer.id]
    if open_ones:
        lines.say(f"{peer.name} has a session in progress.")
        options = [
            f"Resume the session of {human_datetime(d.when)}, {d.kind.label.lower()}, "
            f"at {step_name(d.step).lower() if d.step else 'the start'}"
            for d in open_ones
        ] + ["Start a new session"]
        while True:
            chosen = lines.choose("Resume it", options, blank="Enter resumes the first")
            if not isinstance(chosen, Command):
                break
            lines.say("Choose by number: a session to resume, or the last to start a new one.")
        if chosen is None or chosen < len(open_ones):
            return open_ones[chosen or 0], True
    return _start(ctx, store, lines, me, peer, library), False


def _start(ctx, store, lines, me, peer, library) -> Session | None:
    from ..usecases.sessions import start_session, usual_supervisors

    sups = [p for p in store.people(role=Role.SUPERVISOR) if p.active]
    if not sups:
        lines.say("There is no active supervisor yet: add one in the app first (People).")
        return None
    usual = usual_supervisors(store, peer.id, me.id if me else None)
    chosen = _supervisors(lines, sups, usual)
    kinds = list(SessionKind)
    picked = lines.choose("Kind of session", [k.label for k in kinds], blank="Enter: weekly")
    kind = kinds[picked] if isinstance(picked, int) else SessionKind.WEEKLY
    while True:
        text = lines.read("When (Enter for now; or for example today 14:30):").strip()
        try:
            when = parse_datetime(text or "now", ctx.local_now())
            break
        except ValidationError as error:
            lines.say(error.message)
    pack = library.for_kind(kind)
    lines.say(f"On {human_datetime(when)}." + (f" Prompts from: {pack.title}." if pack else ""))
    return start_session(store, peer, chosen, kind, when, pack.id if pack else "", clock=ctx.clock)


def _supervisors(lines: Lines, sups: list[Person], usual: list[str]) -> list[str]:
    names = ", ".join(p.name for p in sups if p.id in usual)
    lines.say("Who supervises in this session (more than one is welcome):")
    for number, person in enumerate(sups, 1):
        lines.say(f"{number}. {person.display}", indent="  ")
    while True:
        ask = "Numbers, with spaces between" + (f" (Enter for {names})" if names else "")
        answer = lines.read(ask + ":").replace(",", " ").split()
        chosen = usual if not answer else []
        if answer and all(a.isdigit() and 1 <= int(a) <= len(sups) for a in answer):
            chosen = list(dict.fromkeys(sups[int(a) - 1].id for a in answer))
        if chosen:
            lines.say(", ".join(p.name for p in sups if p.id in chosen) + ".")
            return chosen
        lines.say(f"Please type one or more numbers from 1 to {len(sups)}.")


# -- sign-off ---------------------------------------------------------------------------


def _sign(ctx, store, lines: Lines, me: Person | None, session: Session, people, tracks) -> int:
    """The summary, then each participant who may sign here is asked, by the TUI's rules:
    signed in, you sign as yourself and anyone beside you types their own passphrase;
    a folder nobody signs in to, anyone not yet signed."""
    from ..services.plain_text import plain_text
    from ..services.summary import session_markdown
    from ..usecases.sessions import sign_session

    lines.say("\nFinished. The summary, as it is kept:\n")
    lines.say(plain_text(session_markdown(session, people, tracks), lines.width).rstrip())
    unsigned = [p for p in session.participants if session.signed_by(p) is None]
    if me is not None:
        unsigned.sort(key=lambda p: p != me.id)
    try:
        for person_id in unsigned:
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
            "They sign in the app (s on the summary, from Home)."
        )
    lines.say(f"Its id is {session.id[:8]}: supervise show {session.id[:8]} prints it.")
    return EXIT_FAIL if ended else EXIT_OK
